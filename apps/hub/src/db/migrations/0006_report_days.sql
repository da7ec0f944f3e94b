-- Lượt hub schema v6: the report figures of past service days, kept across restarts
-- (docs/reports.md). A cache of what reports/day-figures.ts reads from the tickets: a freshly
-- started hub answers a year's report from these rows instead of reading a year of tickets.
-- Nothing else reads them; dropping every row only makes the next long report slower.

-- One row per past day read (JSON of its figures, 'null' for a day without tickets).
CREATE TABLE report_days (
  day TEXT PRIMARY KEY,
  figures TEXT NOT NULL
) STRICT;

-- The log position up to which every change has been applied to report_days (a day whose
-- tickets have log rows after it is dropped before use), and the time zone of its local hours.
CREATE TABLE report_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seen_seq INTEGER NOT NULL,
  time_zone TEXT NOT NULL
) STRICT;
