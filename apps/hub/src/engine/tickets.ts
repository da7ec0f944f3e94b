// Ticket commands of the queue engine: issue, call, recall, start, finish, no-show,
// reinstate, transfer, cancel, rate. Plain functions over the store; time comes in ctx.now.
import { randomBytes } from 'node:crypto';
import type { Channel, FinishRequest, IssueTicketRequest, Ticket, TransferRequest } from '@luot/shared';
import { formatTicketNumber, nextTicketNumber } from '@luot/shared';
import type { CounterRow } from '../db/counters.ts';
import type { TicketRow } from '../db/tickets.ts';
import { nextToCall } from './call-order.ts';
import { conflict, type EngineCtx, forbidden, invalid, notFound } from './context.ts';
import { once } from './idempotency.ts';

/**
 * Unguessable (128 random bits: the id is the key to the public status page), url-safe, and
 * led by the time in hex so new ids append to the primary-key index instead of dirtying a
 * random page of it on every insert.
 */
export function newTicketId(now: number): string {
  return `${Math.floor(now).toString(16).padStart(12, '0')}${randomBytes(16).toString('base64url')}`;
}

export interface IssueInput extends IssueTicketRequest {
  idempotencyKey?: string | undefined;
}

export interface IssueResult {
  ticketId: string;
  replayed: boolean;
}

/** The command name issuing keys are stored under. */
const ISSUE = 'tickets:issue';

export function issueTicket(ctx: EngineCtx, input: IssueInput): IssueResult {
  const key = input.idempotencyKey;
  if (!key) return { ticketId: issueNew(ctx, input), replayed: false };
  // The key mechanism of every command (engine/idempotency.ts): the request it answered and the
  // ticket it issued; a key answers for its own service day, reused on a later day it issues afresh.
  const request = JSON.stringify({
    serviceId: input.serviceId,
    priority: input.priority ?? null,
    procedureId: input.procedureId ?? null,
  });
  let replayed = true;
  const { ticketId } = once(
    ctx,
    { key, command: ISSUE, request },
    () => {
      replayed = false;
      return { ticketId: issueNew(ctx, input) };
    },
    (prior) => ctx.data.tickets.byId(prior.ticketId)?.service_day !== ctx.serviceDay,
  );
  return { ticketId, replayed };
}

/** Issues a new ticket (no key, or a key not seen yet); returns its id. */
function issueNew(ctx: EngineCtx, input: IssueInput): string {
  const { store, data, actor } = ctx;
  const service = store.service(input.serviceId);
  if (!service) throw notFound(`serviceId: no field ${input.serviceId}`);
  if (service.active !== 1) throw conflict(`field ${service.code} is not taking tickets`);
  if (input.procedureId) {
    const procedure = data.catalog.procedure(input.procedureId);
    if (!procedure) throw notFound(`procedureId: no procedure ${input.procedureId}`);
    if (procedure.serviceId !== service.id || !procedure.active) {
      throw invalid('procedureId: not a procedure of this field');
    }
  }
  const day = ctx.serviceDay;
  const { start_number: start, end_number: end } = service;
  const last = data.tickets.lastNumber(day, service.id, start, end);
  const number = nextTicketNumber(start, end, last);
  // Numbers never leave the field's range: refused before anything is written.
  if (number === null) {
    const range = `${formatTicketNumber(service.prefix, start)}–${formatTicketNumber(service.prefix, end)}`;
    throw conflict(
      `field ${service.code} (${service.name}) has used up its numbers for today (${range}); ` +
        'no ticket was issued: an administrator can widen its range',
    );
  }
  const channel: Channel = input.channel ?? (actor.deviceId ? 'kiosk' : 'counter');
  const id = newTicketId(ctx.now);
  ctx.wrote(
    data.tickets.insert({
      id,
      serviceDay: day,
      serviceId: service.id,
      procedureId: input.procedureId ?? null,
      number,
      displayNumber: formatTicketNumber(service.prefix, number),
      priority: input.priority ?? null,
      channel,
      issuedAt: ctx.now,
      deviceId: actor.deviceId,
      userId: actor.userId,
    }),
  );
  ctx.log('ticket.issued', { ticketId: id }, { number });
  return id;
}

/** The counter where the acting user is signed in; officers act only there. */
export function actorCounter(ctx: EngineCtx): CounterRow {
  const userId = ctx.actor.userId;
  if (!userId) throw forbidden('only a signed-in officer can act at a counter');
  const counter = ctx.data.counters.ofOfficer(userId);
  if (!counter) throw forbidden('you are not signed in at a counter');
  return counter;
}

function ticketAtActorCounter(ctx: EngineCtx, ticketId: string): { ticket: TicketRow; counter: CounterRow } {
  const ticket = ctx.data.tickets.byId(ticketId);
  if (!ticket) throw notFound(`no ticket ${ticketId}`);
  const userId = ctx.actor.userId;
  if (!userId) throw forbidden('only the officer at the ticket’s counter can do this');
  const counter = ctx.data.counters.ofOfficer(userId);
  if (!counter || ticket.counter_id !== counter.id) {
    throw forbidden('this ticket is not at your counter');
  }
  return { ticket, counter };
}

function requireStatus(ticket: TicketRow, allowed: TicketRow['status'][], action: string): void {
  if (!allowed.includes(ticket.status)) {
    throw conflict(`cannot ${action} ticket ${ticket.display_number}: it is ${ticket.status}`);
  }
}

export function assertCounterCanCall(ctx: EngineCtx, counter: CounterRow): void {
  if (counter.officer_id !== ctx.actor.userId || ctx.actor.userId === null) {
    throw forbidden(`you are not signed in at counter ${counter.number}`);
  }
  if (counter.state === 'paused') throw conflict(`counter ${counter.number} is paused`);
  if (counter.state !== 'open') throw conflict(`counter ${counter.number} is closed`);
  const active = ctx.data.tickets.activeOfCounter(counter.id);
  if (active) {
    throw conflict(`finish, transfer or mark no-show for ticket ${active.display_number} first`);
  }
}

function markCalled(ctx: EngineCtx, ticket: TicketRow, counter: CounterRow, type: string): void {
  ctx.wrote(ctx.data.tickets.markCalled(ticket.id, ctx.now, counter.id, ctx.actor.userId));
  const seq = ctx.log(type, { ticketId: ticket.id, counterId: counter.id });
  ctx.change.calls.push({ seq, ticketId: ticket.id, counterId: counter.id, recall: false });
}

export function callNext(ctx: EngineCtx, counterId: string): string | null {
  const counter = ctx.data.counters.byId(counterId);
  if (!counter || counter.active !== 1) throw notFound(`no counter ${counterId}`);
  assertCounterCanCall(ctx, counter);
  const serviceIds = ctx.store.serviceIdsOfCounter(counter.id);
  const nextId = nextToCall(ctx.data.queue, counter.id, serviceIds, counter.call_policy);
  if (!nextId) return null;
  markCalled(ctx, ctx.data.tickets.byId(nextId)!, counter, 'ticket.called');
  return nextId;
}

/** Calls one chosen waiting ticket (the officer picked it from the list). */
export function callTicket(ctx: EngineCtx, counterId: string, ticketId: string): string {
  const counter = ctx.data.counters.byId(counterId);
  if (!counter || counter.active !== 1) throw notFound(`no counter ${counterId}`);
  assertCounterCanCall(ctx, counter);
  const ticket = ctx.data.tickets.byId(ticketId);
  if (!ticket) throw notFound(`no ticket ${ticketId}`);
  requireStatus(ticket, ['waiting'], 'call');
  const serves = ctx.store.serviceIdsOfCounter(counter.id).includes(ticket.service_id);
  if (ticket.target_counter_id ? ticket.target_counter_id !== counter.id : !serves) {
    throw conflict(`ticket ${ticket.display_number} is not for counter ${counter.number}`);
  }
  markCalled(ctx, ticket, counter, 'ticket.called_specific');
  return ticket.id;
}

export function recall(ctx: EngineCtx, ticketId: string): string {
  const { ticket, counter } = ticketAtActorCounter(ctx, ticketId);
  requireStatus(ticket, ['called'], 'recall');
  ctx.wrote(ctx.data.tickets.addRecall(ticket.id));
  const seq = ctx.log('ticket.recalled', { ticketId: ticket.id, counterId: counter.id });
  ctx.change.calls.push({ seq, ticketId: ticket.id, counterId: counter.id, recall: true });
  return ticket.id;
}

export function start(ctx: EngineCtx, ticketId: string): string {
  const { ticket, counter } = ticketAtActorCounter(ctx, ticketId);
  requireStatus(ticket, ['called'], 'start');
  ctx.wrote(ctx.data.tickets.markStarted(ticket.id, ctx.now));
  ctx.log('ticket.started', { ticketId: ticket.id, counterId: counter.id });
  return ticket.id;
}

export function finish(ctx: EngineCtx, ticketId: string, body: FinishRequest): string {
  const { ticket, counter } = ticketAtActorCounter(ctx, ticketId);
  requireStatus(ticket, ['called', 'serving'], 'finish');
  const ids = [...new Set(body.procedureIds)];
  ids.forEach((id, i) => {
    const procedure = ctx.data.catalog.procedure(id);
    if (!procedure || procedure.serviceId !== ticket.service_id) {
      throw invalid(`procedureIds.${i}: ${id} is not a procedure of this ticket's field`);
    }
  });
  // Finishing straight from "called" counts the service from the call.
  // The procedures first, so the finished row lists them.
  for (const id of ids) ctx.data.tickets.addProcedureDone(ticket.id, id);
  ctx.wrote(ctx.data.tickets.markFinished(ticket.id, ctx.now, body.note ? body.note : null));
  ctx.store.bumpEstimates();
  ctx.log('ticket.finished', { ticketId: ticket.id, counterId: counter.id }, { procedureIds: ids });
  return ticket.id;
}

export function noShow(ctx: EngineCtx, ticketId: string): string {
  const { ticket, counter } = ticketAtActorCounter(ctx, ticketId);
  requireStatus(ticket, ['called'], 'mark as no-show');
  ctx.wrote(ctx.data.tickets.markNoShow(ticket.id, ctx.now));
  ctx.log('ticket.no_show', { ticketId: ticket.id, counterId: counter.id });
  return ticket.id;
}

/** A citizen who missed the call turns up: back to waiting, first in line at this counter. */
export function reinstate(ctx: EngineCtx, ticketId: string): string {
  const counter = actorCounter(ctx);
  const ticket = ctx.data.tickets.byId(ticketId);
  if (!ticket) throw notFound(`no ticket ${ticketId}`);
  requireStatus(ticket, ['no_show'], 'reinstate');
  if (ticket.service_day !== ctx.serviceDay) throw conflict('the ticket is from another day');
  if (ctx.now - (ticket.no_show_at ?? 0) > ctx.options.reinstateGraceMs) {
    const minutes = Math.round(ctx.options.reinstateGraceMs / 60_000);
    throw conflict(`a no-show can be reinstated within ${minutes} minutes only`);
  }
  if (
    !ctx.store.serviceIdsOfCounter(counter.id).includes(ticket.service_id) &&
    ticket.counter_id !== counter.id
  ) {
    throw conflict(`counter ${counter.number} does not serve this ticket's field`);
  }
  ctx.wrote(ctx.data.tickets.reinstate(ticket.id, counter.id));
  ctx.log('ticket.reinstated', { ticketId: ticket.id, counterId: counter.id });
  return ticket.id;
}

export function transfer(ctx: EngineCtx, ticketId: string, body: TransferRequest): string {
  const { ticket, counter } = ticketAtActorCounter(ctx, ticketId);
  requireStatus(ticket, ['called', 'serving'], 'transfer');
  let serviceId = ticket.service_id;
  if (body.serviceId !== undefined) {
    const service = ctx.data.catalog.serviceById(body.serviceId);
    if (!service) throw notFound(`serviceId: no field ${body.serviceId}`);
    if (service.active !== 1) throw conflict(`field ${service.code} is not active`);
    serviceId = service.id;
  }
  let target: string | null = null;
  if (body.counterId !== undefined) {
    const to = ctx.data.counters.byId(body.counterId);
    if (!to || to.active !== 1) throw notFound(`counterId: no counter ${body.counterId}`);
    if (to.id === counter.id) throw invalid('counterId: the ticket is already at this counter');
    if (to.state === 'closed') throw conflict(`counter ${to.number} is closed; transfer to a field instead`);
    target = to.id;
  } else if (serviceId === ticket.service_id) {
    throw invalid('serviceId: the ticket is already in this field');
  }
  // Back to waiting with its original issue time, so it keeps its place in line.
  ctx.wrote(ctx.data.tickets.transfer(ticket.id, serviceId, target));
  ctx.log(
    'ticket.transferred',
    { ticketId: ticket.id, counterId: counter.id },
    { fromServiceId: ticket.service_id, serviceId, counterId: target, reason: body.reason },
  );
  if (target) ctx.change.counters.add(target);
  return ticket.id;
}

export function cancel(ctx: EngineCtx, ticketId: string): string {
  const ticket = ctx.data.tickets.byId(ticketId);
  if (!ticket) throw notFound(`no ticket ${ticketId}`);
  requireStatus(ticket, ['waiting', 'called'], 'cancel');
  // An officer cancels a waiting ticket or one at their own counter; an admin any.
  if (ticket.status === 'called' && ctx.actor.role !== 'admin') {
    const mine = ctx.actor.userId ? ctx.data.counters.ofOfficer(ctx.actor.userId) : undefined;
    if (mine?.id !== ticket.counter_id) throw forbidden('this ticket is called at another counter');
  }
  ctx.wrote(ctx.data.tickets.cancel(ticket.id, ctx.now));
  ctx.log('ticket.cancelled', { ticketId: ticket.id, counterId: ticket.counter_id });
  return ticket.id;
}

/**
 * The citizen's satisfaction (API.md, changed 2026-12-04): from the ticket's status page (no
 * token: holding the unguessable id is the key) or the rating device of the ticket's counter;
 * never a staff token. Once per ticket, within `ratingWindowMs` of finishing.
 */
export function rate(ctx: EngineCtx, ticketId: string, score: number): string {
  const ticket = ctx.data.tickets.byId(ticketId);
  if (!ticket) throw notFound(`no ticket ${ticketId}`);
  const { actor } = ctx;
  if (actor.userId !== null)
    throw forbidden('staff cannot rate: the citizen rates on the counter’s rating device or status page');
  const ofTicketCounter = actor.deviceKind === 'counter' && actor.deviceCounterId === ticket.counter_id;
  if (actor.deviceId !== null && (!ofTicketCounter || ticket.counter_id === null))
    throw forbidden('only the rating device of the ticket’s counter can record its rating');
  requireStatus(ticket, ['done'], 'rate');
  if (ticket.rating !== null) throw conflict('this ticket has already been rated');
  if (ticket.finished_at === null || ctx.now - ticket.finished_at > ctx.options.ratingWindowMs) {
    const minutes = Math.round(ctx.options.ratingWindowMs / 60_000);
    throw conflict(`a ticket can be rated within ${minutes} minutes of finishing only`);
  }
  ctx.wrote(ctx.data.tickets.rate(ticket.id, score));
  ctx.log('ticket.rated', { ticketId: ticket.id, counterId: ticket.counter_id }, { score });
  return ticket.id;
}

export type { Ticket };

/**
 * Staff reprint a ticket: logged (ticket.reprinted) so every extra paper ticket is audited.
 * The printing itself happens after the commit, outside any transaction.
 */
export function reprint(ctx: EngineCtx, ticketId: string, printerDeviceId: string | null): string {
  const ticket = ctx.data.tickets.byId(ticketId);
  if (!ticket) throw notFound(`no ticket ${ticketId}`);
  requireStatus(ticket, ['waiting', 'called', 'serving', 'no_show'], 'reprint');
  ctx.log('ticket.reprinted', { ticketId }, { deviceId: printerDeviceId });
  return ticketId;
}
