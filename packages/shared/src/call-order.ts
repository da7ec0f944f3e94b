// The order in which a counter will call waiting tickets, as the hub does (docs/api.md, Call
// order; apps/hub/src/engine/call-order.ts does the same in SQL): tickets transferred or
// reinstated to this counter first (oldest first), then by the counter's call policy —
// 'default': priority tickets of all its fields first, then the oldest; 'strict': field by
// field in the counter's order, priority first within a field. Issue time breaks ties, then
// the number.
import type { Counter, Ticket } from './schemas.ts';

type Orderable = Pick<
  Ticket,
  'id' | 'status' | 'serviceId' | 'priority' | 'issuedAt' | 'number' | 'targetCounterId'
>;
type CounterLike = Pick<Counter, 'id' | 'serviceIds' | 'callPolicy'>;

const byAge = (a: Orderable, b: Orderable) => a.issuedAt.localeCompare(b.issuedAt) || a.number - b.number;
const priorityFirst = (a: Orderable, b: Orderable) =>
  Number(b.priority !== null) - Number(a.priority !== null) || byAge(a, b);

export function waitingOrder<T extends Orderable>(counter: CounterLike, tickets: Iterable<T>): T[] {
  const sent: T[] = [];
  const mine: T[] = [];
  const fields = new Map(counter.serviceIds.map((id, i) => [id, i]));
  for (const t of tickets) {
    if (t.status !== 'waiting') continue;
    if (t.targetCounterId === counter.id) sent.push(t);
    else if (t.targetCounterId === null && fields.has(t.serviceId)) mine.push(t);
  }
  sent.sort(byAge);
  if (counter.callPolicy === 'strict') {
    mine.sort((a, b) => fields.get(a.serviceId)! - fields.get(b.serviceId)! || priorityFirst(a, b));
  } else {
    mine.sort(priorityFirst);
  }
  return [...sent, ...mine];
}
