-- Each centre's figures per service day, kept up to date from its tickets whenever a report
-- changes them (db/day-figures.ts): the sums and counts the figures are made of, and the day's
-- waits in ascending order for the exact nearest-rank p90 of any period. A period's figures read
-- one row per centre and day instead of every ticket.
CREATE TABLE centre_day_figures (
  centre_id bigint NOT NULL REFERENCES centres (id),
  date date NOT NULL,
  issued integer NOT NULL,
  served integer NOT NULL,
  no_show integer NOT NULL,
  cancelled integer NOT NULL,
  expired integer NOT NULL,
  wait_sum bigint,
  wait_count integer NOT NULL,
  service_sum bigint,
  service_count integer NOT NULL,
  r1 integer NOT NULL,
  r2 integer NOT NULL,
  r3 integer NOT NULL,
  r4 integer NOT NULL,
  waits bigint[] NOT NULL,
  PRIMARY KEY (centre_id, date)
);
CREATE INDEX centre_day_figures_date ON centre_day_figures (date, centre_id);

INSERT INTO centre_day_figures (centre_id, date, issued, served, no_show, cancelled, expired, wait_sum,
  wait_count, service_sum, service_count, r1, r2, r3, r4, waits)
SELECT centre_id, service_day, count(*), count(*) FILTER (WHERE status = 'done'),
  count(*) FILTER (WHERE status = 'no_show'), count(*) FILTER (WHERE status = 'cancelled'),
  count(*) FILTER (WHERE status = 'expired'), sum(called_at - issued_at), count(called_at - issued_at),
  sum(CASE WHEN status = 'done' THEN finished_at - started_at END),
  count(CASE WHEN status = 'done' THEN finished_at - started_at END),
  count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
  count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
  coalesce(array_agg(called_at - issued_at ORDER BY called_at - issued_at) FILTER (WHERE called_at IS NOT NULL), '{}')
FROM tickets GROUP BY centre_id, service_day;
