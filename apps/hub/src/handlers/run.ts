// One path from a request (REST or socket) to a command: who, validation, then the handler.
import { IdempotencyKey, LuotError, parseOrThrow } from '@luot/shared';
import type { Principal } from '../auth/auth.ts';
import type { Hub } from '../hub.ts';
import { type Command, mayAccess } from './index.ts';

export interface RawRequest {
  token: string | null;
  params: unknown;
  body: unknown;
  query: unknown;
  idempotencyKey: unknown;
  client: string;
}

export function authenticate(hub: Hub, token: string | null): Principal | null {
  return token ? hub.auth.authenticate(token, hub.now()) : null;
}

export async function runCommand(hub: Hub, command: Command, raw: RawRequest): Promise<unknown> {
  const principal = authenticate(hub, raw.token);
  const access = mayAccess(command.access, principal);
  if (access === 'unauthorized') {
    throw new LuotError(
      'unauthorized',
      raw.token
        ? 'the token is not valid or has expired'
        : 'a token is required (Authorization: Bearer <token>)',
    );
  }
  if (access === 'forbidden') throw new LuotError('forbidden', 'your role may not do this');
  const params = command.params ? parseOrThrow(command.params, raw.params ?? {}, 'path') : {};
  const query = command.query ? parseOrThrow(command.query, raw.query ?? {}, 'query') : {};
  // Only a missing body means "empty"; a JSON null is a body, and not an object.
  const body = command.body ? parseOrThrow(command.body, raw.body === undefined ? {} : raw.body) : undefined;
  let idempotencyKey: string | undefined;
  if (command.idempotencyKey && raw.idempotencyKey !== undefined) {
    const parsed = IdempotencyKey.safeParse(raw.idempotencyKey);
    if (!parsed.success) {
      throw new LuotError(
        'validation_failed',
        `Idempotency-Key: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    idempotencyKey = parsed.data;
  }
  return command.handler({ hub, principal, params, body, query, idempotencyKey, client: raw.client });
}
