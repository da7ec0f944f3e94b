// The hub's side of the typed contract (@luot/shared HUB_API): a handler per command name,
// typed from the command's declared schemas, and the shapes REST and sockets run them through.
import type { Access, Endpoint, HubCommandName, HubJsonCommand, HubOutput, HubParsed } from '@luot/shared';
import type { Principal } from '../auth/auth.ts';
import { once } from '../engine/idempotency.ts';
import type { EngineCtx } from '../engine/index.ts';
import type { Hub } from '../hub.ts';

export type { Access } from '@luot/shared';

/** What every handler gets besides its parsed input. */
export interface HandlerContext {
  hub: Hub;
  principal: Principal | null;
  idempotencyKey: string | undefined;
  /** Who is asking, for throttling: the client's address. */
  client: string;
}

export type HandlerInput<K extends HubCommandName> = HubParsed<K> & HandlerContext;
type HandlerResult<K extends HubCommandName> = K extends HubJsonCommand ? HubOutput<K> : FileReply;

/** The function that does command K, given its validated input. */
export type Handler<K extends HubCommandName> = (
  input: HandlerInput<K>,
) => HandlerResult<K> | Promise<HandlerResult<K>>;

/** A group of handlers (one domain), checked against the contract by name. */
export const handlers = <K extends HubCommandName>(map: { [N in K]: Handler<N> }) => map;

/** A command as REST and sockets run it: its declaration and its handler. */
export interface Command extends Endpoint {
  /** Its handler, given input already validated against the declaration's schemas. */
  handler: (input: { params: unknown; query: unknown; body: unknown } & HandlerContext) => unknown;
}

/** A command's answer that is a file to download (REST: Content-Disposition attachment). */
export class FileReply {
  constructor(
    /** ASCII file name, e.g. bao-cao-2025-03-01_2025-03-31.xlsx. */
    readonly filename: string,
    readonly contentType: string,
    readonly body: Buffer,
  ) {}

  get disposition(): string {
    return `attachment; filename="${this.filename.replace(/[^\w.-]/g, '_')}"`;
  }
}

/**
 * Wraps an engine call so that, given an Idempotency-Key, a retry replays the first result
 * (see engine/idempotency.ts). Without a key the command simply runs.
 */
export function idempotent<T>(
  key: string | undefined,
  path: string,
  request: { params: unknown; body: unknown },
  run: (ctx: EngineCtx) => T,
): (ctx: EngineCtx) => T {
  if (!key) return run;
  return (ctx) => once(ctx, { key, command: path, request: JSON.stringify(request) }, () => run(ctx));
}

export function mayAccess(access: Access, principal: Principal | null): 'ok' | 'unauthorized' | 'forbidden' {
  if (access === 'public') return 'ok';
  if (!principal) return 'unauthorized';
  if (principal.kind === 'user') return access.users?.includes(principal.user.role) ? 'ok' : 'forbidden';
  return access.devices?.includes(principal.device.kind) ? 'ok' : 'forbidden';
}
