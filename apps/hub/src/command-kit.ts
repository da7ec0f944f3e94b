// The building blocks of hub commands: the Command shape, access rules and idempotency.
// Separate from commands.ts so that command modules (reports/, admin/) can use them without
// an import cycle.
import type { DeviceKind, IdParams, Role } from '@luot/shared';
import type { z } from 'zod';
import type { Principal } from './auth.ts';
import { once } from './engine/idempotency.ts';
import type { EngineCtx } from './engine/index.ts';
import type { Hub } from './hub.ts';

export type Access = 'public' | { users?: readonly Role[]; devices?: readonly DeviceKind[] };
export const ANY_TOKEN = {
  users: ['admin', 'director', 'officer'],
  devices: ['kiosk', 'counter', 'display'],
} as const;
export const STAFF = { users: ['admin', 'officer'] } as const;

export interface CommandInput<P, B, Q> {
  hub: Hub;
  principal: Principal | null;
  params: P;
  body: B;
  query: Q;
  idempotencyKey: string | undefined;
  /** Who is asking, for throttling: the client's address. */
  client: string;
}

export interface Command<P = unknown, B = unknown, Q = unknown, R = unknown> {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  summary: string;
  access: Access;
  status?: number;
  params?: z.ZodType<P>;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  response: z.ZodType<R>;
  idempotencyKey?: boolean;
  /** Content types of a command answered with a file (a FileReply) instead of JSON. */
  produces?: readonly string[];
  handler: (input: CommandInput<P, B, Q>) => R | Promise<R>;
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

/** Keeps each command's types tied to its schemas. */
export const command = <P, B, Q, R>(c: Command<P, B, Q, R>) => c as unknown as Command;

export type IdOnly = z.infer<typeof IdParams>;

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
