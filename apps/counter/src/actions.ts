// The officer's actions on the hub, one module for both ways of pressing them: the work screen's
// buttons and function keys (renderer) and the counter keypad (Electron main, main/devices.ts).
//
// Every press is sent with one Idempotency-Key. While the hub cannot be reached the action waits
// (the screen says so) and is sent again with the same key as soon as the connection is back; the
// hub replays the first result if the earlier attempt had in fact been committed, so a press
// during a hub restart, or whose answer was lost, acts once. Runs in browsers and in Node.
import type { PublicCounter, PublicTicket } from '@luot/shared';
import { type HubClient, HubError, newIdempotencyKey } from '@luot/ui';

export interface FinishBody {
  procedureIds: string[];
  note?: string;
}

export interface TransferBody {
  serviceId?: string;
  counterId?: string;
  reason?: string;
}

/** One officer action, with what it acts on. */
export type CounterAction =
  | { kind: 'callNext'; counterId: string }
  | { kind: 'call'; counterId: string; ticketId: string }
  | { kind: 'pause'; counterId: string; reason?: string }
  | { kind: 'resume'; counterId: string }
  | { kind: 'recall' | 'start' | 'noShow' | 'reinstate'; ticketId: string }
  | { kind: 'finish'; ticketId: string; body: FinishBody }
  | { kind: 'transfer'; ticketId: string; body: TransferBody };

export type CounterActionKind = CounterAction['kind'];

/** The hub's answer to each action. */
export interface CounterActionAnswers {
  callNext: { ticket: PublicTicket | null };
  call: { ticket: PublicTicket };
  pause: { counter: PublicCounter };
  resume: { counter: PublicCounter };
  recall: { ticket: PublicTicket };
  start: { ticket: PublicTicket };
  noShow: { ticket: PublicTicket };
  reinstate: { ticket: PublicTicket };
  finish: { ticket: PublicTicket };
  transfer: { ticket: PublicTicket };
}

/** The contract command of each action (@luot/shared HUB_API). */
export type CounterActionCommand =
  | 'counters:call-next'
  | 'counters:call'
  | 'counters:pause'
  | 'counters:resume'
  | 'tickets:recall'
  | 'tickets:start'
  | 'tickets:no-show'
  | 'tickets:reinstate'
  | 'tickets:finish'
  | 'tickets:transfer';

/** The request an action is: a contract command on the counter or ticket it acts on, with `body`. */
export function actionRequest(action: CounterAction): {
  command: CounterActionCommand;
  params: { id: string };
  body: object;
} {
  const onCounter = (command: CounterActionCommand, body: object = {}) => ({
    command,
    params: { id: (action as { counterId: string }).counterId },
    body,
  });
  const onTicket = (command: CounterActionCommand, body: object = {}) => ({
    command,
    params: { id: (action as { ticketId: string }).ticketId },
    body,
  });
  switch (action.kind) {
    case 'callNext':
      return onCounter('counters:call-next');
    case 'call':
      return onCounter('counters:call', { ticketId: action.ticketId });
    case 'pause':
      return onCounter('counters:pause', action.reason === undefined ? {} : { reason: action.reason });
    case 'resume':
      return onCounter('counters:resume');
    case 'recall':
      return onTicket('tickets:recall');
    case 'start':
      return onTicket('tickets:start');
    case 'noShow':
      return onTicket('tickets:no-show');
    case 'reinstate':
      return onTicket('tickets:reinstate');
    case 'finish':
      return onTicket('tickets:finish', action.body);
    case 'transfer':
      return onTicket('tickets:transfer', action.body);
  }
}

export interface SendOptions {
  /** One key per press; retries reuse it. Default: a fresh key. */
  key?: string;
  /** Stops waiting (the officer cancelled, the keypad stopped); the action is then not sent. */
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

/** Thrown when a waiting action was cancelled. */
export class SendCancelled extends Error {
  constructor() {
    super('the action was cancelled while waiting for the hub');
    this.name = 'SendCancelled';
  }
}

/**
 * Sends one press of `action` with its Idempotency-Key and keeps trying through network
 * failures until the hub answers, the signal cancels or `limitMs` passes. Errors from the hub
 * (409, 403, …) are thrown at once: the hub answered.
 */
export function sendAction<A extends CounterAction>(
  client: HubClient,
  action: A,
  options: SendOptions = {},
): Promise<CounterActionAnswers[A['kind']]> {
  const key = options.key ?? newIdempotencyKey();
  const { command, params, body } = actionRequest(action);
  // The command is chosen at run time from the action, so `call` is used through its untyped
  // signature here; the answer is still checked against the command's declared schema.
  const call = client.call.bind(client) as (name: CounterActionCommand, input: object) => Promise<unknown>;
  return untilAnswered(
    client,
    () => call(command, { params, body, idempotencyKey: key }) as Promise<CounterActionAnswers[A['kind']]>,
    options,
  );
}

/**
 * Runs `attempt` until it is not a network failure (see sendAction). For reads before an action
 * (the keypad reads the counter first) and, with a fixed Idempotency-Key, for the action itself.
 */
export async function untilAnswered<T>(
  client: HubClient,
  attempt: () => Promise<T>,
  options: Omit<SendOptions, 'key'> = {},
): Promise<T> {
  const now = options.now ?? Date.now;
  const started = now();
  const limit = options.limitMs ?? SEND_LIMIT_MS;
  let waiting = false;
  try {
    for (;;) {
      if (options.signal?.aborted) throw new SendCancelled();
      try {
        return await attempt();
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
