// What the counter's main process accepts from the renderer over IPC (checked: the renderer
// shows web content, never trust it), and the device bridge's life: started when an officer is
// signed in at this PC's counter, stopped at sign-out. Plain Node, tested without Electron.
import { HubClient, HubError } from '@luot/ui';
import { z } from 'zod';
import type {
  CounterShellConfig,
  DevicesEvent,
  DevicesSession,
  DevicesStatus,
  SessionOutcome,
} from '../preload/api.ts';
import { type CounterConfig, deviceAddresses } from './config.ts';
import { type CounterDevices, type CounterDevicesOptions, startCounterDevices } from './devices.ts';

const SessionSchema = z.strictObject({
  token: z.string().regex(/^[\x21-\x7e]{16,512}$/),
  counterId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/** The renderer's session: a session, null (signed out), or 'invalid'. */
export function parseSession(value: unknown): DevicesSession | null | 'invalid' {
  if (value === null || value === undefined) return null;
  const parsed = SessionSchema.safeParse(value);
  return parsed.success ? parsed.data : 'invalid';
}

export function shellConfig(config: CounterConfig): CounterShellConfig {
  return {
    hubUrl: config.hubUrl,
    deviceKind: 'counter',
    counterId: config.counterId,
    devices: config.devices !== null,
  };
}

const NO_DEVICES: DevicesStatus = { serial: 'none', lastKey: null, lastError: null };

/** Where the rating pad's counter device token is kept (Electron: encrypted with safeStorage). */
export interface PadTokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

export interface DevicesManagerOptions {
  config: CounterConfig;
  /** Default: a HubClient for config.hubUrl with the token (null: none yet, e.g. to pair). */
  createClient?: (token: string | null) => HubClient;
  /** The pad's counter device token (paired once from devices.padPairingCode); none: the pad does not rate. */
  padTokens?: PadTokenStore;
  /** Default: startCounterDevices. */
  start?: (opts: CounterDevicesOptions) => CounterDevices;
}

export interface DevicesManager {
  status(): DevicesStatus;
  /** Starts (or restarts) the devices for a signed-in officer; null stops them. Never rejects. */
  setSession(value: unknown): Promise<SessionOutcome>;
  onEvent(listener: (event: DevicesEvent) => void): () => void;
  stop(): Promise<void>;
}

export function createDevicesManager(opts: DevicesManagerOptions): DevicesManager {
  const { config } = opts;
  const createClient =
    opts.createClient ?? ((token: string | null) => new HubClient({ baseUrl: config.hubUrl, token }));
  const start = opts.start ?? startCounterDevices;
  const listeners = new Set<(event: DevicesEvent) => void>();
  let running: {
    devices: CounterDevices;
    client: HubClient;
    ratingClient: HubClient | null;
    token: string;
  } | null = null;
  let lastStatus: DevicesStatus = NO_DEVICES;
  /** setSession calls run one at a time. */
  let chain: Promise<unknown> = Promise.resolve();

  const send = (event: DevicesEvent) => {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // a closed window: nothing to tell
      }
    }
  };

  const stopRunning = async () => {
    const r = running;
    running = null;
    if (!r) return;
    await r.devices.stop();
    r.client.close();
    r.ratingClient?.close();
    lastStatus = NO_DEVICES;
    send({ type: 'status', status: lastStatus });
  };

  const apply = async (value: unknown): Promise<SessionOutcome> => {
    const session = parseSession(value);
    if (session === 'invalid')
      return { ok: false, error: 'invalid', message: 'not a session {token, counterId}' };
    if (session === null) {
      await stopRunning();
      return { ok: true, status: lastStatus };
    }
    if (session.counterId !== config.counterId)
      return {
        ok: false,
        error: 'wrong_counter',
        message: `this PC's devices belong to counter ${config.counterId}, not ${session.counterId}`,
      };
    if (!config.devices) return { ok: true, status: NO_DEVICES };
    if (running?.token === session.token) return { ok: true, status: running.devices.status };
    await stopRunning();
    const client = createClient(session.token);
    let counterNumber: number;
    try {
      const counter = (await client.counters()).find((c) => c.id === session.counterId);
      if (!counter)
        return { ok: false, error: 'hub', message: `counter ${session.counterId} not found on the hub` };
      counterNumber = counter.number;
    } catch (error) {
      client.close();
      return { ok: false, error: 'hub', message: error instanceof Error ? error.message : String(error) };
    }
    const rating = await padClient(config, createClient, opts.padTokens);
    const devices = start({
      client,
      ratingClient: rating.client,
      ...(rating.problem ? { ratingProblem: rating.problem } : {}),
      counterId: session.counterId,
      counterNumber,
      link: config.devices.serialPath,
      baudRate: config.devices.baudRate,
      addresses: deviceAddresses(config.devices, counterNumber),
    });
    running = { devices, client, ratingClient: rating.client, token: session.token };
    devices.on('status', (status) => {
      lastStatus = status;
      send({ type: 'status', status });
    });
    devices.on('needs-finish', (e) => send({ type: 'needs-finish', ...e }));
    devices.on('needs-transfer', (e) => send({ type: 'needs-transfer', ...e }));
    devices.on('key', (outcome) => send({ type: 'key', outcome }));
    devices.on('rating', (outcome) => send({ type: 'rating', outcome }));
    lastStatus = devices.status;
    send({ type: 'status', status: lastStatus });
    return { ok: true, status: lastStatus };
  };

  return {
    status: () => (running ? running.devices.status : lastStatus),
    setSession(value) {
      const run = chain.then(() => apply(value));
      chain = run.catch(() => {});
      return run.catch((error: unknown) => ({
        ok: false as const,
        error: 'hub' as const,
        message: error instanceof Error ? error.message : String(error),
      }));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async stop() {
      await chain;
      await stopRunning();
    },
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The client the satisfaction pad rates with: a counter device of this PC's counter. A rating
 * comes from the citizen — the rating device of the ticket's counter — and the hub refuses staff
 * tokens (API.md), so the pad never rates with the officer's token. The device is paired once
 * with counter.json's `devices.padPairingCode` (a one-time code: `pnpm luot pairing-code counter
 * "…" --counter c3`); its token is kept in `tokens` and used from then on.
 */
export async function padClient(
  config: CounterConfig,
  createClient: (token: string | null) => HubClient,
  tokens: PadTokenStore | undefined,
): Promise<{ client: HubClient | null; problem: string | null }> {
  const code = config.devices?.padPairingCode;
  const stored = tokens?.get() ?? null;
  if (!stored && !code) return { client: null, problem: 'no counter device is paired for the pad' };
  const client = createClient(stored);
  try {
    if (!stored) {
      await client.pair(code!);
      tokens?.set(client.token!);
    }
    const me = await client.me();
    if (me.device?.kind !== 'counter' || me.device.counterId !== config.counterId) {
      tokens?.clear();
      client.close();
      return {
        client: null,
        problem: `the pad's device is not a counter device of ${config.counterId}: pair it again`,
      };
    }
    return { client, problem: null };
  } catch (error) {
    client.close();
    // A revoked or unknown token: forget it, so that a new pairing code is used next time.
    if (error instanceof HubError && error.status === 401) tokens?.clear();
    return { client: null, problem: `the pad's counter device: ${messageOf(error)}` };
  }
}
