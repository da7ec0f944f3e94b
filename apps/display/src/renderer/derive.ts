// What a display shows, derived from the live queue: which counters and fields belong to its
// zone, which calls it shows and announces, the latest call and the ones before it, and how many
// wait per field. Plain functions over plain data (tested without React or a hub).
import type { CounterState, PublicCounter, PublicTicket, Service, TicketCalledEvent } from '@luot/shared';

/** One call as the display keeps it: from a live `ticket:called`, or from a snapshot's counters. */
export interface CallEntry {
  /** Unique per call (a recall is a new call of the same ticket): React keys, highlight restarts. */
  key: string;
  ticketId: string;
  displayNumber: string;
  fieldId: string;
  counterId: string;
  counterNumber: number;
  /** When it was called (ISO time). */
  at: string;
  recall: boolean;
  /** True for a `ticket:called` seen live; false when only seen as a counter's current ticket. */
  live: boolean;
}

/** What a display covers: a zone of counters (null: all), or one counter (counter-top layout). */
export type DisplayScope = { kind: 'zone'; zone: string | null } | { kind: 'counter'; number: number };

/** Whether a counter is one this display shows. */
export function counterInScope(
  counter: Pick<PublicCounter, 'zone' | 'number'>,
  scope: DisplayScope,
): boolean {
  if (scope.kind === 'counter') return counter.number === scope.number;
  return scope.zone === null || counter.zone === scope.zone;
}

/** The display's counters, by number. */
export function countersInScope(
  counters: Record<string, PublicCounter>,
  scope: DisplayScope,
): PublicCounter[] {
  return Object.values(counters)
    .filter((c) => counterInScope(c, scope))
    .sort((a, b) => a.number - b.number);
}

/**
 * Whether a call belongs on this display. A call from a counter the display does not know yet
 * (before its first snapshot) counts only on a display that shows every zone.
 */
export function callInScope(
  call: { counterId: string; counterNumber: number },
  counters: Record<string, PublicCounter>,
  scope: DisplayScope,
): boolean {
  if (scope.kind === 'counter') return call.counterNumber === scope.number;
  if (scope.zone === null) return true;
  const counter = counters[call.counterId];
  return counter !== undefined && counter.zone === scope.zone;
}

export function callFromEvent(event: TicketCalledEvent): CallEntry {
  return {
    key: `call-${event.seq}-${event.ticket.id}`,
    ticketId: event.ticket.id,
    displayNumber: event.ticket.displayNumber,
    fieldId: event.ticket.serviceId,
    counterId: event.counter.id,
    counterNumber: event.counter.number,
    at: event.at,
    recall: event.recall,
    live: true,
  };
}

const CALLED: readonly PublicTicket['status'][] = ['called', 'serving'];

/** The calls a snapshot still shows: each counter's current ticket (called or being served). */
export function callsFromCounters(counters: readonly PublicCounter[]): CallEntry[] {
  const out: CallEntry[] = [];
  for (const counter of counters) {
    const t = counter.currentTicket;
    if (!t || !CALLED.includes(t.status) || !t.calledAt) continue;
    out.push({
      key: `seen-${t.id}-${t.calledAt}`,
      ticketId: t.id,
      displayNumber: t.displayNumber,
      fieldId: t.serviceId,
      counterId: counter.id,
      counterNumber: counter.number,
      at: t.calledAt,
      recall: false,
      live: false,
    });
  }
  return out;
}

const newestFirst = (a: CallEntry, b: CallEntry) => Date.parse(b.at) - Date.parse(a.at);

/**
 * Merges calls into a list, newest first, one entry per ticket (a recall moves the ticket back
 * to the top), at most `max` long. An entry already there wins over an older one for its ticket.
 */
export function mergeCalls(
  current: readonly CallEntry[],
  added: readonly CallEntry[],
  max: number,
): CallEntry[] {
  const byTicket = new Map<string, CallEntry>();
  for (const call of [...current, ...added]) {
    const seen = byTicket.get(call.ticketId);
    if (
      !seen ||
      Date.parse(call.at) > Date.parse(seen.at) ||
      (call.live && !seen.live && call.at === seen.at)
    )
      byTicket.set(call.ticketId, call);
  }
  return [...byTicket.values()].sort(newestFirst).slice(0, max);
}

/** The latest call and the `recent` ones before it. */
export function latestAndRecent(
  calls: readonly CallEntry[],
  recent: number,
): { latest: CallEntry | null; recent: CallEntry[] } {
  return { latest: calls[0] ?? null, recent: calls.slice(1, 1 + recent) };
}

/** One counter as the grid shows it. */
export interface CounterView {
  id: string;
  number: number;
  name: string;
  state: CounterState;
  /** The number it is calling or serving; null when none. */
  serving: string | null;
}

export function counterView(counter: PublicCounter): CounterView {
  const t = counter.currentTicket;
  return {
    id: counter.id,
    number: counter.number,
    name: counter.name,
    state: counter.state,
    serving: t && CALLED.includes(t.status) ? t.displayNumber : null,
  };
}

/** One field with the number of people waiting for it. */
export interface FieldWaiting {
  id: string;
  name: string;
  nameEn: string;
  waiting: number;
}

/**
 * The fields the display's counters serve (every active field when the display shows all
 * zones), in the hub's order, with their waiting counts.
 */
export function fieldsWaiting(
  fields: readonly Service[],
  counters: readonly PublicCounter[],
  waitingByField: Record<string, number>,
  scope: DisplayScope,
): FieldWaiting[] {
  const all = scope.kind === 'zone' && scope.zone === null;
  const served = new Set(counters.flatMap((c) => c.serviceIds));
  return fields
    .filter((f) => f.active && (all || served.has(f.id)))
    .map((f) => ({ id: f.id, name: f.name, nameEn: f.nameEn, waiting: waitingByField[f.id] ?? 0 }));
}
