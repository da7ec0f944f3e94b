// Counter commands: sign in, sign out, pause, resume. One officer per counter, one counter per officer.
import type { CounterRow } from '../store.ts';
import { conflict, type EngineCtx, forbidden, notFound } from './context.ts';

function counterOrThrow(ctx: EngineCtx, counterId: string): CounterRow {
  const counter = ctx.store.counterRow(counterId);
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
    const other = ctx.store.st.userById.get(counter.officer_id);
    throw conflict(`counter ${counter.number} is taken by ${other?.display_name ?? 'another officer'}`);
  }
  const elsewhere = ctx.store.st.counterByOfficer.get(userId);
  if (elsewhere) {
    throw conflict(`you are signed in at counter ${elsewhere.number}; sign out there first`);
  }
  ctx.store.st.setCounterState.run('open', null, userId, counter.id);
  ctx.store.bumpEstimates();
  ctx.log('counter.signed_in', { counterId: counter.id });
  return counter.id;
}

export function signOut(ctx: EngineCtx, counterId: string): string {
  const counter = counterOrThrow(ctx, counterId);
  assertMayManage(ctx, counter);
  if (counter.state === 'closed' && counter.officer_id === null) return counter.id;
  // A ticket still at the counter goes back to the line at its original place, never lost.
  const active = ctx.store.st.activeTicketOfCounter.get(counter.id);
  if (active) {
    ctx.store
      .sql(
        `UPDATE tickets SET status = 'waiting', counter_id = NULL, officer_id = NULL, called_at = NULL,
           started_at = NULL WHERE id = ?`,
      )
      .run(active.id);
    ctx.log('ticket.returned', { ticketId: active.id, counterId: counter.id }, { why: 'counter signed out' });
  }
  // Tickets sent to this counter would wait for nobody: they go back to their field's line.
  const released = ctx.store
    .sql<{ id: string }>(
      `UPDATE tickets SET target_counter_id = NULL WHERE status = 'waiting' AND target_counter_id = ? RETURNING id`,
    )
    .all(counter.id);
  for (const { id } of released) {
    ctx.log('ticket.released', { ticketId: id, counterId: counter.id }, { why: 'counter signed out' });
  }
  ctx.store.st.setCounterState.run('closed', null, null, counter.id);
  ctx.store.bumpEstimates();
  ctx.log('counter.signed_out', { counterId: counter.id });
  return counter.id;
}

export function pause(ctx: EngineCtx, counterId: string, reason: string | undefined): string {
  const counter = counterOrThrow(ctx, counterId);
  assertMayManage(ctx, counter);
  if (counter.state === 'closed') throw conflict(`counter ${counter.number} is closed`);
  ctx.store.st.setCounterState.run('paused', reason || null, counter.officer_id, counter.id);
  ctx.store.bumpEstimates();
  ctx.log('counter.paused', { counterId: counter.id }, { reason });
  return counter.id;
}

export function resume(ctx: EngineCtx, counterId: string): string {
  const counter = counterOrThrow(ctx, counterId);
  assertMayManage(ctx, counter);
  if (counter.state !== 'paused') throw conflict(`counter ${counter.number} is not paused`);
  ctx.store.st.setCounterState.run('open', null, counter.officer_id, counter.id);
  ctx.store.bumpEstimates();
  ctx.log('counter.resumed', { counterId: counter.id });
  return counter.id;
}
