// The ticket event log: append-only rows whose seq orders every change.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface NewEvent {
  at: number;
  type: string;
  ticketId: string | null;
  counterId: string | null;
  userId: string | null;
  deviceId: string | null;
  /** JSON text, or null. */
  data: string | null;
}

export function eventStatements(db: Db) {
  return {
    insertEvent: prepared(
      db,
      `INSERT INTO ticket_events (at, type, ticket_id, counter_id, user_id, device_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    lastSeq: prepared<{ seq: number | null }>(db, 'SELECT MAX(seq) AS seq FROM ticket_events'),
  };
}

export function eventData(db: Db) {
  const st = eventStatements(db);
  return {
    /** Appends one event; returns its seq. */
    append(e: NewEvent): number {
      const info = st.insertEvent.run(e.at, e.type, e.ticketId, e.counterId, e.userId, e.deviceId, e.data);
      return Number(info.lastInsertRowid);
    },
    /** The seq of the last event, 0 when there is none. */
    lastSeq(): number {
      return st.lastSeq.get()?.seq ?? 0;
    },
  };
}

export type EventData = ReturnType<typeof eventData>;
