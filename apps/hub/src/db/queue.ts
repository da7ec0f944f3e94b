// The waiting line, read through its partial indexes: who is next, and how many are ahead.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface WaitingHead {
  id: string;
  issuedAt: number;
}

export function queueData(db: Db) {
  // Each query walks the partial index of waiting tickets of one field in issue order.
  const targeted = prepared<{ id: string }>(
    db,
    `SELECT id FROM tickets WHERE status = 'waiting' AND target_counter_id = ?
     ORDER BY issued_at LIMIT 1`,
  );
  const firstPriority = prepared<{ id: string; issued_at: number }>(
    db,
    `SELECT id, issued_at FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND target_counter_id IS NULL AND priority IS NOT NULL
     ORDER BY issued_at LIMIT 1`,
  );
  const firstAny = prepared<{ id: string; issued_at: number }>(
    db,
    `SELECT id, issued_at FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND target_counter_id IS NULL
     ORDER BY issued_at LIMIT 1`,
  );
  const aheadPriority = prepared<{ n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND priority IS NOT NULL AND issued_at < ?`,
  );
  // Two range counts rather than an OR, so the first one is answered from the index alone
  // (an OR would read every waiting row).
  const aheadBefore = prepared<{ n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND issued_at < ?`,
  );
  const priorityAfter = prepared<{ n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND issued_at >= ? AND priority IS NOT NULL`,
  );
  const recentService = prepared<{ avg: number | null; n: number }>(
    db,
    `SELECT AVG(finished_at - started_at) AS avg, COUNT(*) AS n FROM (
       SELECT finished_at, started_at FROM tickets INDEXED BY tickets_done_service
       WHERE status = 'done' AND service_id = ? AND started_at IS NOT NULL
       ORDER BY finished_at DESC LIMIT ?)`,
  );
  const head = (row: { id: string; issued_at: number } | undefined): WaitingHead | undefined =>
    row ? { id: row.id, issuedAt: row.issued_at } : undefined;

  return {
    /** The oldest waiting ticket sent to this counter, if any. */
    firstTargeted(counterId: string): string | undefined {
      return targeted.get(counterId)?.id;
    },
    /** The oldest waiting priority ticket of the field not sent to a counter. */
    firstPriority(serviceId: string): WaitingHead | undefined {
      return head(firstPriority.get(serviceId));
    },
    /** The oldest waiting ticket of the field not sent to a counter. */
    firstAny(serviceId: string): WaitingHead | undefined {
      return head(firstAny.get(serviceId));
    },
    /** Waiting priority tickets of the field issued before `issuedAt`. */
    priorityBefore(serviceId: string, issuedAt: number): number | undefined {
      return aheadPriority.get(serviceId, issuedAt)?.n;
    },
    /** Waiting tickets of the field issued before `issuedAt`. */
    waitingBefore(serviceId: string, issuedAt: number): number | undefined {
      return aheadBefore.get(serviceId, issuedAt)?.n;
    },
    /** Waiting priority tickets of the field issued at or after `issuedAt`. */
    priorityFrom(serviceId: string, issuedAt: number): number | undefined {
      return priorityAfter.get(serviceId, issuedAt)?.n;
    },
    /** Mean service time (ms) of the field's last `sampleSize` finished tickets, and how many there were. */
    recentServiceTime(
      serviceId: string,
      sampleSize: number,
    ): { avgMs: number | null; n: number } | undefined {
      const row = recentService.get(serviceId, sampleSize);
      return row ? { avgMs: row.avg, n: row.n } : undefined;
    },
  };
}

export type QueueData = ReturnType<typeof queueData>;
