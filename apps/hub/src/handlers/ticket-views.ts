// Who sees what of a ticket (API.md, changed 2026-12-04): staff (user tokens) see tickets whole;
// devices (kiosk, wall display, counter devices) and anonymous callers (the citizen's status page)
// get the public view — never the officer's note, officerId, procedureIds or rating. Every path
// that sends tickets out goes through here: REST answers, socket commands, `queue:changed`,
// `queue:snapshot` and GET /api/v1/queue.
import type {
  Counter,
  PublicCounter,
  PublicQueueChangedEvent,
  PublicQueueSnapshot,
  PublicTicket,
  QueueChangedEvent,
  QueueSnapshot,
  RatingWindow,
  Ticket,
  TicketView,
} from '@luot/shared';
import type { Principal } from '../auth/auth.ts';

/** Whether this caller sees tickets whole: signed-in users only, never devices or anonymous callers. */
export const seesPrivate = (principal: Principal | null): boolean => principal?.kind === 'user';

/**
 * The public view of a ticket (shared PublicTicket). Listed field by field on purpose: a field
 * added to Ticket later stays private until it is added here.
 */
export function publicTicket(t: Ticket | PublicTicket): PublicTicket {
  return {
    id: t.id,
    serviceDay: t.serviceDay,
    serviceId: t.serviceId,
    procedureId: t.procedureId,
    number: t.number,
    displayNumber: t.displayNumber,
    priority: t.priority,
    channel: t.channel,
    status: t.status,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    counterId: t.counterId,
    counterNumber: t.counterNumber,
    recallCount: t.recallCount,
    targetCounterId: t.targetCounterId,
  };
}

export function publicCounter(c: Counter): PublicCounter {
  return { ...c, currentTicket: c.currentTicket && publicTicket(c.currentTicket) };
}

export function publicSnapshot(s: QueueSnapshot): PublicQueueSnapshot {
  return { ...s, tickets: s.tickets.map(publicTicket), counters: s.counters.map(publicCounter) };
}

export function publicQueueChanged(e: QueueChangedEvent): PublicQueueChangedEvent {
  return { ...e, tickets: e.tickets.map(publicTicket), counters: e.counters.map(publicCounter) };
}

/** A ticket as this caller may see it. */
export function ticketFor(principal: Principal | null, t: TicketView): TicketView {
  return seesPrivate(principal) ? t : publicTicket(t);
}

export function counterFor(principal: Principal | null, c: Counter): Counter | PublicCounter {
  return seesPrivate(principal) ? c : publicCounter(c);
}

export function snapshotFor(
  principal: Principal | null,
  s: QueueSnapshot,
): QueueSnapshot | PublicQueueSnapshot {
  return seesPrivate(principal) ? s : publicSnapshot(s);
}

/** Replaces `ticket` in an answer by the caller's view of it. */
export function withTicketFor<A extends { ticket: TicketView }>(
  principal: Principal | null,
  answer: A,
): Omit<A, 'ticket'> & { ticket: TicketView } {
  return { ...answer, ticket: ticketFor(principal, answer.ticket) };
}

/**
 * Whether the citizen may still rate a done ticket (null before it is done): once, within
 * `windowMs` of finishing by the hub's clock (engine/tickets.ts `rate` enforces the same rule).
 */
export function ratingWindow(t: Ticket, now: number, windowMs: number): RatingWindow | null {
  if (t.status !== 'done' || t.finishedAt === null) return null;
  const closes = Date.parse(t.finishedAt) + windowMs;
  const state = t.rating !== null ? 'rated' : now <= closes ? 'open' : 'closed';
  return { state, closesAt: new Date(closes).toISOString() };
}
