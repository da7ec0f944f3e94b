-- The hub's link to its city server (API.md, "The hub's side"): where it reports, as which
-- centre, and how far the city has acknowledged the event log. The centre's private key is a
-- file beside the database (city-key.pem, 0600), never in it.
CREATE TABLE city_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  centre_code TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  acked_seq INTEGER NOT NULL DEFAULT 0,
  last_sent_at INTEGER,
  last_error TEXT,
  failing_since INTEGER
) STRICT;
