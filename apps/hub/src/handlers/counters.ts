// Handlers of the hub's counters commands (contract: @luot/shared contract/counters.ts). Counters: the
// list, recent no-shows, signing in and out, pausing, calling.
import { LuotError, type PauseRequest } from '@luot/shared';
import type { z } from 'zod';
import { ticketFromRow } from '../db/store.ts';
import { counters, tickets } from '../engine/index.ts';
import type { Committed } from '../hub.ts';
import { handlers, idempotent } from './kit.ts';
import { onOne } from './on-one.ts';
import { counterFor } from './ticket-views.ts';

/** A counter command's answer: the counter as the command left it. */
const counterAnswer = (done: Committed<string>) => ({ counter: done.counter(done.result) });

export const COUNTER_HANDLERS = handlers({
  'counters:list': ({ hub, principal }) => ({
    counters: hub.store.counters().map((c) => counterFor(principal, c)),
  }),
  'counters:no-shows': ({ hub, params }) => {
    if (!hub.store.counterRow(params.id)) throw new LuotError('not_found', `no counter ${params.id}`);
    const grace = hub.engine.options.reinstateGraceMs;
    const rows = hub.store.data.tickets.recentNoShows(params.id, hub.now() - grace);
    return {
      noShows: rows.map((row) => ({
        ticket: ticketFromRow(row),
        at: new Date(row.no_show_at!).toISOString(),
      })),
      graceMinutes: Math.round(grace / 60_000),
    };
  },
  'counters:call-next': async ({ hub, principal, params, idempotencyKey }) => {
    const path = '/api/v1/counters/:id/call-next';
    const done = await hub.exec(
      principal,
      'call-next',
      idempotent(idempotencyKey, path, { params, body: {} }, (ctx) => tickets.callNext(ctx, params.id)),
    );
    return { ticket: done.result ? done.ticket(done.result) : null };
  },
  'counters:call': async ({ hub, principal, params, body, idempotencyKey }) => {
    const path = '/api/v1/counters/:id/call';
    const done = await hub.exec(
      principal,
      'call',
      idempotent(idempotencyKey, path, { params, body }, (ctx) =>
        tickets.callTicket(ctx, params.id, body.ticketId),
      ),
    );
    return { ticket: done.ticket(done.result) };
  },
  'counters:sign-in': onOne(
    'counters:sign-in',
    'counter:sign-in',
    (ctx, id) => counters.signIn(ctx, id),
    counterAnswer,
  ),
  'counters:sign-out': onOne(
    'counters:sign-out',
    'counter:sign-out',
    (ctx, id) => counters.signOut(ctx, id),
    counterAnswer,
  ),
  'counters:pause': onOne(
    'counters:pause',
    'counter:pause',
    (ctx, id, body: z.infer<typeof PauseRequest>) => counters.pause(ctx, id, body.reason),
    counterAnswer,
  ),
  'counters:resume': onOne(
    'counters:resume',
    'counter:resume',
    (ctx, id) => counters.resume(ctx, id),
    counterAnswer,
  ),
});
