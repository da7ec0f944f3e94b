// Handlers of the hub's tickets commands (contract: @luot/shared contract/tickets.ts). Issuing, reading and
// printing tickets, acting on them, and the queue snapshot.
import type { FinishRequest, RatingRequest, TransferRequest } from '@luot/shared';
import type { z } from 'zod';
import { checkKioskIssue } from '../auth/issue-limit.ts';
import { tickets } from '../engine/index.ts';
import type { Committed } from '../hub.ts';
import { printTicket } from '../printing/print-ticket.ts';
import { handlers } from './kit.ts';
import { onOne } from './on-one.ts';
import { ratingWindow, ticketFor, withTicketFor } from './ticket-views.ts';

/** A ticket command's answer: the ticket as the command wrote it. */
const ticketAnswer = (done: Committed<string>) => ({ ticket: done.ticket(done.result) });

export const TICKET_HANDLERS = handlers({
  'tickets:issue': async ({ hub, principal, body, idempotencyKey }) => {
    // A kiosk issues a few tickets a minute; a flood through its token gets 429 (staff: no limit).
    if (principal?.kind === 'device' && principal.device.kind === 'kiosk')
      checkKioskIssue(hub.kioskIssueLimiter, principal.device.id, hub.now());
    const done = await hub.exec(principal, 'issue', (ctx) =>
      tickets.issueTicket(ctx, { ...body, idempotencyKey }),
    );
    // A kiosk gets the public view (a replayed key may answer a ticket finished since).
    return withTicketFor(principal, hub.withWait(done.ticket(done.result.ticketId)));
  },
  'tickets:get': ({ hub, principal, params }) => {
    const found = hub.ticketWithWait(params.id);
    const window = ratingWindow(found.ticket, hub.now(), hub.engine.options.ratingWindowMs);
    return { ...withTicketFor(principal, found), ratingWindow: window };
  },
  'tickets:print': ({ hub, principal, params, body }) =>
    printTicket(hub, principal!, params.id, body).then((answer) => withTicketFor(principal, answer)),
  'queue:get': ({ hub, principal }) => {
    hub.snapshotGate.admit({ tokenHash: principal!.tokenHash });
    return hub.snapshotFor(principal);
  },
  'tickets:recall': onOne('tickets:recall', 'recall', tickets.recall, ticketAnswer),
  'tickets:start': onOne('tickets:start', 'start', tickets.start, ticketAnswer),
  'tickets:no-show': onOne('tickets:no-show', 'no-show', tickets.noShow, ticketAnswer),
  'tickets:reinstate': onOne('tickets:reinstate', 'reinstate', tickets.reinstate, ticketAnswer),
  'tickets:finish': onOne(
    'tickets:finish',
    'finish',
    (ctx, id, body: z.infer<typeof FinishRequest>) => tickets.finish(ctx, id, body),
    ticketAnswer,
  ),
  'tickets:transfer': onOne(
    'tickets:transfer',
    'transfer',
    (ctx, id, body: z.infer<typeof TransferRequest>) => tickets.transfer(ctx, id, body),
    ticketAnswer,
  ),
  'tickets:cancel': onOne('tickets:cancel', 'cancel', tickets.cancel, ticketAnswer),
  'tickets:rating': onOne(
    'tickets:rating',
    'rating',
    (ctx, id, body: z.infer<typeof RatingRequest>) => tickets.rate(ctx, id, body.score),
    (done, principal) => ({ ticket: ticketFor(principal, done.ticket(done.result)) }),
  ),
});
