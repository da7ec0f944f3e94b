// Counter commands: sign in, sign out, pause, resume. One officer per counter, one counter per officer.
import type { CounterRow } from '../db/counters.ts';
import { conflict, type EngineCtx, forbidden, notFound } from './context.ts';

function counterOrThrow(ctx: EngineCtx, counterId: string): CounterRow {
  const counter = ctx.data.counters.byId(counterId);
  if (!counter || counter.active !== 1) throw notFound(`no counter ${counterId}`);
  return counter;
}

/** Signed in there, or an admin (who may close or pause any counter). */
function assertMayManage(ctx: EngineCtx, counter: CounterRow): void {
  if (ctx.actor.role === 'admin') return;
  if (!ctx.actor.userId || counter.officer_id !== ctx.actor.userId) {
    throw forbidden(`you are not signed in at counter ${counter.number}`);
  }
}

export function signIn(ctx: EngineCtx, counterId: string): string {
  const counter = counterOrThrow(ctx, counterId);
  const userId = ctx.actor.userId;
  if (!userId) throw forbidden('only a user can sign in at a counter');
  if (counter.officer_id === userId) return counter.id;
  if (counter.officer_id) {
    const other = ctx.data.users.displayName(counter.officer_id);
    throw conflict(`counter ${counter.number} is taken by ${other ?? 'another officer'}`);
  }
  const elsewhere = ctx.data.counters.ofOfficer(userId);
  if (elsewhere) {
    throw conflict(`you are signed in at counter ${elsewhere.number}; sign out there first`);
  }
  ctx.wroteCounter(
    ctx.data.counters.setState(counter.id, { state: 'open', pauseReason: null, officerId: userId }),
  );
  ctx.store.bumpEstimates();
  ctx.log('counter.signed_in', { counterId: counter.id });
  return counter.id;
}

export function signOut(ctx: EngineCtx, counterId: string): string {
  const counter = counterOrThrow(ctx, counterId);
  assertMayManage(ctx, counter);
  if (counter.state === 'closed' && counter.officer_id === null) return counter.id;
  // A ticket still at the counter goes back to the line at its original place, never lost.
  const active = ctx.data.tickets.activeOfCounter(counter.id);
  if (active) {
    ctx.wrote(ctx.data.tickets.returnToLine(active.id));
    ctx.log('ticket.returned', { ticketId: active.id, counterId: counter.id }, { why: 'counter signed out' });
  }
  // Tickets sent to this counter would wait for nobody: they go back to their field's line.
  const released = ctx.data.tickets.releaseTargetedTo(counter.id);
  for (const row of released) {
    ctx.wrote(row);
    ctx.log('ticket.released', { ticketId: row.id, counterId: counter.id }, { why: 'counter signed out' });
  }
  ctx.wroteCounter(
    ctx.data.counters.setState(counter.id, { state: 'closed', pauseReason: null, officerId: null }),
  );
  ctx.store.bumpEstimates();
  ctx.log('counter.signed_out', { counterId: counter.id });
  return counter.id;
}

export function pause(ctx: EngineCtx, counterId: string, reason: string | undefined): string {
  const counter = counterOrThrow(ctx, counterId);
  assertMayManage(ctx, counter);
  if (counter.state === 'closed') throw conflict(`counter ${counter.number} is closed`);
  ctx.wroteCounter(
    ctx.data.counters.setState(counter.id, {
      state: 'paused',
      pauseReason: reason || null,
      officerId: counter.officer_id,
    }),
  );
  ctx.store.bumpEstimates();
  ctx.log('counter.paused', { counterId: counter.id }, { reason });
  return counter.id;
}

export function resume(ctx: EngineCtx, counterId: string): string {
  const counter = counterOrThrow(ctx, counterId);
  assertMayManage(ctx, counter);
  if (counter.state !== 'paused') throw conflict(`counter ${counter.number} is not paused`);
  ctx.wroteCounter(
    ctx.data.counters.setState(counter.id, {
      state: 'open',
      pauseReason: null,
      officerId: counter.officer_id,
    }),
  );
  ctx.store.bumpEstimates();
  ctx.log('counter.resumed', { counterId: counter.id });
  return counter.id;
}
