// Which waiting ticket a counter calls next (docs/api.md, Call order).
import type { CallPolicy } from '@luot/shared';
import type { QueueData, WaitingHead } from '../db/queue.ts';

const oldest = (heads: (WaitingHead | undefined)[]) =>
  heads.reduce<WaitingHead | undefined>(
    (best, h) => (h && (!best || h.issuedAt < best.issuedAt) ? h : best),
    undefined,
  );

/** The id of the ticket this counter calls next, or null when nobody waits for it. */
export function nextToCall(
  queue: QueueData,
  counterId: string,
  serviceIds: string[],
  policy: CallPolicy,
): string | null {
  const sent = queue.firstTargeted(counterId);
  if (sent) return sent;
  if (policy === 'strict') {
    for (const serviceId of serviceIds) {
      const hit = queue.firstPriority(serviceId) ?? queue.firstAny(serviceId);
      if (hit) return hit.id;
    }
    return null;
  }
  const priority = oldest(serviceIds.map((s) => queue.firstPriority(s)));
  if (priority) return priority.id;
  return oldest(serviceIds.map((s) => queue.firstAny(s)))?.id ?? null;
}
