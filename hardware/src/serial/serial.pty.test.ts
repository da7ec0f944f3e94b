// Real bytes over real pseudo-terminals: host drivers on one end of a socat pair, emulators on the other.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runSerialEmulateCli } from './cli-emulate.ts';
import { type KeyEvent, Keypad, LedSign, RatingPad, type ScoreEvent } from './devices.ts';
import { KeypadEmulator, RatingPadEmulator, SignEmulator } from './emulators.ts';
import { openSerialLink, type SerialLink } from './port.ts';
import { createPtyPair, type PtyPair } from './pty.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pair(): Promise<PtyPair> {
  const p = await createPtyPair();
  cleanups.push(() => p.dispose());
  return p;
}

function host(path: string): SerialLink {
  const link = openSerialLink(path, { reopenMs: 50 });
  cleanups.push(() => link.close());
  return link;
}

function next<T extends unknown[]>(
  emitter: { once(e: string, fn: (...a: T) => void): unknown },
  event: string,
  ms = 3000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`no '${event}' within ${ms} ms (${(emitter as { path?: string }).path})`)),
      ms,
    );
    emitter.once(event, (...a: T) => {
      clearTimeout(t);
      resolve(a);
    });
  });
}

function collect<T>(emitter: { on(e: string, fn: (v: T) => void): unknown }, event: string): T[] {
  const out: T[] = [];
  emitter.on(event, (v: T) => out.push(v));
  return out;
}

describe('serial devices over socat pty pairs', () => {
  it('LED sign: show, blink, brightness, clear reach the emulator (with ACKs) and ping answers', async () => {
    const p = await pair();
    const link = host(p.a);
    const emu = new SignEmulator(p.b, 3);
    cleanups.push(() => emu.close());
    expect(await link.whenUp()).toBe(true);
    expect(await emu.whenUp()).toBe(true);

    const sign = new LedSign(link, 3, { ackTimeoutMs: 2000 });
    expect(await sign.show('0042', 3)).toEqual({ ok: true });
    expect(emu.state).toMatchObject({ number: '0042', counter: 3, blinking: false });
    expect(await sign.blink(true)).toEqual({ ok: true });
    expect(emu.state.blinking).toBe(true);
    expect(await sign.brightness(8)).toEqual({ ok: true });
    expect(emu.state.brightness).toBe(8);
    expect(emu.display).toBe('0042 → quầy 3 (nhấp nháy)');
    expect(await sign.show(7, 12)).toEqual({ ok: true });
    expect(emu.state).toMatchObject({ number: '0007', counter: 12, blinking: false });
    expect(await sign.clear()).toEqual({ ok: true });
    expect(emu.state).toMatchObject({ number: null, blinking: false, brightness: 8 });
    expect(emu.log).toEqual([
      '[sign 3] SHOW 0042 → quầy 3',
      '[sign 3] BLINK on',
      '[sign 3] BRIGHTNESS 8/15',
      '[sign 3] SHOW 0007 → quầy 12',
      '[sign 3] CLEAR',
    ]);
    expect(await sign.ping()).toMatchObject({ ok: true, device: 'sign' });

    // a sign at another address ignores it; with ACKs on, the driver says so
    const other = new LedSign(link, 4, { ackTimeoutMs: 150 });
    expect(await other.show('1', 4)).toMatchObject({ ok: false, error: 'no_ack' });
    expect(await other.show('12345', 4)).toMatchObject({ ok: false, error: 'invalid_argument' });
    expect(emu.state.number).toBe(null);
  });

  it("keypad: 'next' arrives with the keypad's address; a script arrives in order", async () => {
    const p = await pair();
    const link = host(p.a);
    const emu = new KeypadEmulator(p.b, 5);
    cleanups.push(() => emu.close());
    const keypad = new Keypad(link);
    const keys = collect<KeyEvent>(keypad, 'key');
    expect(await link.whenUp()).toBe(true);
    expect(await emu.whenUp()).toBe(true);

    const got = next<[KeyEvent]>(keypad, 'key');
    expect(await emu.press('next')).toMatchObject({ ok: true });
    expect((await got)[0]).toMatchObject({ address: 5, key: 'next' });

    expect(await emu.pressScript('recall start finish no-show transfer pause')).toEqual({
      ok: true,
      pressed: 6,
    });
    await expect.poll(() => keys.length).toBe(7);
    expect(keys.map((k) => k.key)).toEqual([
      'next',
      'recall',
      'start',
      'finish',
      'no_show',
      'transfer',
      'pause',
    ]);
    await expect.poll(() => emu.acks).toBe(7); // the host ACKs every KEY frame
    expect(await emu.pressScript('next bogus')).toMatchObject({ ok: false, pressed: 1, token: 'bogus' });
  });

  it('keypad debounce: two quick presses count once; presses after the window count twice', async () => {
    const p = await pair();
    const link = host(p.a);
    const emu = new KeypadEmulator(p.b, 2);
    cleanups.push(() => emu.close());
    const keypad = new Keypad(link, { debounceMs: 150 });
    const keys = collect<KeyEvent>(keypad, 'key');
    expect(await link.whenUp()).toBe(true);
    expect(await emu.whenUp()).toBe(true);

    const dropped = next<[KeyEvent]>(keypad, 'debounced');
    await emu.pressScript('next next');
    expect((await dropped)[0]).toMatchObject({ address: 2, key: 'next' });
    expect(keys.map((k) => k.key)).toEqual(['next']);

    // a different key is not debounced against 'next'
    await emu.pressScript('recall');
    await expect.poll(() => keys.length).toBe(2);

    // the script's own pause (+200 ms) is longer than the 150 ms window
    await emu.pressScript('finish +200 finish');
    await expect.poll(() => keys.length).toBe(4);
    expect(keys.map((k) => k.key)).toEqual(['next', 'recall', 'finish', 'finish']);
    expect(keypad.debouncedCount).toBe(1);
  });

  it('rating pad: a score lands with the pad address', async () => {
    const p = await pair();
    const link = host(p.a);
    const emu = new RatingPadEmulator(p.b, 9);
    cleanups.push(() => emu.close());
    const pad = new RatingPad(link);
    expect(await link.whenUp()).toBe(true);
    expect(await emu.whenUp()).toBe(true);

    const got = next<[ScoreEvent]>(pad, 'score');
    expect(await emu.rate(4)).toMatchObject({ ok: true });
    expect((await got)[0]).toMatchObject({ address: 9, score: 4 });
    await expect.poll(() => emu.acks).toBe(1);
    expect(await emu.rate(5 as never)).toMatchObject({ ok: false });
  });

  it('several devices can share one end (a multi-drop bus)', async () => {
    const p = await pair();
    const link = host(p.a);
    const bus = openSerialLink(p.b, { reopenMs: 50 });
    cleanups.push(() => bus.close());
    const sign = new SignEmulator(bus, 6);
    const keys = new KeypadEmulator(bus, 6);
    const pad = new RatingPadEmulator(bus, 7);
    expect(await link.whenUp()).toBe(true);
    expect(await bus.whenUp()).toBe(true);

    const keypad = new Keypad(link);
    const ratings = new RatingPad(link);
    const k = next<[KeyEvent]>(keypad, 'key');
    const s = next<[ScoreEvent]>(ratings, 'score');
    await keys.press('start');
    await pad.rate(3);
    expect((await k)[0]).toMatchObject({ address: 6, key: 'start' });
    expect((await s)[0]).toMatchObject({ address: 7, score: 3 });
    expect(await new LedSign(link, 6, { ackTimeoutMs: 2000 }).show('0100', 6)).toEqual({ ok: true });
    expect(sign.state.number).toBe('0100');
  });

  it('unplug and replug: down, typed write failure, up by itself, next show() arrives', async () => {
    const p = await pair();
    const link = host(p.a);
    const emu = new SignEmulator(p.b, 1);
    cleanups.push(() => emu.close());
    const keypadEmu = new KeypadEmulator(emu.link, 1);
    const keypad = new Keypad(link);
    const sign = new LedSign(link, 1, { ackTimeoutMs: 2000 });
    expect(await link.whenUp()).toBe(true);
    expect(await emu.whenUp()).toBe(true);
    expect(await sign.show('0001', 1)).toEqual({ ok: true });

    const hostDown = next(link, 'down');
    const emuDown = next(emu.link, 'down');
    await p.kill();
    await Promise.all([hostDown, emuDown]);
    expect(link.state).toBe('down');
    expect(await sign.show('0002', 1)).toMatchObject({ ok: false, error: 'down' });
    expect(await keypadEmu.press('next')).toMatchObject({ ok: false, error: 'down' });

    const hostUp = next(link, 'up', 5000);
    const emuUp = next(emu.link, 'up', 5000);
    await p.start();
    await Promise.all([hostUp, emuUp]);

    expect(await sign.show('0003', 1)).toEqual({ ok: true });
    expect(await emu.waitFor((s) => s.number === '0003')).toMatchObject({ number: '0003', counter: 1 });
    const k = next<[KeyEvent]>(keypad, 'key');
    await keypadEmu.press('recall');
    expect((await k)[0]).toMatchObject({ address: 1, key: 'recall' });

    // and once more, to be sure the loop is not one-shot
    const down2 = next(link, 'down');
    await p.kill();
    await down2;
    const up2 = next(link, 'up', 5000);
    const emuUp2 = next(emu.link, 'up', 5000);
    await p.start();
    await Promise.all([up2, emuUp2]);
    expect(await sign.show('0004', 1)).toEqual({ ok: true });
    expect(await emu.waitFor((s) => s.number === '0004')).not.toBe(null);
  });

  it('CLI: keypad typed into from stdin, sign prints what it shows', async () => {
    const p = await pair();
    const link = host(p.a);
    const keypad = new Keypad(link);
    expect(await link.whenUp()).toBe(true);

    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (d) => {
      out += String(d);
    });
    const ac = new AbortController();
    const exit = runSerialEmulateCli(['keypad', '--path', p.b, '--address', '8'], {
      stdin,
      stdout,
      stderr,
      signal: ac.signal,
    });
    await expect.poll(() => out, { timeout: 3000 }).toContain('type keys');
    const k = next<[KeyEvent]>(keypad, 'key');
    stdin.write('next\n');
    expect((await k)[0]).toMatchObject({ address: 8, key: 'next' });
    stdin.end();
    expect(await exit).toBe(0);

    const sOut = new PassThrough();
    let signOut = '';
    sOut.on('data', (d) => {
      signOut += String(d);
    });
    const signExit = runSerialEmulateCli(['sign', '--port', p.b, '--address', '8'], {
      stdin: new PassThrough(),
      stdout: sOut,
      stderr,
      signal: ac.signal,
    });
    await expect.poll(() => signOut, { timeout: 3000 }).toContain('connected');
    expect(await new LedSign(link, 8, { ackTimeoutMs: 2000 }).show('0815', 8)).toEqual({ ok: true });
    await expect.poll(() => signOut).toContain('SHOW 0815 → quầy 8');
    ac.abort();
    expect(await signExit).toBe(0);

    expect(await runSerialEmulateCli(['sign', '--path', p.b], { stdin, stdout, stderr })).toBe(2);
  });
});
