import { createPtyPair, type PtyPair, RatingPadEmulator, SignEmulator } from '@luot/hardware';
import { startTestHub, type TestHub } from '@luot/hub/testing';
import { HubClient } from '@luot/ui';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevicesEvent } from '../preload/api.ts';
import { parseCounterConfig } from './config.ts';
import { createDevicesManager, type PadTokenStore, padClient, parseSession, shellConfig } from './ipc.ts';

const TOKEN = 'x'.repeat(43);

/** The pad's token store as the Electron main keeps it (safeStorage), in memory. */
function memoryTokens(): PadTokenStore & { value: string | null } {
  return {
    value: null,
    get() {
      return this.value;
    },
    set(token: string) {
      this.value = token;
    },
    clear() {
      this.value = null;
    },
  };
}

describe('counter IPC checks', () => {
  it('accepts a session, null (signed out), and nothing else', () => {
    expect(parseSession({ token: TOKEN, counterId: 'c1' })).toEqual({ token: TOKEN, counterId: 'c1' });
    expect(parseSession(null)).toBeNull();
    expect(parseSession(undefined)).toBeNull();
    for (const bad of [
      {},
      'c1',
      { token: 'short', counterId: 'c1' },
      { token: TOKEN, counterId: '../c1' },
      { token: TOKEN, counterId: 'c1', extra: true },
      { token: `${TOKEN} `, counterId: 'c1' },
    ])
      expect(parseSession(bad)).toBe('invalid');
  });

  it('gives the renderer the shell config, without the serial path', () => {
    const config = parseCounterConfig(
      JSON.stringify({ hubUrl: 'http://hub:8080', counterId: 'c2', devices: { serialPath: '/dev/ttyUSB0' } }),
    );
    expect(shellConfig(config)).toEqual({
      hubUrl: 'http://hub:8080',
      deviceKind: 'counter',
      counterId: 'c2',
      devices: true,
    });
  });

  it('without devices: a session is fine and the status says none; wrong counters and junk are refused', async () => {
    const manager = createDevicesManager({
      config: parseCounterConfig(JSON.stringify({ hubUrl: 'http://127.0.0.1:9', counterId: 'c1' })),
    });
    expect(await manager.setSession({ token: TOKEN, counterId: 'c1' })).toEqual({
      ok: true,
      status: { serial: 'none', lastKey: null, lastError: null },
    });
    expect(await manager.setSession({ token: TOKEN, counterId: 'c2' })).toMatchObject({
      ok: false,
      error: 'wrong_counter',
    });
    expect(await manager.setSession({ token: 1 })).toMatchObject({ ok: false, error: 'invalid' });
    expect(manager.status().serial).toBe('none');
  });

  it('an unreachable hub is a typed outcome', async () => {
    const manager = createDevicesManager({
      config: parseCounterConfig(
        JSON.stringify({
          hubUrl: 'http://127.0.0.1:9',
          counterId: 'c1',
          devices: { serialPath: '/nonexistent' },
        }),
      ),
    });
    expect(await manager.setSession({ token: TOKEN, counterId: 'c1' })).toMatchObject({
      ok: false,
      error: 'hub',
    });
    expect(manager.status().serial).toBe('none');
  });
});

describe('devices manager with a real hub and a pty bus', () => {
  let t: TestHub;
  let pair: PtyPair;
  let sign: SignEmulator;

  beforeAll(async () => {
    t = await startTestHub();
    pair = await createPtyPair();
    sign = new SignEmulator(pair.b, 1);
  });
  afterAll(async () => {
    await sign?.close();
    await pair?.dispose();
    await t?.close();
  });

  it('starts the bridge at sign-in, pushes status events, stops and clears the sign at sign-out', async () => {
    const { token } = await t.user('canbo9', 'officer');
    expect((await t.api('POST', '/api/v1/counters/c1/sign-in', { token })).status).toBe(200);
    const manager = createDevicesManager({
      config: parseCounterConfig(
        JSON.stringify({ hubUrl: t.url, counterId: 'c1', devices: { serialPath: pair.a } }),
      ),
    });
    const events: DevicesEvent[] = [];
    const up = new Promise<void>((resolve) => {
      manager.onEvent((e) => {
        events.push(e);
        if (e.type === 'status' && e.status.serial === 'up') resolve();
      });
    });
    const started = await manager.setSession({ token, counterId: 'c1' });
    expect(started.ok).toBe(true);
    await up;
    expect(manager.status().serial).toBe('up');

    // A call made elsewhere (the renderer's button) shows on the sign through the bridge.
    const services = (await t.api('GET', '/api/v1/services', { token })).body.services;
    const issued = await t.api('POST', '/api/v1/tickets', {
      token,
      body: { serviceId: services.find((s: { code: string }) => s.code === 'HOTICH').id },
      headers: { 'idempotency-key': 'ipc-test-0001' },
    });
    expect(issued.status).toBe(201);
    expect((await t.api('POST', '/api/v1/counters/c1/call-next', { token })).status).toBe(200);
    expect(await sign.waitFor((s) => s.number === '1001' && s.blinking)).not.toBeNull();

    expect(await manager.setSession(null)).toEqual({
      ok: true,
      status: { serial: 'none', lastKey: null, lastError: null },
    });
    expect(await sign.waitFor((s) => s.number === null)).not.toBeNull();
    expect(events.at(-1)).toEqual({
      type: 'status',
      status: { serial: 'none', lastKey: null, lastError: null },
    });
    await manager.stop();
  });
  /** A one-time pairing code for a counter device of `counterId`. */
  const padCode = async (counterId: string) => {
    const res = await t.api('POST', '/api/v1/devices/pairing-codes', {
      token: await t.login(),
      body: { kind: 'counter', name: `Bảng đánh giá ${counterId}`, counterId },
    });
    expect(res.status).toBe(201);
    return res.body.code as string;
  };
  const configFor = (counterId: string, padPairingCode?: string) =>
    parseCounterConfig(
      JSON.stringify({ hubUrl: t.url, counterId, devices: { serialPath: pair.a, padPairingCode } }),
    );

  it('the pad rates with a counter device of its counter, paired once from padPairingCode, not the officer’s token', async () => {
    const { token } = await t.user('canbo10', 'officer');
    expect((await t.api('POST', '/api/v1/counters/c3/sign-in', { token })).status).toBe(200);
    const tokens = memoryTokens();
    const sign3 = new SignEmulator(sign.link, 3);
    const pad3 = new RatingPadEmulator(sign.link, 3);
    const manager = createDevicesManager({ config: configFor('c3', await padCode('c3')), padTokens: tokens });
    const ratings: DevicesEvent[] = [];
    let onRating: (() => void) | null = null;
    manager.onEvent((e) => {
      if (e.type !== 'rating') return;
      ratings.push(e);
      onRating?.();
    });
    expect((await manager.setSession({ token, counterId: 'c3' })).ok).toBe(true);
    // The code was used once: the device token is kept (encrypted, in the Electron main).
    expect(tokens.value).toMatch(/^[\x21-\x7e]{16,}$/);
    expect(tokens.value).not.toBe(token);

    const issued = await t.api('POST', '/api/v1/tickets', {
      token,
      body: { serviceId: 'chungthuc' },
      headers: { 'idempotency-key': 'ipc-test-pad-0001' },
    });
    expect(issued.status).toBe(201);
    const id = issued.body.ticket.id as string;
    expect((await t.api('POST', '/api/v1/counters/c3/call-next', { token })).body.ticket.id).toBe(id);
    expect(await sign3.waitFor((s) => s.number !== null)).not.toBeNull();
    const finished = await t.api('POST', `/api/v1/tickets/${id}/finish`, {
      token,
      body: { procedureIds: ['chungthuc-1'] },
    });
    expect(finished.status).toBe(200);
    // The sign clears on the same change that lets the pad rate the ticket.
    expect(await sign3.waitFor((s) => s.number === null)).not.toBeNull();
    const rated = new Promise<void>((resolve) => {
      onRating = resolve;
    });
    expect((await pad3.rate(4)).ok).toBe(true);
    await rated;
    expect(ratings).toEqual([{ type: 'rating', outcome: { ok: true, ticketId: id, score: 4 } }]);
    const staff = await t.api('GET', `/api/v1/tickets/${id}`, { token });
    expect(staff.body.ticket.rating).toBe(4);

    await manager.setSession(null);
    await manager.stop();
    await pad3.close();
    await sign3.close();
  });

  it('padClient: nothing paired gives no client; a device of another counter is refused and forgotten', async () => {
    const createClient = (token: string | null) => new HubClient({ baseUrl: t.url, token });
    const tokens = memoryTokens();
    expect(await padClient(configFor('c4'), createClient, tokens)).toEqual({
      client: null,
      problem: expect.stringMatching(/no counter device/),
    });
    const other = await padClient(configFor('c4', await padCode('c2')), createClient, tokens);
    expect(other).toEqual({ client: null, problem: expect.stringMatching(/not a counter device of c4/) });
    expect(tokens.value).toBeNull();
    const own = await padClient(configFor('c4', await padCode('c4')), createClient, tokens);
    expect(own.problem).toBeNull();
    expect(own.client?.token).toBe(tokens.value);
    // Next start: the kept token, the (spent) code is not used again.
    const again = await padClient(configFor('c4', 'SPENT000'), createClient, tokens);
    expect(again.client?.token).toBe(tokens.value);
    own.client?.close();
    again.client?.close();
  });
});
