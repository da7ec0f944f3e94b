// The hub's data layer by concern: typed functions over prepared statements, made once per database.
import { catalogData } from './catalog.ts';
import { counterData } from './counters.ts';
import type { Db } from './database.ts';
import { dayData } from './day.ts';
import { eventData } from './events.ts';
import { idempotencyData } from './idempotency.ts';
import { queueData } from './queue.ts';
import { ticketData } from './tickets.ts';
import { userData } from './users.ts';

export function hubData(db: Db) {
  return {
    catalog: catalogData(db),
    users: userData(db),
    tickets: ticketData(db),
    counters: counterData(db),
    queue: queueData(db),
    events: eventData(db),
    day: dayData(db),
    idempotency: idempotencyData(db),
  };
}

export type HubData = ReturnType<typeof hubData>;
