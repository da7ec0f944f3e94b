// Idempotent staff commands: a retry with the same Idempotency-Key replays the first result.
import type { EngineCtx } from './context.ts';
import { conflict } from './context.ts';

export interface IdempotentRequest {
  key: string;
  /** Command name, e.g. 'tickets:finish'. */
  command: string;
  /** Canonical JSON of what was asked (path params and body). */
  request: string;
}

/**
 * Runs `fn` once per (principal, key). Called inside the command's savepoint, so the key is
 * stored if and only if the change commits: a retry after a lost answer gets the stored
 * result and changes nothing; a retry of a command that failed runs it again.
 */
export function once<T>(
  ctx: EngineCtx,
  req: IdempotentRequest,
  fn: () => T,
  /** A stored result that no longer answers (issuing: a ticket of an earlier day): run afresh. */
  stale?: (prior: T) => boolean,
): T {
  const principal = ctx.actor.userId ?? ctx.actor.deviceId ?? 'system';
  let prior = ctx.data.idempotency.commandKey(principal, req.key);
  if (prior && stale && prior.command === req.command && stale(JSON.parse(prior.result) as T)) {
    ctx.data.idempotency.deleteCommandKey(principal, req.key);
    prior = undefined;
  }
  if (prior) {
    if (prior.command !== req.command || prior.request !== req.request) {
      throw conflict('Idempotency-Key was already used for a different request');
    }
    return JSON.parse(prior.result) as T;
  }
  const result = fn();
  ctx.data.idempotency.saveCommandKey({
    principal,
    key: req.key,
    command: req.command,
    request: req.request,
    result: JSON.stringify(result ?? null),
    createdAt: ctx.now,
  });
  return result;
}
