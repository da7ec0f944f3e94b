// Tickets: rows, their mapping to the shared Ticket, and every write of a ticket's life.
import type { Channel, Priority, Ticket, TicketStatus } from '@luot/shared';
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface TicketRow {
  id: string;
  service_day: string;
  service_id: string;
  origin_service_id: string;
  procedure_id: string | null;
  number: number;
  display_number: string;
  priority: Priority | null;
  channel: Channel;
  status: TicketStatus;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  no_show_at: number | null;
  counter_id: string | null;
  officer_id: string | null;
  target_counter_id: string | null;
  recall_count: number;
  transfer_count: number;
  rating: number | null;
  note: string | null;
  issued_by_device: string | null;
  issued_by_user: string | null;
  counter_number?: number | null;
  procedure_ids?: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function ticketFromRow(row: TicketRow): Ticket {
  return {
    id: row.id,
    serviceDay: row.service_day,
    serviceId: row.service_id,
    procedureId: row.procedure_id,
    number: row.number,
    displayNumber: row.display_number,
    priority: row.priority,
    channel: row.channel,
    status: row.status,
    issuedAt: new Date(row.issued_at).toISOString(),
    calledAt: iso(row.called_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    counterId: row.counter_id,
    counterNumber: row.counter_number ?? null,
    officerId: row.officer_id,
    procedureIds: row.procedure_ids ? (JSON.parse(row.procedure_ids) as string[]) : [],
    recallCount: row.recall_count,
    rating: row.rating,
    targetCounterId: row.target_counter_id,
    note: row.note,
  };
}

const TICKET_SELECT = `
  SELECT t.*, c.number AS counter_number,
    (SELECT json_group_array(procedure_id) FROM ticket_procedures tp WHERE tp.ticket_id = t.id) AS procedure_ids
  FROM tickets t LEFT JOIN counters c ON c.id = t.counter_id`;

/**
 * What a write of a ticket gives back: the row as written, with the same joined columns as
 * TICKET_SELECT, so a command's answer and its realtime event are built from the write itself.
 */
export const RETURNING_TICKET = `RETURNING *,
  (SELECT c.number FROM counters c WHERE c.id = tickets.counter_id) AS counter_number,
  (SELECT json_group_array(tp.procedure_id) FROM ticket_procedures tp WHERE tp.ticket_id = tickets.id) AS procedure_ids`;

export function ticketStatements(db: Db) {
  return {
    ticketById: prepared<TicketRow>(db, `${TICKET_SELECT} WHERE t.id = ?`),
    ticketsOpen: prepared<TicketRow>(
      db,
      `${TICKET_SELECT} WHERE t.status IN ('waiting', 'called', 'serving') ORDER BY t.issued_at`,
    ),
    activeTicketOfCounter: prepared<TicketRow>(
      db,
      `${TICKET_SELECT} WHERE t.counter_id = ? AND t.status IN ('called', 'serving')`,
    ),
    /** The field's highest number today inside its range (day, field, start, end): a seek on the unique key. */
    lastNumber: prepared<{ n: number | null }>(
      db,
      `SELECT MAX(number) AS n FROM tickets
       WHERE service_day = ? AND origin_service_id = ? AND number BETWEEN ? AND ?`,
    ),
    insertTicket: prepared<TicketRow>(
      db,
      `INSERT INTO tickets (id, service_day, service_id, origin_service_id, procedure_id, number,
         display_number, priority, channel, status, issued_at, issued_by_device, issued_by_user)
       VALUES (@id, @serviceDay, @serviceId, @serviceId, @procedureId, @number, @displayNumber,
         @priority, @channel, 'waiting', @issuedAt, @deviceId, @userId) ${RETURNING_TICKET}`,
    ),
    insertProcedureDone: prepared(
      db,
      'INSERT OR IGNORE INTO ticket_procedures (ticket_id, procedure_id) VALUES (?, ?)',
    ),
  };
}

export interface NewTicket {
  id: string;
  serviceDay: string;
  serviceId: string;
  procedureId: string | null;
  number: number;
  displayNumber: string;
  priority: Priority | null;
  channel: Channel;
  issuedAt: number;
  deviceId: string | null;
  userId: string | null;
}

export function ticketData(db: Db) {
  const st = ticketStatements(db);
  // Every write answers the ticket as written (RETURNING_TICKET), or nothing if no row matched.
  const s = (sql: string) => prepared<TicketRow>(db, `${sql} ${RETURNING_TICKET}`);
  const returnToLine = s(
    `UPDATE tickets SET status = 'waiting', counter_id = NULL, officer_id = NULL, called_at = NULL,
       started_at = NULL WHERE id = ?`,
  );
  const releaseTargeted = s(
    `UPDATE tickets SET target_counter_id = NULL WHERE status = 'waiting' AND target_counter_id = ?`,
  );
  const markCalled = s(
    `UPDATE tickets SET status = 'called', called_at = ?, counter_id = ?, officer_id = ?,
       target_counter_id = NULL WHERE id = ? AND status = 'waiting'`,
  );
  const addRecall = s('UPDATE tickets SET recall_count = recall_count + 1 WHERE id = ?');
  const markStarted = s(`UPDATE tickets SET status = 'serving', started_at = ? WHERE id = ?`);
  // Finishing straight from "called" counts the service from the call.
  const markFinished = s(
    `UPDATE tickets SET status = 'done', finished_at = ?, started_at = COALESCE(started_at, called_at),
       note = ? WHERE id = ?`,
  );
  const markNoShow = s(`UPDATE tickets SET status = 'no_show', no_show_at = ? WHERE id = ?`);
  const reinstate = s(
    `UPDATE tickets SET status = 'waiting', no_show_at = NULL, counter_id = NULL, officer_id = NULL,
       called_at = NULL, target_counter_id = ? WHERE id = ?`,
  );
  // Back to waiting with its original issue time, so it keeps its place in line.
  const transfer = s(
    `UPDATE tickets SET status = 'waiting', service_id = ?, target_counter_id = ?, counter_id = NULL,
       officer_id = NULL, called_at = NULL, started_at = NULL, recall_count = 0,
       transfer_count = transfer_count + 1 WHERE id = ?`,
  );
  const cancel = s(
    `UPDATE tickets SET status = 'cancelled', target_counter_id = NULL, finished_at = ? WHERE id = ?`,
  );
  const rate = s('UPDATE tickets SET rating = ? WHERE id = ?');
  const recentNoShows = prepared<TicketRow>(
    db,
    `SELECT * FROM tickets WHERE status = 'no_show' AND counter_id = ? AND no_show_at >= ?
           ORDER BY no_show_at DESC LIMIT 50`,
  );

  return {
    byId(ticketId: string): TicketRow | undefined {
      return st.ticketById.get(ticketId);
    },
    /** The ticket called or being served at this counter, if any. */
    activeOfCounter(counterId: string): TicketRow | undefined {
      return st.activeTicketOfCounter.get(counterId);
    },
    /** The field's highest number of the day within start..end, or null. */
    lastNumber(day: string, originServiceId: string, start: number, end: number): number | null {
      return st.lastNumber.get(day, originServiceId, start, end)?.n ?? null;
    },
    insert(ticket: NewTicket): TicketRow {
      return st.insertTicket.get(ticket)!;
    },
    /** Records a procedure handled; written before the finish so its row lists it. */
    addProcedureDone(ticketId: string, procedureId: string): void {
      st.insertProcedureDone.run(ticketId, procedureId);
    },
    /** Back to waiting, off its counter (the counter signed out). */
    returnToLine(ticketId: string): TicketRow | undefined {
      return returnToLine.get(ticketId);
    },
    /** Waiting tickets sent to this counter go back to their field's line; returns them. */
    releaseTargetedTo(counterId: string): TicketRow[] {
      return releaseTargeted.all(counterId);
    },
    /** Undefined when the ticket was no longer waiting. */
    markCalled(
      ticketId: string,
      at: number,
      counterId: string,
      officerId: string | null,
    ): TicketRow | undefined {
      return markCalled.get(at, counterId, officerId, ticketId);
    },
    addRecall(ticketId: string): TicketRow | undefined {
      return addRecall.get(ticketId);
    },
    markStarted(ticketId: string, at: number): TicketRow | undefined {
      return markStarted.get(at, ticketId);
    },
    markFinished(ticketId: string, at: number, note: string | null): TicketRow | undefined {
      return markFinished.get(at, note, ticketId);
    },
    markNoShow(ticketId: string, at: number): TicketRow | undefined {
      return markNoShow.get(at, ticketId);
    },
    /** A no-show back to waiting, sent to `targetCounterId`. */
    reinstate(ticketId: string, targetCounterId: string): TicketRow | undefined {
      return reinstate.get(targetCounterId, ticketId);
    },
    transfer(ticketId: string, serviceId: string, targetCounterId: string | null): TicketRow | undefined {
      return transfer.get(serviceId, targetCounterId, ticketId);
    },
    cancel(ticketId: string, at: number): TicketRow | undefined {
      return cancel.get(at, ticketId);
    },
    rate(ticketId: string, score: number): TicketRow | undefined {
      return rate.get(score, ticketId);
    },
    /** No-shows at this counter since `since`, newest first (at most 50). */
    recentNoShows(counterId: string, since: number): TicketRow[] {
      return recentNoShows.all(counterId, since);
    },
  };
}

export type TicketData = ReturnType<typeof ticketData>;
