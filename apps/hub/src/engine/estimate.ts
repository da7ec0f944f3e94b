// People ahead of a ticket and its estimated wait (method: docs/estimates.md).
import type { Store } from '../db/store.ts';
import type { TicketRow } from '../db/tickets.ts';

/** What the estimate needs of a ticket. */
export type EstimateInput = Pick<TicketRow, 'status' | 'service_id' | 'issued_at' | 'priority'>;

export interface WaitEstimate {
  waitingAhead: number;
  estimatedWaitMinutes: number;
}

export function estimator(store: Store, sampleSize: number) {
  const { queue, counters } = store.data;

  // Per field, until something that feeds it changes (Store.bumpEstimates).
  const rates = new Map<string, { version: number; serviceSeconds: number; servers: number }>();
  const fieldRate = (serviceId: string) => {
    const cached = rates.get(serviceId);
    if (cached && cached.version === store.estimateVersion) return cached;
    const sample = queue.recentServiceTime(serviceId, sampleSize);
    const configured = store.service(serviceId)?.mean_service_seconds ?? 600;
    // Blend toward the configured mean while few services have been measured.
    const measured = sample?.avgMs ? sample.avgMs / 1000 : configured;
    const weight = Math.min(sample?.n ?? 0, 5) / 5;
    const rate = {
      version: store.estimateVersion,
      serviceSeconds: weight * measured + (1 - weight) * configured,
      servers: Math.max(1, counters.openCountOfService(serviceId) ?? 0),
    };
    rates.set(serviceId, rate);
    return rate;
  };

  return (ticket: EstimateInput): WaitEstimate => {
    if (ticket.status !== 'waiting') return { waitingAhead: 0, estimatedWaitMinutes: 0 };
    // Priority tickets go first whenever they came, so they are all ahead of a normal one:
    // everyone issued before it, plus priority tickets issued since.
    const waitingAhead = ticket.priority
      ? (queue.priorityBefore(ticket.service_id, ticket.issued_at) ?? 0)
      : (queue.waitingBefore(ticket.service_id, ticket.issued_at) ?? 0) +
        (queue.priorityFrom(ticket.service_id, ticket.issued_at) ?? 0);
    const { serviceSeconds, servers } = fieldRate(ticket.service_id);
    const minutes = Math.ceil((waitingAhead * serviceSeconds) / servers / 60);
    return { waitingAhead, estimatedWaitMinutes: minutes };
  };
}
