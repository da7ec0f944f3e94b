-- Lượt hub schema v5: indexes for period reports (docs/reports.md).

-- Finished tickets of a range of service days, with every column a report reads, in the order
-- the report groups them (day, field, counter, officer): the report streams through this
-- index without touching the table or sorting. Partial on the final states, so issuing,
-- calling and serving a ticket never touch it: a ticket enters it once, when it is done,
-- no-show, cancelled or expired (and moves once more if it is rated afterwards).
CREATE INDEX tickets_report ON tickets (
  service_day, service_id, counter_id, officer_id, status,
  issued_at, called_at, started_at, finished_at, rating
) WHERE status IN ('done', 'no_show', 'cancelled', 'expired');

-- The few tickets still open, by day: today's in a report, and the day close's
-- "days before today with open tickets".
CREATE INDEX tickets_open_day ON tickets (service_day) WHERE status IN ('waiting', 'called', 'serving');

-- Procedures handled, by day: each row carries its ticket's service day (which never changes),
-- filled in by a trigger so that the engine's insert stays as it is, and counted by range
-- without a lookup into tickets per row.
ALTER TABLE ticket_procedures ADD COLUMN service_day TEXT;
UPDATE ticket_procedures
  SET service_day = (SELECT t.service_day FROM tickets t WHERE t.id = ticket_procedures.ticket_id);
CREATE TRIGGER ticket_procedures_service_day AFTER INSERT ON ticket_procedures
  WHEN NEW.service_day IS NULL
BEGIN
  UPDATE ticket_procedures
    SET service_day = (SELECT t.service_day FROM tickets t WHERE t.id = NEW.ticket_id)
    WHERE rowid = NEW.rowid;
END;
CREATE INDEX ticket_procedures_day ON ticket_procedures (service_day, procedure_id);
