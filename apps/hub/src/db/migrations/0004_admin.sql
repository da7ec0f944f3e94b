-- Lượt hub schema v4: administration. The audit log of admin changes, the RS-485
-- addresses of each counter's devices, and indexes for revoking tokens and the live overview.

-- Every change made through the administration API, written in the same transaction as the
-- change itself. before/after hold the object as JSON (NULL when it did not exist / is gone).
-- Passwords and tokens never appear in it.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  user_id TEXT REFERENCES users(id),   -- who; NULL for the hub itself or the technician CLI
  action TEXT NOT NULL,                -- e.g. 'service.updated', 'user.password_reset'
  target TEXT,                         -- the id of what changed
  before TEXT,
  after TEXT
) STRICT;

-- Serial devices of a counter (hardware.md: addresses 1..247). NULL: none on the bus.
-- A sign, a keypad and a pad are different device kinds, so only the same kind must not share
-- an address.
ALTER TABLE counters ADD COLUMN sign_address INTEGER CHECK (sign_address BETWEEN 1 AND 247);
ALTER TABLE counters ADD COLUMN keypad_address INTEGER CHECK (keypad_address BETWEEN 1 AND 247);
ALTER TABLE counters ADD COLUMN pad_address INTEGER CHECK (pad_address BETWEEN 1 AND 247);
CREATE UNIQUE INDEX counters_sign_address ON counters(sign_address) WHERE sign_address IS NOT NULL;
CREATE UNIQUE INDEX counters_keypad_address ON counters(keypad_address) WHERE keypad_address IS NOT NULL;
CREATE UNIQUE INDEX counters_pad_address ON counters(pad_address) WHERE pad_address IS NOT NULL;

-- Deactivating a user, resetting a password or revoking a device revokes all their tokens.
CREATE INDEX tokens_user ON tokens(user_id) WHERE user_id IS NOT NULL;
CREATE INDEX tokens_device ON tokens(device_id) WHERE device_id IS NOT NULL;

-- The overview: since when each counter has done nothing (its last logged event).
CREATE INDEX ticket_events_counter ON ticket_events(counter_id, at) WHERE counter_id IS NOT NULL;
