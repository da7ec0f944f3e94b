// Sending an officer's action so that it is done exactly once, even across a hub restart.
//
// Every press gets one Idempotency-Key. While the hub cannot be reached the action waits (the
// screen says so) and is sent again with the same key as soon as the connection is back; the
// hub replays the first result if the earlier attempt had in fact been committed.
import { type HubClient, HubError, newIdempotencyKey } from '@luot/ui';

export interface SendOptions {
  /** One key per press; retries reuse it. Default: a fresh key. */
  key?: string;
  /** Stops waiting (the officer cancelled); the action is then reported as not sent. */
  signal?: AbortSignal;
  /** Gives up after this long without an answer (default 2 minutes). */
  limitMs?: number;
  /** Longest pause between two tries while the connection looks down (default 3 s). */
  pollMs?: number;
  /** Called with true when the action starts waiting for the hub, false when answered. */
  onWaiting?: (waiting: boolean) => void;
  now?: () => number;
}

export const SEND_LIMIT_MS = 120_000;

/** Thrown when the officer cancelled a waiting action. */
export class SendCancelled extends Error {
  constructor() {
    super('the action was cancelled while waiting for the hub');
    this.name = 'SendCancelled';
  }
}

/**
 * POSTs `body` to `path` with an Idempotency-Key and keeps trying through network failures
 * until the hub answers, the officer cancels or `limitMs` passes. Errors from the hub (409,
 * 403, …) are thrown at once: the hub answered.
 */
export async function sendOnce<T>(
  client: HubClient,
  path: string,
  body: unknown,
  options: SendOptions = {},
): Promise<T> {
  const key = options.key ?? newIdempotencyKey();
  const now = options.now ?? Date.now;
  const started = now();
  const limit = options.limitMs ?? SEND_LIMIT_MS;
  let waiting = false;
  try {
    for (;;) {
      if (options.signal?.aborted) throw new SendCancelled();
      try {
        return await client.request<T>('POST', path, body ?? {}, { 'idempotency-key': key });
      } catch (error) {
        if (!(error instanceof HubError) || !error.isNetwork) throw error;
        if (now() - started >= limit) throw error;
        if (!waiting) {
          waiting = true;
          options.onWaiting?.(true);
        }
        await nextChance(client, options.pollMs ?? 3000, options.signal);
      }
    }
  } finally {
    if (waiting) options.onWaiting?.(false);
  }
}

/** Resolves when the socket comes back online, after `pollMs`, or when cancelled. */
function nextChance(client: HubClient, pollMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      off();
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, pollMs);
    const off = client.on('connection', (state) => {
      if (state === 'online') finish();
    });
    if (signal?.aborted) finish();
    else signal?.addEventListener('abort', finish);
  });
}
