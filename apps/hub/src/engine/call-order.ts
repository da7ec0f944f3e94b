// Which waiting ticket a counter calls next (DESIGN.md, Domain: call order).
import type { CallPolicy } from '@luot/shared';
import type { Db } from '../db/database.ts';

export interface CallOrder {
  next(counterId: string, serviceIds: string[], policy: CallPolicy): string | null;
}

export function callOrder(db: Db): CallOrder {
  // Each query walks the partial index of waiting tickets of one field in issue order.
  const targeted = db.prepare<[string], { id: string }>(
    `SELECT id FROM tickets WHERE status = 'waiting' AND target_counter_id = ?
     ORDER BY issued_at LIMIT 1`,
  );
  const firstPriority = db.prepare<[string], { id: string; issued_at: number }>(
    `SELECT id, issued_at FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND target_counter_id IS NULL AND priority IS NOT NULL
     ORDER BY issued_at LIMIT 1`,
  );
  const firstAny = db.prepare<[string], { id: string; issued_at: number }>(
    `SELECT id, issued_at FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND target_counter_id IS NULL
     ORDER BY issued_at LIMIT 1`,
  );

  const oldest = (rows: ({ id: string; issued_at: number } | undefined)[]) =>
    rows.reduce<{ id: string; issued_at: number } | undefined>(
      (best, r) => (r && (!best || r.issued_at < best.issued_at) ? r : best),
      undefined,
    );

  return {
    next(counterId, serviceIds, policy) {
      const sent = targeted.get(counterId);
      if (sent) return sent.id;
      if (policy === 'strict') {
        for (const serviceId of serviceIds) {
          const hit = firstPriority.get(serviceId) ?? firstAny.get(serviceId);
          if (hit) return hit.id;
        }
        return null;
      }
      const priority = oldest(serviceIds.map((s) => firstPriority.get(s)));
      if (priority) return priority.id;
      return oldest(serviceIds.map((s) => firstAny.get(s)))?.id ?? null;
    },
  };
}
