import { createPtyPair, type PtyPair, SignEmulator } from '@luot/hardware';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../../hub/test/harness.ts';
import type { DevicesEvent } from '../preload/api.ts';
import { parseCounterConfig } from './config.ts';
import { createDevicesManager, parseSession, shellConfig } from './ipc.ts';

const TOKEN = 'x'.repeat(43);

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
});
