// The commands on one ticket or counter (`POST …/:id/verb`): one engine call, idempotent with
// a key, answered with the object as the command wrote it.
import { HUB_API, type HubCommandName } from '@luot/shared';
import type { Principal } from '../auth/auth.ts';
import type { EngineCtx } from '../engine/index.ts';
import type { Committed } from '../hub.ts';
import { type Handler, type HandlerContext, idempotent } from './kit.ts';

export function onOne<K extends HubCommandName>(
  name: K,
  reason: string,
  run: (ctx: EngineCtx, id: string, body: never) => string,
  answer: (done: Committed<string>, principal: Principal | null) => unknown,
): Handler<K> {
  const path = HUB_API[name].path;
  const handler = async ({
    hub,
    principal,
    params,
    body,
    idempotencyKey,
  }: HandlerContext & { params: { id: string }; body: unknown }) => {
    const done = await hub.exec(
      principal,
      reason,
      idempotent(idempotencyKey, path, { params, body }, (ctx) => run(ctx, params.id, body as never)),
    );
    return answer(done, principal);
  };
  // Every command built here is declared with `params: IdParams` and answers what `answer`
  // builds; TypeScript cannot follow that through the generic name, so it is asserted once here.
  return handler as unknown as Handler<K>;
}
