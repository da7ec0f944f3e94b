// DevicePairing (the logic under useDevicePairing) with a HubClient on a stand-in fetch and a
// platform that keeps the token in memory.
import { describe, expect, it } from 'vitest';
import { HubClient, HubError } from './client.ts';
import {
  DevicePairing,
  type DevicePairingOptions,
  type PairingState,
  pairingProblem,
} from './device-pairing.ts';

type Answer = { status: number; body: unknown } | 'network';

function setup(answers: Answer[], options: Partial<DevicePairingOptions> & { kept?: string | null } = {}) {
  const codes: string[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    codes.push(JSON.parse(String(init?.body)).code);
    const answer = answers.shift() ?? 'network';
    if (answer === 'network') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = new HubClient({ baseUrl: 'http://hub.test', fetch });
  const stored = { token: options.kept ?? null, cleared: 0 };
  const platform: DevicePairingOptions['platform'] = {
    getDeviceToken: async () => stored.token,
    setDeviceToken: async (token) => {
      stored.token = token;
    },
    clearDeviceToken: async () => {
      stored.token = null;
      stored.cleared += 1;
    },
  };
  const pairing = new DevicePairing({ client, platform, kind: 'display', retryMs: 10, ...options });
  const states: PairingState[] = [];
  pairing.subscribe(() => states.push(pairing.getState()));
  /** Resolves once the state passes `pred`. */
  const until = (pred: (s: PairingState) => boolean) =>
    new Promise<PairingState>((resolve, reject) => {
      if (pred(pairing.getState())) return resolve(pairing.getState());
      const timer = setTimeout(() => reject(new Error(`never: ${JSON.stringify(pairing.getState())}`)), 2000);
      const off = pairing.subscribe(() => {
        if (!pred(pairing.getState())) return;
        clearTimeout(timer);
        off();
        resolve(pairing.getState());
      });
    });
  return { client, pairing, stored, states, codes, until };
}

const paired = (kind: string) => ({
  status: 201,
  body: { device: { id: 'd1', kind, name: 'Màn hình sảnh' }, token: `token-of-a-${kind}-device` },
});
const refused = (status: number, code: string) => ({
  status,
  body: { error: { code, message: code } },
});

describe('DevicePairing', () => {
  it('a kept token: paired at once, the client uses it', async () => {
    const { pairing, client, until } = setup([], { kept: 'kept-token-123456' });
    expect(pairing.getState().auth).toBe('loading');
    pairing.start();
    await until((s) => s.auth === 'paired');
    expect(client.token).toBe('kept-token-123456');
  });

  it('no token: waits for a code; a right code pairs and keeps the token', async () => {
    const { pairing, client, stored, states, until } = setup([paired('display')]);
    pairing.start();
    await until((s) => s.auth === 'unpaired');
    expect(await pairing.pair('ABCD-2345')).toBe('paired');
    expect(pairing.getState()).toEqual({ auth: 'paired', busy: false, problem: null });
    expect(stored.token).toBe('token-of-a-display-device');
    expect(client.token).toBe('token-of-a-display-device');
    expect(states.some((s) => s.busy)).toBe(true);
  });

  it('a code made for another kind of device is refused and its token not kept', async () => {
    const { pairing, client, stored, until } = setup([paired('kiosk')]);
    pairing.start();
    await until((s) => s.auth === 'unpaired');
    expect(await pairing.pair('ABCD-2345')).toBe('refused');
    expect(pairing.getState()).toEqual({ auth: 'unpaired', busy: false, problem: 'wrong_kind' });
    expect(client.token).toBeNull();
    expect(stored.token).toBeNull();
  });

  it('says why a code failed: refused, too many attempts, or the hub out of reach', async () => {
    const { pairing, until } = setup([
      refused(401, 'unauthorized'),
      refused(429, 'too_many_requests'),
      'network',
      refused(500, 'internal'),
    ]);
    pairing.start();
    await until((s) => s.auth === 'unpaired');
    expect(await pairing.pair('WRONG-CODE')).toBe('refused');
    expect(pairing.getState().problem).toBe('invalid_code');
    expect(await pairing.pair('WRONG-CODE')).toBe('refused');
    expect(pairing.getState().problem).toBe('too_many_attempts');
    expect(await pairing.pair('ABCD-2345')).toBe('network');
    expect(pairing.getState().problem).toBe('network');
    expect(await pairing.pair('ABCD-2345')).toBe('network');
    expect(pairing.getState().problem).toBe('network');
  });

  it('a code from the start URL is tried at once, and again while the hub cannot be reached', async () => {
    const { pairing, codes, until } = setup(['network', 'network', paired('display')], {
      autoPairCode: 'URL-CODE-1',
    });
    pairing.start();
    await until((s) => s.auth === 'paired');
    expect(codes).toEqual(['URL-CODE-1', 'URL-CODE-1', 'URL-CODE-1']);
  });

  it('a refused code from the start URL is not tried again', async () => {
    const { pairing, codes, until } = setup([refused(401, 'unauthorized'), paired('display')], {
      autoPairCode: 'USED-CODE',
    });
    pairing.start();
    await until((s) => s.problem === 'invalid_code');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(codes).toEqual(['USED-CODE']);
    expect(pairing.getState().auth).toBe('unpaired');
  });

  it('unpair (the hub no longer takes the token): the token forgotten, back to pairing', async () => {
    const { pairing, client, stored, until } = setup([], { kept: 'revoked-token-123' });
    pairing.start();
    await until((s) => s.auth === 'paired');
    pairing.unpair();
    expect(pairing.getState()).toEqual({ auth: 'unpaired', busy: false, problem: 'invalid_code' });
    expect(client.token).toBeNull();
    await until(() => stored.cleared === 1);
    expect(stored.token).toBeNull();
  });

  it('disposed: a late answer changes nothing', async () => {
    const { pairing, states } = setup([], { kept: 'kept-token-123456' });
    pairing.start();
    pairing.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(states).toEqual([]);
    expect(pairing.getState().auth).toBe('loading');
  });
});

describe('pairingProblem', () => {
  it('429 is too many attempts, other 4xx a refused code, the rest the network', () => {
    expect(pairingProblem(new HubError(429, 'too_many_requests', ''))).toBe('too_many_attempts');
    expect(pairingProblem(new HubError(400, 'validation_failed', ''))).toBe('invalid_code');
    expect(pairingProblem(new HubError(401, 'unauthorized', ''))).toBe('invalid_code');
    expect(pairingProblem(new HubError(404, 'not_found', ''))).toBe('invalid_code');
    expect(pairingProblem(new HubError(0, 'network', ''))).toBe('network');
    expect(pairingProblem(new HubError(503, 'http_503', ''))).toBe('network');
    expect(pairingProblem(new HubError(500, 'internal', ''))).toBe('network');
    expect(pairingProblem(new Error('storage full'))).toBe('network');
  });
});
