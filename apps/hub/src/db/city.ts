// The hub's side of the city report (API.md, "The hub's side"): the city link row, and the reads
// a report is made of — the event log after the city's acknowledged seq, the latest state of the
// tickets it touched (with their field, national procedure codes and counter number), the days
// closed in it, and the live snapshot.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface CityLinkRow {
  id: 1;
  url: string;
  centre_code: string;
  joined_at: number;
  acked_seq: number;
  last_sent_at: number | null;
  last_error: string | null;
  failing_since: number | null;
}

/** A ticket as it goes up to the city: its row and what it refers to, by value. */
export interface CityTicketRow {
  id: string;
  service_day: string;
  field_code: string;
  field_name: string;
  procedure_codes: string;
  priority: string | null;
  channel: string;
  status: string;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  counter_number: number | null;
  officer_id: string | null;
  recall_count: number;
  rating: number | null;
}

export interface SliceEvent {
  seq: number;
  type: string;
  ticket_id: string | null;
  data: string | null;
}

export function cityData(db: Db) {
  return {
    link(): CityLinkRow | undefined {
      return prepared<CityLinkRow>(db, 'SELECT * FROM city_link WHERE id = 1').get();
    },
    /** Joins (or re-joins) a city: the acknowledged seq starts again from 0 for a new centre link. */
    saveLink(url: string, centreCode: string, at: number): void {
      prepared(
        db,
        `INSERT INTO city_link (id, url, centre_code, joined_at, acked_seq) VALUES (1, ?, ?, ?, 0)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, centre_code = excluded.centre_code,
           joined_at = excluded.joined_at, acked_seq = 0, last_sent_at = NULL, last_error = NULL, failing_since = NULL`,
      ).run(url, centreCode, at);
    },
    /** The city acknowledged up to `ackedSeq`: sending works. */
    sent(ackedSeq: number, at: number): void {
      prepared(
        db,
        'UPDATE city_link SET acked_seq = ?, last_sent_at = ?, last_error = NULL, failing_since = NULL WHERE id = 1',
      ).run(ackedSeq, at);
    },
    /** The city asked to resume from its own acknowledged seq (a 409: it has less than we thought). */
    rewind(ackedSeq: number): void {
      prepared(db, 'UPDATE city_link SET acked_seq = ? WHERE id = 1').run(ackedSeq);
    },
    failed(error: string, at: number): void {
      prepared(
        db,
        'UPDATE city_link SET last_error = ?, failing_since = COALESCE(failing_since, ?) WHERE id = 1',
      ).run(error, at);
    },
    lastSeq(): number {
      return (
        prepared<{ seq: number | null }>(db, 'SELECT MAX(seq) AS seq FROM ticket_events').get()?.seq ?? 0
      );
    },
    /** Up to `limit` events after `afterSeq`, in order. */
    eventsAfter(afterSeq: number, limit: number): SliceEvent[] {
      return prepared<SliceEvent>(
        db,
        'SELECT seq, type, ticket_id, data FROM ticket_events WHERE seq > ? ORDER BY seq LIMIT ?',
      ).all(afterSeq, limit);
    },
    /** The latest state of these tickets (as they are now, which may be past the slice read). */
    tickets(ids: readonly string[]): CityTicketRow[] {
      if (ids.length === 0) return [];
      return prepared<CityTicketRow>(
        db,
        `SELECT t.id, t.service_day, s.code AS field_code, s.name AS field_name,
           (SELECT json_group_array(p.code) FROM ticket_procedures tp JOIN procedures p ON p.id = tp.procedure_id
              WHERE tp.ticket_id = t.id AND p.code IS NOT NULL) AS procedure_codes,
           t.priority, t.channel, t.status, t.issued_at, t.called_at, t.started_at, t.finished_at,
           c.number AS counter_number, t.officer_id, t.recall_count, t.rating
         FROM json_each(?) j JOIN tickets t ON t.id = j.value
         JOIN services s ON s.id = t.service_id
         LEFT JOIN counters c ON c.id = t.counter_id`,
      ).all(JSON.stringify(ids));
    },
    /** Which of these days are closed (have a frozen summary). */
    closedAmong(days: readonly string[]): string[] {
      if (days.length === 0) return [];
      return prepared<{ day: string }>(
        db,
        'SELECT service_day AS day FROM day_summaries WHERE service_day IN (SELECT value FROM json_each(?)) ORDER BY day',
      )
        .all(JSON.stringify(days))
        .map((r) => r.day);
    },
    /** Waiting now, counters open, and the oldest waiting ticket's issue time, for a service day. */
    live(day: string): { waiting: number; counters_open: number; oldest_waiting: number | null } {
      return prepared<{ waiting: number; counters_open: number; oldest_waiting: number | null }>(
        db,
        `SELECT (SELECT COUNT(*) FROM tickets WHERE service_day = ? AND status = 'waiting') AS waiting,
           (SELECT COUNT(*) FROM counters WHERE state = 'open') AS counters_open,
           (SELECT MIN(issued_at) FROM tickets WHERE service_day = ? AND status = 'waiting') AS oldest_waiting`,
      ).get(day, day)!;
    },
  };
}

export type CityData = ReturnType<typeof cityData>;
