-- Lượt hub schema v1. Times are epoch milliseconds (INTEGER); ids are TEXT.

CREATE TABLE centre (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  address TEXT NOT NULL DEFAULT '',
  hotline TEXT NOT NULL DEFAULT '',
  opening_hours TEXT NOT NULL DEFAULT '[]',
  settings TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  prefix TEXT NOT NULL DEFAULT '',
  start_number INTEGER NOT NULL CHECK (start_number >= 0),
  end_number INTEGER NOT NULL,
  icon TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  mean_service_seconds INTEGER NOT NULL DEFAULT 600,
  CHECK (end_number >= start_number)
) STRICT;

CREATE TABLE procedures (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES services(id),
  code TEXT,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX procedures_service ON procedures(service_id, sort_order);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'director', 'officer')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE counters (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  zone TEXT NOT NULL DEFAULT 'main',
  call_policy TEXT NOT NULL DEFAULT 'default' CHECK (call_policy IN ('default', 'strict')),
  state TEXT NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'paused')),
  pause_reason TEXT,
  officer_id TEXT UNIQUE REFERENCES users(id),
  active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE counter_services (
  counter_id TEXT NOT NULL REFERENCES counters(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (counter_id, service_id)
) STRICT;
CREATE INDEX counter_services_service ON counter_services(service_id);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'counter', 'display')),
  name TEXT NOT NULL,
  counter_id TEXT REFERENCES counters(id),
  zone TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER
) STRICT;

-- Bearer tokens are stored as SHA-256 hashes; the token itself is only ever in the client.
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT REFERENCES users(id),
  device_id TEXT REFERENCES devices(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  CHECK ((user_id IS NULL) <> (device_id IS NULL))
) STRICT;

CREATE TABLE pairing_codes (
  code_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'counter', 'display')),
  name TEXT NOT NULL,
  counter_id TEXT REFERENCES counters(id),
  zone TEXT,
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  device_id TEXT REFERENCES devices(id)
) STRICT;

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  service_day TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  origin_service_id TEXT NOT NULL REFERENCES services(id),
  procedure_id TEXT REFERENCES procedures(id),
  number INTEGER NOT NULL,
  display_number TEXT NOT NULL,
  priority TEXT CHECK (priority IN ('elderly', 'disabled', 'pregnant', 'child', 'merit')),
  channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'counter', 'online', 'appointment')),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired')),
  issued_at INTEGER NOT NULL,
  called_at INTEGER,
  started_at INTEGER,
  finished_at INTEGER,
  no_show_at INTEGER,
  counter_id TEXT REFERENCES counters(id),
  officer_id TEXT REFERENCES users(id),
  target_counter_id TEXT REFERENCES counters(id),
  recall_count INTEGER NOT NULL DEFAULT 0,
  transfer_count INTEGER NOT NULL DEFAULT 0,
  rating INTEGER CHECK (rating BETWEEN 1 AND 4),
  note TEXT,
  issued_by_device TEXT REFERENCES devices(id),
  issued_by_user TEXT REFERENCES users(id),
  UNIQUE (service_day, origin_service_id, number)
) STRICT;
-- The queue: only waiting tickets, in issue order per field.
CREATE INDEX tickets_waiting ON tickets(service_id, issued_at) WHERE status = 'waiting';
CREATE INDEX tickets_waiting_target ON tickets(target_counter_id, issued_at)
  WHERE status = 'waiting' AND target_counter_id IS NOT NULL;
-- Tickets at a counter right now.
CREATE INDEX tickets_active_counter ON tickets(counter_id) WHERE status IN ('called', 'serving');
-- Recent service times per field, for estimates.
CREATE INDEX tickets_done_service ON tickets(service_id, finished_at) WHERE status = 'done';

CREATE TABLE ticket_procedures (
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  procedure_id TEXT NOT NULL REFERENCES procedures(id),
  PRIMARY KEY (ticket_id, procedure_id)
) STRICT;

CREATE TABLE idempotency_keys (
  principal TEXT NOT NULL,
  key TEXT NOT NULL,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (principal, key)
) STRICT;

-- Append-only log of every change; seq is hub-wide and monotonic (AUTOINCREMENT never reuses).
CREATE TABLE ticket_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  ticket_id TEXT REFERENCES tickets(id),
  counter_id TEXT REFERENCES counters(id),
  user_id TEXT REFERENCES users(id),
  device_id TEXT REFERENCES devices(id),
  data TEXT
) STRICT;

CREATE TABLE day_summaries (
  service_day TEXT PRIMARY KEY,
  closed_at INTEGER NOT NULL,
  summary TEXT NOT NULL,
  upload_state TEXT NOT NULL DEFAULT 'pending' CHECK (upload_state IN ('pending', 'sent'))
) STRICT;
