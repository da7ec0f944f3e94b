// Host-side drivers for the devices on the counter bus: LED sign, counter keypad, rating pad.

import { EventEmitter } from 'node:events';
import type { SerialLink, WriteError } from './port.ts';
import {
  type CommandName,
  type DeviceKind,
  type Frame,
  type KeyName,
  MAX_ADDRESS,
  type Score,
  type SerialMessage,
} from './protocol.ts';

export type DeviceError = WriteError | 'invalid_argument' | 'no_ack' | 'rejected' | 'timeout';
export type DeviceResult = { ok: true } | { ok: false; error: DeviceError; message: string };
export type PingResult =
  | { ok: true; device: DeviceKind; ms: number }
  | { ok: false; error: DeviceError; message: string };

function waitFor<T>(
  link: SerialLink,
  match: (f: Frame) => T | undefined,
  timeoutMs: number,
): { promise: Promise<T | undefined>; cancel: () => void } {
  let cancel = () => {};
  const promise = new Promise<T | undefined>((resolve) => {
    const onFrame = (f: Frame) => {
      const v = match(f);
      if (v !== undefined) done(v);
    };
    const done = (v: T | undefined) => {
      clearTimeout(t);
      link.off('frame', onFrame);
      resolve(v);
    };
    const t = setTimeout(() => done(undefined), timeoutMs);
    link.on('frame', onFrame);
    cancel = () => done(undefined);
  });
  return { promise, cancel };
}

/** Sends PING to `address` and waits for its PONG. */
export async function pingDevice(link: SerialLink, address: number, timeoutMs = 500): Promise<PingResult> {
  if (!Number.isInteger(address) || address < 1 || address > MAX_ADDRESS) {
    return { ok: false, error: 'invalid_argument', message: `address ${address} not in 1..${MAX_ADDRESS}` };
  }
  const t0 = performance.now();
  const wait = waitFor(
    link,
    (f) => (f.address === address && f.message.cmd === 'pong' ? f.message.device : undefined),
    timeoutMs,
  );
  const sent = await link.write({ address, message: { cmd: 'ping' } });
  if (!sent.ok) {
    wait.cancel();
    return sent;
  }
  const device = await wait.promise;
  if (!device)
    return { ok: false, error: 'timeout', message: `no PONG from ${address} within ${timeoutMs} ms` };
  return { ok: true, device, ms: performance.now() - t0 };
}

export interface LedSignOptions {
  /** > 0: wait this long for the sign's ACK and fail with 'no_ack' without it. Default 0 (fire and forget). */
  ackTimeoutMs?: number;
  /** Re-send the last shown number / blink / brightness when the link comes back up. Default true. */
  restoreOnUp?: boolean;
}

/** The LED number sign above a counter. Address = the counter's bus address (0 = every sign). */
export class LedSign {
  private last: { show?: SerialMessage; blink?: SerialMessage; brightness?: SerialMessage } = {};
  private readonly ackTimeoutMs: number;
  private readonly onUp = () => void this.restore();

  constructor(
    readonly link: SerialLink,
    readonly address: number,
    opts: LedSignOptions = {},
  ) {
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 0;
    if (opts.restoreOnUp ?? true) link.on('up', this.onUp);
  }

  /** Shows `displayNumber` (1..4 digits; a number is zero-padded to 4) beside `counterNumber` (0..255). */
  show(displayNumber: string | number, counterNumber: number): Promise<DeviceResult> {
    const number = typeof displayNumber === 'number' ? String(displayNumber).padStart(4, '0') : displayNumber;
    if (!/^[0-9]{1,4}$/.test(number)) return bad(`"${number}" is not 1..4 digits`);
    if (!isByte(counterNumber, 0, 255)) return bad(`counter ${counterNumber} not in 0..255`);
    const m: SerialMessage = { cmd: 'show', number, counter: counterNumber };
    this.last = { ...this.last, show: m, blink: undefined };
    return this.send(m);
  }

  /** Blinks the number (`times` 0 = until the next command). */
  blink(on: boolean, times = 0): Promise<DeviceResult> {
    if (!isByte(times, 0, 255)) return bad(`times ${times} not in 0..255`);
    const m: SerialMessage = { cmd: 'blink', on, times };
    this.last = { ...this.last, blink: on && times === 0 ? m : undefined };
    return this.send(m);
  }

  clear(): Promise<DeviceResult> {
    this.last = { brightness: this.last.brightness };
    return this.send({ cmd: 'clear' });
  }

  /** 0 (dimmest) .. 15 (brightest). */
  brightness(level: number): Promise<DeviceResult> {
    if (!isByte(level, 0, 15)) return bad(`brightness ${level} not in 0..15`);
    const m: SerialMessage = { cmd: 'brightness', level };
    this.last = { ...this.last, brightness: m };
    return this.send(m);
  }

  ping(timeoutMs = 500): Promise<PingResult> {
    return pingDevice(this.link, this.address, timeoutMs);
  }

  /** Stops listening to the link (the link itself stays open). */
  dispose(): void {
    this.link.off('up', this.onUp);
  }

  private async restore() {
    for (const m of [this.last.brightness, this.last.show, this.last.blink]) {
      if (m) await this.send(m);
    }
  }

  private async send(message: SerialMessage): Promise<DeviceResult> {
    const wantAck = this.ackTimeoutMs > 0 && this.address !== 0;
    const of = message.cmd as CommandName;
    const wait = wantAck
      ? waitFor(
          this.link,
          (f) =>
            f.address === this.address && f.message.cmd === 'ack' && f.message.of === of
              ? f.message
              : undefined,
          this.ackTimeoutMs,
        )
      : null;
    const sent = await this.link.write({ address: this.address, message });
    if (!sent.ok) {
      wait?.cancel();
      return sent;
    }
    if (!wait) return { ok: true };
    const ack = await wait.promise;
    if (!ack || ack.cmd !== 'ack') {
      return { ok: false, error: 'no_ack', message: `sign ${this.address}: no ACK for ${of}` };
    }
    return ack.ok
      ? { ok: true }
      : { ok: false, error: 'rejected', message: `sign ${this.address} rejected ${of}` };
  }
}

function isByte(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

function bad(message: string): Promise<DeviceResult> {
  return Promise.resolve({ ok: false, error: 'invalid_argument', message });
}

// ---------------------------------------------------------------------------------------------

export interface KeyEvent {
  /** The keypad's bus address = its counter number. */
  address: number;
  key: KeyName;
  /** Date.now() when it arrived. */
  at: number;
}

export interface ScoreEvent {
  address: number;
  score: Score;
  at: number;
}

export interface DebounceOptions {
  /**
   * The same key (score) from the same address within this many ms of the last ACCEPTED one is
   * dropped (a double press of "next" must not skip a citizen). Default 300; 0 disables.
   */
  debounceMs?: number;
  /**
   * Answer every KEY / SCORE frame with an ACK to its address (also the debounced ones), so a
   * device can retry when the frame was lost in a collision; the debounce drops the retries.
   * Default true.
   */
  ack?: boolean;
}

class Debouncer {
  private lastAccepted = new Map<string, number>();
  dropped = 0;
  constructor(private readonly ms: number) {}
  accept(key: string, now: number): boolean {
    const last = this.lastAccepted.get(key);
    if (this.ms > 0 && last !== undefined && now - last < this.ms) {
      this.dropped++;
      return false;
    }
    this.lastAccepted.set(key, now);
    return true;
  }
}

export interface KeypadEvents {
  key: [event: KeyEvent];
  /** A press dropped by the debounce. */
  debounced: [event: KeyEvent];
}

/** Every counter keypad on the link: emits ('key', { address, key, at }), debounced. */
export class Keypad extends EventEmitter<KeypadEvents> {
  private readonly debouncer: Debouncer;
  private readonly ack: boolean;
  private readonly onFrame = (f: Frame) => {
    if (f.message.cmd !== 'key' || f.address === 0) return;
    if (this.ack) void this.link.write({ address: f.address, message: { cmd: 'ack', of: 'key', ok: true } });
    const ev: KeyEvent = { address: f.address, key: f.message.key, at: Date.now() };
    if (this.debouncer.accept(`${f.address}:${f.message.key}`, ev.at)) this.emit('key', ev);
    else this.emit('debounced', ev);
  };

  constructor(
    readonly link: SerialLink,
    opts: DebounceOptions = {},
  ) {
    super();
    this.debouncer = new Debouncer(opts.debounceMs ?? 300);
    this.ack = opts.ack ?? true;
    link.on('frame', this.onFrame);
  }

  get debouncedCount(): number {
    return this.debouncer.dropped;
  }

  dispose(): void {
    this.link.off('frame', this.onFrame);
  }
}

export interface RatingPadEvents {
  score: [event: ScoreEvent];
  debounced: [event: ScoreEvent];
}

/** Every satisfaction pad on the link: emits ('score', { address, score, at }); 4 = rất hài lòng. */
export class RatingPad extends EventEmitter<RatingPadEvents> {
  private readonly debouncer: Debouncer;
  private readonly ack: boolean;
  private readonly onFrame = (f: Frame) => {
    if (f.message.cmd !== 'score' || f.address === 0) return;
    if (this.ack)
      void this.link.write({ address: f.address, message: { cmd: 'ack', of: 'score', ok: true } });
    const ev: ScoreEvent = { address: f.address, score: f.message.score, at: Date.now() };
    if (this.debouncer.accept(`${f.address}:${f.message.score}`, ev.at)) this.emit('score', ev);
    else this.emit('debounced', ev);
  };

  constructor(
    readonly link: SerialLink,
    opts: DebounceOptions = {},
  ) {
    super();
    this.debouncer = new Debouncer(opts.debounceMs ?? 300);
    this.ack = opts.ack ?? true;
    link.on('frame', this.onFrame);
  }

  dispose(): void {
    this.link.off('frame', this.onFrame);
  }
}

export const SCORE_LABELS: Record<Score, string> = {
  1: 'Không hài lòng',
  2: 'Bình thường',
  3: 'Hài lòng',
  4: 'Rất hài lòng',
};
