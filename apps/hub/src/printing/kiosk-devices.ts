// Paired devices as the admin sees them: kiosk printer settings and open alerts (paper out, …).
import type { DeviceAlert, DeviceInfo, PrinterSettings } from '@luot/shared';
import type { DeviceRow, Store } from '../db/store.ts';

interface AlertRow {
  id: number;
  device_id: string;
  kind: string;
  code: string;
  message: string;
  at: number;
  last_at: number;
  count: number;
  cleared_at: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function alertFromRow(row: AlertRow): DeviceAlert {
  return {
    id: String(row.id),
    kind: row.kind,
    code: row.code,
    message: row.message,
    at: iso(row.at),
    lastAt: iso(row.last_at),
    count: row.count,
  };
}

export function printerSettings(row: DeviceRow): PrinterSettings | null {
  if (row.kind !== 'kiosk') return null;
  return { uri: row.printer_uri, paper: row.printer_paper, mode: row.printer_mode };
}

export function deviceRow(store: Store, id: string): DeviceRow | undefined {
  return store.sql<DeviceRow>('SELECT * FROM devices WHERE id = ? AND active = 1').get(id);
}

export function openAlerts(store: Store, deviceId: string): DeviceAlert[] {
  return store
    .sql<AlertRow>('SELECT * FROM device_alerts WHERE device_id = ? AND cleared_at IS NULL ORDER BY id')
    .all(deviceId)
    .map(alertFromRow);
}

export function deviceInfo(store: Store, row: DeviceRow): DeviceInfo {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    counterId: row.counter_id,
    zone: row.zone,
    lastSeenAt: row.last_seen_at === null ? null : iso(row.last_seen_at),
    printer: printerSettings(row),
    alerts: openAlerts(store, row.id),
  };
}

export function listDevices(store: Store): DeviceInfo[] {
  return store
    .sql<DeviceRow>('SELECT * FROM devices WHERE active = 1 ORDER BY kind, name, id')
    .all()
    .map((row) => deviceInfo(store, row));
}

export function setPrinter(
  store: Store,
  id: string,
  printer: { uri: string | null; paper?: 58 | 80 | undefined; mode?: PrinterSettings['mode'] | undefined },
  now: number,
): void {
  store.tx(() => {
    const before = deviceRow(store, id)!;
    store
      .sql('UPDATE devices SET printer_uri = ?, printer_paper = ?, printer_mode = ? WHERE id = ?')
      .run(printer.uri, printer.paper ?? before.printer_paper, printer.mode ?? before.printer_mode, id);
    // Another printer: what was wrong with the old one no longer applies.
    if (before.printer_uri !== printer.uri) clearAlerts(store, id, 'printer', now);
  });
}

/** Records an alert; while one of the same device, kind and code is open, it is counted instead. */
export function raiseAlert(
  store: Store,
  alert: { deviceId: string; kind: string; code: string; message: string },
  now: number,
): void {
  store.tx(() => {
    const updated = store
      .sql(
        `UPDATE device_alerts SET count = count + 1, last_at = ?, message = ?
         WHERE device_id = ? AND kind = ? AND code = ? AND cleared_at IS NULL`,
      )
      .run(now, alert.message, alert.deviceId, alert.kind, alert.code);
    if (updated.changes === 0) {
      store
        .sql(
          `INSERT INTO device_alerts (device_id, kind, code, message, at, last_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(alert.deviceId, alert.kind, alert.code, alert.message, now, now);
    }
  });
}

/** Clears the device's open alerts of this kind; returns how many were open. */
export function clearAlerts(store: Store, deviceId: string, kind: string, now: number): number {
  return store
    .sql('UPDATE device_alerts SET cleared_at = ? WHERE device_id = ? AND kind = ? AND cleared_at IS NULL')
    .run(now, deviceId, kind).changes;
}
