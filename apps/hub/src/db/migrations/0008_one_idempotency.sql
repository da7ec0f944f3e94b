-- Lượt hub schema v8: one idempotency mechanism (docs/architecture.md). Issuing kept its own
-- table (key -> ticket); every other command kept `command_keys` (key -> stored result). Issuing
-- now stores its keys in `command_keys` too, under the command 'tickets:issue', with the request
-- it answered (field, priority, procedure) and the ticket it issued as its result.
INSERT OR IGNORE INTO command_keys (principal, key, command, request, result, created_at)
SELECT k.principal, k.key, 'tickets:issue',
       json_object('serviceId', t.origin_service_id, 'priority', t.priority, 'procedureId', t.procedure_id),
       json_object('ticketId', t.id),
       k.created_at
FROM idempotency_keys k JOIN tickets t ON t.id = k.ticket_id;

DROP TABLE idempotency_keys;
