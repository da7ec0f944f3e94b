-- Lượt hub schema v2: kiosk printers (the hub prints for browser kiosks) and device alerts.

-- A kiosk's own printer; NULL uses the hub's default printer (LUOT_DEFAULT_PRINTER).
-- Paper and mode apply to whichever printer the kiosk prints on.
ALTER TABLE devices ADD COLUMN printer_uri TEXT;
ALTER TABLE devices ADD COLUMN printer_paper INTEGER NOT NULL DEFAULT 80 CHECK (printer_paper IN (58, 80));
ALTER TABLE devices ADD COLUMN printer_mode TEXT NOT NULL DEFAULT 'raster'
  CHECK (printer_mode IN ('raster', 'text', 'ascii'));

-- Something wrong with a device (a printer out of paper, offline, …). One open alert per
-- device, kind and code: a repeat bumps `count` and `last_at`; the fix sets `cleared_at`.
CREATE TABLE device_alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL REFERENCES devices(id),
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  cleared_at INTEGER
) STRICT;
CREATE INDEX device_alerts_open ON device_alerts(device_id, kind, code) WHERE cleared_at IS NULL;
