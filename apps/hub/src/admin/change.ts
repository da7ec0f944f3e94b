// One administration change: it runs in the hub's group commit like any queue command, writes
// its audit rows in the same transaction, and once committed drops the cached catalogue and
// tells every client (`catalog:changed`).
import type { CatalogPart } from '@luot/shared';
import type { Principal } from '../auth/auth.ts';
import type { Store } from '../db/store.ts';
import type { EngineCtx } from '../engine/index.ts';
import type { Hub } from '../hub.ts';
import { writeAudit } from './audit.ts';

export interface AdminCtx {
  store: Store;
  now: number;
  /** The engine context, for queue effects (e.g. signing a deactivated officer out). */
  engine: EngineCtx;
  audit(action: string, target: string | null, before: unknown, after: unknown): void;
  /** Tokens revoked by this change: their sockets are closed once it commits. */
  revoked: string[];
}

export async function adminChange<T>(
  hub: Hub,
  principal: Principal | null,
  what: CatalogPart | readonly CatalogPart[],
  reason: string,
  fn: (a: AdminCtx) => T,
): Promise<T> {
  const revoked: string[] = [];
  let result: T;
  try {
    ({ result } = await hub.exec(principal, `admin:${reason}`, (engine) => {
      const a: AdminCtx = {
        store: hub.store,
        now: engine.now,
        engine,
        revoked,
        audit: (action, target, before, after) =>
          writeAudit(hub.store, { userId: engine.actor.userId, action, target, before, after }, engine.now),
      };
      const out = fn(a);
      // Later commands of the same batch read the new catalogue.
      hub.store.invalidateCatalog();
      return out;
    }));
  } finally {
    // Whatever happened, nothing cached may outlive a rolled-back change.
    hub.store.invalidateCatalog();
    hub.auth.forget();
  }
  for (const tokenHash of revoked) hub.emitRevoked(tokenHash);
  for (const part of typeof what === 'string' ? [what] : what) hub.catalogChanged(part);
  hub.log.info({ change: reason, by: principal?.kind === 'user' ? principal.user.id : null }, 'admin change');
  return result;
}

/** Revokes every live token of a user or device (inside the change's transaction). */
export function revokeTokens(a: AdminCtx, owner: { userId: string } | { deviceId: string }): number {
  const revoked = a.store.data.tokens.revokeAllOf(owner, a.now);
  a.revoked.push(...revoked);
  return revoked.length;
}
