// People ahead of a ticket and its estimated wait (method: docs/estimates.md).
import type { Store, TicketRow } from '../store.ts';

/** What the estimate needs of a ticket. */
export type EstimateInput = Pick<TicketRow, 'status' | 'service_id' | 'issued_at' | 'priority'>;

export interface WaitEstimate {
  waitingAhead: number;
  estimatedWaitMinutes: number;
}

export function estimator(store: Store, sampleSize: number) {
  const aheadPriority = store.db.prepare<[string, number], { n: number }>(
    `SELECT COUNT(*) AS n FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND priority IS NOT NULL AND issued_at < ?`,
  );
  // Priority tickets go first whenever they came, so they are all ahead of a normal one:
  // everyone issued before it, plus priority tickets issued since. Two range counts, so the
  // first one is answered from the index alone (an OR would read every waiting row).
  const aheadBefore = store.db.prepare<[string, number], { n: number }>(
    `SELECT COUNT(*) AS n FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND issued_at < ?`,
  );
  const priorityAfter = store.db.prepare<[string, number], { n: number }>(
    `SELECT COUNT(*) AS n FROM tickets INDEXED BY tickets_waiting
     WHERE status = 'waiting' AND service_id = ? AND issued_at >= ? AND priority IS NOT NULL`,
  );
  const recentService = store.db.prepare<[string, number], { avg: number | null; n: number }>(
    `SELECT AVG(finished_at - started_at) AS avg, COUNT(*) AS n FROM (
       SELECT finished_at, started_at FROM tickets INDEXED BY tickets_done_service
       WHERE status = 'done' AND service_id = ? AND started_at IS NOT NULL
       ORDER BY finished_at DESC LIMIT ?)`,
  );
  const openCounters = store.db.prepare<[string], { n: number }>(
    `SELECT COUNT(*) AS n FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
     WHERE cs.service_id = ? AND c.active = 1 AND c.state IN ('open', 'paused')`,
  );

  // Per field, until something that feeds it changes (Store.bumpEstimates).
  const rates = new Map<string, { version: number; serviceSeconds: number; servers: number }>();
  const fieldRate = (serviceId: string) => {
    const cached = rates.get(serviceId);
    if (cached && cached.version === store.estimateVersion) return cached;
    const sample = recentService.get(serviceId, sampleSize);
    const configured = store.service(serviceId)?.mean_service_seconds ?? 600;
    // Blend toward the configured mean while few services have been measured.
    const measured = sample?.avg ? sample.avg / 1000 : configured;
    const weight = Math.min(sample?.n ?? 0, 5) / 5;
    const rate = {
      version: store.estimateVersion,
      serviceSeconds: weight * measured + (1 - weight) * configured,
      servers: Math.max(1, openCounters.get(serviceId)?.n ?? 0),
    };
    rates.set(serviceId, rate);
    return rate;
  };

  return (ticket: EstimateInput): WaitEstimate => {
    if (ticket.status !== 'waiting') return { waitingAhead: 0, estimatedWaitMinutes: 0 };
    const waitingAhead = ticket.priority
      ? (aheadPriority.get(ticket.service_id, ticket.issued_at)?.n ?? 0)
      : (aheadBefore.get(ticket.service_id, ticket.issued_at)?.n ?? 0) +
        (priorityAfter.get(ticket.service_id, ticket.issued_at)?.n ?? 0);
    const { serviceSeconds, servers } = fieldRate(ticket.service_id);
    const minutes = Math.ceil((waitingAhead * serviceSeconds) / servers / 60);
    return { waitingAhead, estimatedWaitMinutes: minutes };
  };
}
