// The device bridge against REAL parts: a hub (demo seed), a socat pty pair as the RS-485 cable,
// and the sign, keypad and pad emulators sharing the device end (a multi-drop bus).

import { rmSync } from 'node:fs';
import {
  createPtyPair,
  type KeyName,
  KeypadEmulator,
  type PtyPair,
  RatingPadEmulator,
  SignEmulator,
} from '@luot/hardware';
import { startTestHub, type TestHub, tempDir } from '@luot/hub/testing';
import { HubClient } from '@luot/ui';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CounterDevices,
  type CounterDevicesEvents,
  type DevicesStatus,
  signDigits,
  startCounterDevices,
} from './devices.ts';

const WAIT_MS = 5000;

/** Resolves with the next event of `name` that passes `pred` (rejects after WAIT_MS). */
function next<K extends keyof CounterDevicesEvents>(
  devices: CounterDevices,
  name: K,
  pred: (...args: CounterDevicesEvents[K]) => boolean = () => true,
): Promise<CounterDevicesEvents[K][0]> {
  return new Promise((resolve, reject) => {
    const on = (...args: CounterDevicesEvents[K]) => {
      if (!pred(...args)) return;
      clearTimeout(timer);
      devices.off(name, on as never);
      resolve(args[0]);
    };
    const timer = setTimeout(() => {
      devices.off(name, on as never);
      reject(new Error(`no ${String(name)} event within ${WAIT_MS} ms`));
    }, WAIT_MS);
    devices.on(name, on as never);
  });
}

/** Resolves once the sign logs a line matching `re` after index `from` of its log. */
function signLogs(sign: SignEmulator, re: RegExp, from: number): Promise<string> {
  const found = sign.log.slice(from).find((l) => re.test(l));
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const on = (line: string) => {
      if (!re.test(line)) return;
      clearTimeout(timer);
      sign.off('log', on);
      resolve(line);
    };
    const timer = setTimeout(() => {
      sign.off('log', on);
      reject(new Error(`sign never logged ${re} (log: ${sign.log.slice(from).join(' | ')})`));
    }, WAIT_MS);
    sign.on('log', on);
  });
}

describe('counter device bridge (real hub, pty bus, emulators)', () => {
  let t: TestHub;
  let token: string;
  let pair: PtyPair;
  let sign: SignEmulator;
  let keys: KeypadEmulator;
  let pad: RatingPadEmulator;
  let client: HubClient;
  /** The pad rates with a counter device of c1 (the officer's token may not rate). */
  let ratingClient: HubClient;
  let devices: CounterDevices;
  const ticketIds: string[] = [];
  let procedureId: string;
  /** Every POST the bridge sent: its path and Idempotency-Key (null: none). */
  const posts: { path: string; key: string | null }[] = [];
  /** Path endings whose next answer is lost on the way back (the hub did commit the request). */
  const loseNextAnswer = new Set<string>();
  /** The officer's connection: it records POSTs and may lose an answer, like a hub restart. */
  const lossyFetch: typeof fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    if (init?.method === 'POST') posts.push({ path, key: new Headers(init.headers).get('idempotency-key') });
    const res = await fetch(input, init);
    for (const ending of loseNextAnswer) {
      if (!path.endsWith(ending)) continue;
      loseNextAnswer.delete(ending);
      await res.body?.cancel();
      throw new TypeError('fetch failed: the connection was reset');
    }
    return res;
  };

  const press = async (key: KeyName) => {
    const outcome = next(devices, 'key', (o) => o.key === key);
    expect((await keys.press(key)).ok).toBe(true);
    return outcome;
  };
  /** The ticket as staff see it (with its rating). */
  const getTicket = async (id: string) => {
    const res = await t.api('GET', `/api/v1/tickets/${id}`, { token });
    expect(res.status).toBe(200);
    return res.body.ticket;
  };

  beforeAll(async () => {
    t = await startTestHub();
    ({ token } = await t.user('canbo9', 'officer'));
    expect((await t.api('POST', '/api/v1/counters/c1/sign-in', { token })).status).toBe(200);
    const services = (await t.api('GET', '/api/v1/services', { token })).body.services;
    const hotich = services.find((s: { code: string }) => s.code === 'HOTICH');
    procedureId = hotich.procedures[0].id;
    for (const key of ['bridge-test-0001', 'bridge-test-0002']) {
      const res = await t.api('POST', '/api/v1/tickets', {
        token,
        body: { serviceId: hotich.id },
        headers: { 'idempotency-key': key },
      });
      expect(res.status).toBe(201);
      ticketIds.push(res.body.ticket.id);
    }

    pair = await createPtyPair();
    sign = new SignEmulator(pair.b, 1);
    keys = new KeypadEmulator(sign.link, 1);
    pad = new RatingPadEmulator(sign.link, 1);
    client = new HubClient({
      baseUrl: t.url,
      token,
      fetch: lossyFetch,
      retry: { baseDelayMs: 20, maxDelayMs: 40 },
    });
    ratingClient = new HubClient({
      baseUrl: t.url,
      token: await t.pairDevice('counter', { counterId: 'c1' }),
    });
    const connected = new Promise<void>((resolve) => {
      const off = client.on('snapshot', () => {
        off();
        resolve();
      });
    });
    // debounceMs 0: the emulated keypad never retries, and the test presses the same key twice fast.
    devices = startCounterDevices({
      client,
      ratingClient,
      counterId: 'c1',
      counterNumber: 1,
      link: pair.a,
      debounceMs: 0,
    });
    if (devices.status.serial !== 'up') await next(devices, 'status', (s) => s.serial === 'up');
    expect(await sign.whenUp()).toBe(true);
    await connected;
  });

  afterAll(async () => {
    await devices?.stop();
    client?.close();
    ratingClient?.close();
    await sign?.close();
    await pair?.dispose();
    await t?.close();
  });

  it('keeps the last four digits for the sign', () => {
    expect(signDigits('1001')).toBe('1001');
    expect(signDigits('A-12345')).toBe('2345');
    expect(signDigits('---')).toBeNull();
  });

  it('next calls a waiting ticket at c1; the sign shows its number and blinks', async () => {
    const outcome = await press('next');
    expect(outcome).toEqual({ ok: true, key: 'next', action: 'called', ticketId: ticketIds[0] });
    const ticket = await getTicket(ticketIds[0]!);
    expect(ticket).toMatchObject({ status: 'called', counterId: 'c1', displayNumber: '1001' });
    expect(await sign.waitFor((s) => s.number === '1001' && s.counter === 1 && s.blinking)).not.toBeNull();
    expect(devices.status.lastKey?.key).toBe('next');
  });

  it('recall counts one more and blinks again (recall is only allowed while called)', async () => {
    const mark = sign.log.length;
    const outcome = await press('recall');
    expect(outcome).toMatchObject({ ok: true, action: 'recalled', ticketId: ticketIds[0] });
    expect((await getTicket(ticketIds[0]!)).recallCount).toBe(1);
    await signLogs(sign, /BLINK on/, mark);
    expect(sign.state).toMatchObject({ number: '1001', blinking: true });
  });

  it('a recall whose answer is lost is sent again with the same key and acts once', async () => {
    const before = (await getTicket(ticketIds[0]!)).recallCount;
    const from = posts.length;
    loseNextAnswer.add('/recall');
    const outcome = await press('recall');
    expect(outcome).toMatchObject({ ok: true, action: 'recalled', ticketId: ticketIds[0] });
    expect((await getTicket(ticketIds[0]!)).recallCount).toBe(before + 1);
    const sent = posts.slice(from).filter((p) => p.path.endsWith('/recall'));
    expect(sent.length).toBe(2);
    expect(sent[0]!.key).toMatch(/^[\x21-\x7e]{8,128}$/);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    // The next press is a new press: a new key, a second recall.
    expect(await press('recall')).toMatchObject({ ok: true, action: 'recalled' });
    expect((await getTicket(ticketIds[0]!)).recallCount).toBe(before + 2);
    const again = posts.slice(from).filter((p) => p.path.endsWith('/recall'));
    expect(again[2]!.key).not.toBe(sent[0]!.key);
  });

  it('every key the keypad sends carries an Idempotency-Key', () => {
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.filter((p) => !p.key)).toEqual([]);
  });

  it('start makes the sign steady', async () => {
    expect(await press('start')).toMatchObject({ ok: true, action: 'started' });
    expect((await getTicket(ticketIds[0]!)).status).toBe('serving');
    expect(await sign.waitFor((s) => s.number === '1001' && !s.blinking)).not.toBeNull();
  });

  it('finish and transfer on the keypad ask the renderer to open its dialogs', async () => {
    const finish = next(devices, 'needs-finish');
    expect(await press('finish')).toMatchObject({ ok: true, action: 'needs_finish' });
    expect(await finish).toEqual({ ticketId: ticketIds[0], displayNumber: '1001' });
    const transfer = next(devices, 'needs-transfer');
    expect(await press('transfer')).toMatchObject({ ok: true, action: 'needs_transfer' });
    expect((await transfer).ticketId).toBe(ticketIds[0]);
    expect((await getTicket(ticketIds[0]!)).status).toBe('serving'); // nothing done by itself
  });

  it('a finish (the renderer, over REST) clears the sign; the pad rates that ticket 4', async () => {
    const res = await t.api('POST', `/api/v1/tickets/${ticketIds[0]}/finish`, {
      token,
      body: { procedureIds: [procedureId] },
    });
    expect(res.status).toBe(200);
    expect(await sign.waitFor((s) => s.number === null)).not.toBeNull();
    expect(devices.ratingTarget?.ticketId).toBe(ticketIds[0]);

    const rated = next(devices, 'rating');
    expect((await pad.rate(4)).ok).toBe(true);
    expect(await rated).toEqual({ ok: true, ticketId: ticketIds[0], score: 4 });
    expect((await getTicket(ticketIds[0]!)).rating).toBe(4);

    // A second score has nothing to rate: a typed outcome, nothing sent.
    const again = next(devices, 'rating');
    await pad.rate(2);
    expect(await again).toMatchObject({ ok: false, error: 'no_ticket', score: 2 });
    expect((await getTicket(ticketIds[0]!)).rating).toBe(4);
  });

  it('unplugged: status down; plugged back: up, and next still works', async () => {
    const down = next(devices, 'status', (s: DevicesStatus) => s.serial === 'down');
    await pair.kill();
    expect((await down).lastError?.code).toBe('serial_down');
    const up = next(devices, 'status', (s: DevicesStatus) => s.serial === 'up');
    await pair.start();
    await up;
    expect(await sign.whenUp()).toBe(true);

    const outcome = await press('next');
    expect(outcome).toMatchObject({ ok: true, action: 'called', ticketId: ticketIds[1] });
    expect(await sign.waitFor((s) => s.number === '1002' && s.blinking)).not.toBeNull();
  });

  it('no-show clears the sign; a key while paused is a typed error, and pause toggles back', async () => {
    expect(await press('no_show')).toMatchObject({ ok: true, action: 'no_show', ticketId: ticketIds[1] });
    expect((await getTicket(ticketIds[1]!)).status).toBe('no_show');
    expect(await sign.waitFor((s) => s.number === null)).not.toBeNull();

    expect(await press('recall')).toMatchObject({ ok: false, error: 'no_ticket' });

    expect(await press('pause')).toMatchObject({ ok: true, action: 'paused' });
    const refused = await press('next');
    expect(refused).toMatchObject({ ok: false, key: 'next', error: 'conflict' });
    expect(devices.status.lastError?.code).toBe('conflict');

    expect(await press('pause')).toMatchObject({ ok: true, action: 'resumed' });
    const counters = (await t.api('GET', '/api/v1/counters', { token })).body.counters;
    expect(counters.find((c: { id: string }) => c.id === 'c1').state).toBe('open');
    // Nobody waits any more: a typed, successful outcome.
    expect(await press('next')).toEqual({ ok: true, key: 'next', action: 'nobody_waiting', ticketId: null });
  });

  it('stop clears the sign and reports no devices', async () => {
    // Put a number up first, then stop.
    const res = await t.api('POST', '/api/v1/tickets', {
      token,
      body: { serviceId: (await getTicket(ticketIds[0]!)).serviceId },
      headers: { 'idempotency-key': 'bridge-test-0003' },
    });
    expect(res.status).toBe(201);
    expect(await press('next')).toMatchObject({ ok: true, action: 'called' });
    expect(await sign.waitFor((s) => s.number === '1003')).not.toBeNull();
    await devices.stop();
    expect(await sign.waitFor((s) => s.number === null)).not.toBeNull();
    expect(devices.status.serial).toBe('none');
  });
});

describe('a key pressed while the hub restarts (real hub stopped and started)', () => {
  const dataDir = tempDir('luot-keypad-');
  let t: TestHub;
  let pair: PtyPair;
  let client: HubClient;
  let devices: CounterDevices;
  let token: string;
  const posts: { path: string; key: string | null }[] = [];
  /** Called when a call-next POST fails to reach the hub (it is down). */
  let callNextFailed = () => {};

  beforeAll(async () => {
    t = await startTestHub({ dataDir, keepDir: true });
    ({ token } = await t.user('canbo8', 'officer'));
    expect((await t.api('POST', '/api/v1/counters/c1/sign-in', { token })).status).toBe(200);
    const recording: typeof fetch = (input, init) => {
      if (init?.method === 'POST')
        posts.push({
          path: new URL(String(input)).pathname,
          key: new Headers(init.headers).get('idempotency-key'),
        });
      const answer = fetch(input, init);
      if (String(input).endsWith('/call-next')) answer.catch(() => callNextFailed());
      return answer;
    };
    client = new HubClient({
      baseUrl: t.url,
      token,
      fetch: recording,
      retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 40 },
      socket: { reconnectionDelay: 50, reconnectionDelayMax: 100 },
    });
    pair = await createPtyPair();
    devices = startCounterDevices({ client, counterId: 'c1', counterNumber: 1, link: pair.a, debounceMs: 0 });
    await new Promise<void>((resolve) => {
      const off = client.on('snapshot', () => {
        off();
        resolve();
      });
    });
  });

  afterAll(async () => {
    await devices?.stop();
    client?.close();
    await pair?.dispose();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('waits for the hub and calls exactly one ticket when it is back', async () => {
    const port = Number(new URL(t.url).port);
    const services = (await t.api('GET', '/api/v1/services', { token })).body.services;
    const serviceId = services.find((s: { code: string }) => s.code === 'HOTICH').id;
    const issued: string[] = [];
    for (const key of ['restart-test-0001', 'restart-test-0002']) {
      const res = await t.api('POST', '/api/v1/tickets', {
        token,
        body: { serviceId },
        headers: { 'idempotency-key': key },
      });
      expect(res.status).toBe(201);
      issued.push(res.body.ticket.id);
    }
    await t.close();
    const tried = new Promise<void>((resolve) => {
      callNextFailed = resolve;
    });
    const outcome = devices.handleKey('next');
    // Pressed while the hub is down: the key has been tried and now waits.
    await tried;
    t = await startTestHub({ dataDir, port, keepDir: true });
    expect(await outcome).toEqual({ ok: true, key: 'next', action: 'called', ticketId: issued[0] });
    const counters = (await t.api('GET', '/api/v1/counters', { token })).body.counters;
    expect(counters.find((c: { id: string }) => c.id === 'c1').currentTicket.id).toBe(issued[0]);
    expect((await t.api('GET', `/api/v1/tickets/${issued[1]}`, { token })).body.ticket.status).toBe(
      'waiting',
    );
    const calls = posts.filter((p) => p.path.endsWith('/call-next'));
    expect(calls.length).toBeGreaterThan(1);
    expect(new Set(calls.map((p) => p.key)).size).toBe(1);
  });
});
