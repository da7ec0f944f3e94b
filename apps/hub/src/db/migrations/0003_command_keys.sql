-- Lượt hub schema v3: idempotent staff commands.
-- A counter terminal retries a command (call next, recall, finish, …) with the same
-- Idempotency-Key when its answer was lost (hub restart, network drop). The first run's
-- result is kept here, in the same transaction as the change, so the retry replays it
-- instead of acting twice.
CREATE TABLE command_keys (
  principal TEXT NOT NULL,   -- the user or device id that sent the command
  key TEXT NOT NULL,
  command TEXT NOT NULL,     -- command name, e.g. 'tickets:finish'
  request TEXT NOT NULL,     -- canonical JSON of {params, body}: a key reused for another request is refused
  result TEXT NOT NULL,      -- JSON of the engine result (a ticket or counter id, or null)
  created_at INTEGER NOT NULL,
  PRIMARY KEY (principal, key)
) STRICT;

CREATE INDEX command_keys_created ON command_keys (created_at);

-- A counter terminal lists its recent no-shows (they may be reinstated for a while).
CREATE INDEX tickets_no_show ON tickets (counter_id, no_show_at) WHERE status = 'no_show';
