// The ticket status page's data: it polls GET /api/v1/tickets/:id (public: the id is an
// unguessable 128-bit value). Why polling and not the socket: the hub's socket refuses
// anonymous connections (every socket needs a user or device token, API.md) and a citizen's
// phone has none; a 3-second poll of one small JSON answer is cheap for the hub, survives
// phones sleeping and networks changing, and is refreshed at once when the page becomes
// visible again (visibilitychange). Polling pauses while the page is hidden. A done ticket is
// polled on while the citizen may still rate it (30 minutes, by the hub's clock: the hub says when
// the rating closes, or that it was given on the counter's rating device meanwhile).
import type { TicketLookup, TicketStatus } from '@luot/shared';

export const STATUS_POLL_MS = 3000;

/** Statuses after which the ticket never changes again (no-show can still be reinstated). */
export const SETTLED: readonly TicketStatus[] = ['done', 'cancelled', 'expired'];

export type StatusError = 'not_found' | 'unreachable';

/** Nothing more will change for this page: a final status, and no rating still open. */
export const isSettled = (data: TicketLookup) =>
  SETTLED.includes(data.ticket.status) && data.ratingWindow?.state !== 'open';

export interface StatusPollerOptions {
  load: () => Promise<TicketLookup>;
  onData: (data: TicketLookup) => void;
  onError: (error: StatusError) => void;
  intervalMs?: number;
  /** Default: `document` when there is one. */
  document?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
}

/** Starts polling at once; returns `stop`. Never two requests at a time. */
export function startStatusPolling(options: StatusPollerOptions): () => void {
  const interval = options.intervalMs ?? STATUS_POLL_MS;
  const doc =
    options.document ??
    (typeof document !== 'undefined' ? (document as StatusPollerOptions['document']) : undefined);
  let stopped = false;
  let inFlight = false;
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && !settled) timer = setTimeout(tick, interval);
  };

  const tick = async () => {
    if (stopped || inFlight) return;
    if (doc && doc.visibilityState === 'hidden') return schedule();
    inFlight = true;
    try {
      const data = await options.load();
      if (stopped) return;
      settled = isSettled(data);
      options.onData(data);
    } catch (error) {
      if (stopped) return;
      const status = (error as { status?: number } | null)?.status;
      if (status === 404 || status === 400) {
        settled = true;
        options.onError('not_found');
      } else options.onError('unreachable');
    } finally {
      inFlight = false;
    }
    schedule();
  };

  const onVisible = () => {
    if (doc?.visibilityState === 'visible') void tick();
  };
  doc?.addEventListener('visibilitychange', onVisible);
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    doc?.removeEventListener('visibilitychange', onVisible);
  };
}
