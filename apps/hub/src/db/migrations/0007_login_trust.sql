-- Lượt hub schema v7: the addresses each user signed in from (docs/api.md, Authentication).
-- A failed-login lock on a username does not apply to an address where that user signed in
-- recently, so a stranger's bad passwords cannot lock an officer out of their own counter PC.
CREATE TABLE login_trust (
  username TEXT NOT NULL,
  client TEXT NOT NULL,
  last_success_at INTEGER NOT NULL,
  PRIMARY KEY (username, client)
) STRICT;
