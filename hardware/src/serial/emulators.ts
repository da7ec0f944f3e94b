// Device-side emulators: they open the device end of a pty pair (or share a link, to put several
// devices on one simulated bus) and behave like the real sign / keypad / rating pad. They use the
// same self-healing link as the host, so they survive the pty vanishing and reopen on their own.

import { EventEmitter } from 'node:events';
import { openSerialLink, type SerialLink, type SerialLinkOptions, type WriteResult } from './port.ts';
import { type DeviceKind, type Frame, KEYS, type KeyName, MAX_ADDRESS, type Score } from './protocol.ts';

export interface EmulatorOptions extends SerialLinkOptions {}

export interface EmulatorEvents {
  log: [line: string];
}

abstract class DeviceEmulator<E extends Record<keyof E, unknown[]> & EmulatorEvents> extends EventEmitter<E> {
  readonly link: SerialLink;
  /** Everything the device did, oldest first. */
  readonly log: string[] = [];
  private readonly ownsLink: boolean;
  private readonly onFrame = (f: Frame) => this.receive(f);
  protected abstract readonly kind: DeviceKind;

  constructor(
    pathOrLink: string | SerialLink,
    readonly address: number,
    opts: EmulatorOptions = {},
  ) {
    super();
    if (!Number.isInteger(address) || address < 1 || address > MAX_ADDRESS) {
      throw new RangeError(`device address ${address} not in 1..${MAX_ADDRESS}`);
    }
    this.ownsLink = typeof pathOrLink === 'string';
    this.link = typeof pathOrLink === 'string' ? openSerialLink(pathOrLink, opts) : pathOrLink;
    this.link.on('frame', this.onFrame);
  }

  /** Resolves true once the device end is open. */
  whenUp(timeoutMs = 5000): Promise<boolean> {
    return this.link.whenUp(timeoutMs);
  }

  async close(): Promise<void> {
    this.link.off('frame', this.onFrame);
    if (this.ownsLink) await this.link.close();
  }

  protected addLog(text: string) {
    const line = `[${this.kind} ${this.address}] ${text}`;
    this.log.push(line);
    if (this.log.length > 1000) this.log.splice(0, this.log.length - 1000);
    (this as unknown as EventEmitter<EmulatorEvents>).emit('log', line);
  }

  protected reply(frame: Frame): Promise<WriteResult> {
    return this.link.write(frame);
  }

  private receive(f: Frame) {
    // On a shared bus devices also hear each other's replies; only host commands matter.
    if (f.address !== this.address && f.address !== 0) return;
    if (f.message.cmd === 'ping') {
      if (f.address !== 0)
        void this.reply({ address: this.address, message: { cmd: 'pong', device: this.kind } });
      return;
    }
    this.onCommand(f);
  }

  protected onCommand(_f: Frame): void {}
}

// ---------------------------------------------------------------------------------------------

export interface SignState {
  /** Digits shown, or null when blank. */
  number: string | null;
  counter: number | null;
  blinking: boolean;
  /** 0..15. */
  brightness: number;
}

export interface SignEmulatorOptions extends EmulatorOptions {
  /** Answer sign commands with ACK (not for broadcasts). Default true. */
  ack?: boolean;
  /** Start brightness, default 15. */
  brightness?: number;
}

export interface SignEmulatorEvents extends EmulatorEvents {
  state: [state: SignState];
}

/** An LED counter sign: keeps { number, counter, blinking, brightness } and logs what it shows. */
export class SignEmulator extends DeviceEmulator<SignEmulatorEvents> {
  protected readonly kind = 'sign' as const;
  private readonly ack: boolean;
  private _state: SignState;

  constructor(pathOrLink: string | SerialLink, address: number, opts: SignEmulatorOptions = {}) {
    super(pathOrLink, address, opts);
    this.ack = opts.ack ?? true;
    this._state = { number: null, counter: null, blinking: false, brightness: opts.brightness ?? 15 };
  }

  get state(): SignState {
    return { ...this._state };
  }

  /** What a person in the waiting room would read. */
  get display(): string {
    const s = this._state;
    if (s.number === null) return '(trống)';
    return `${s.number} → quầy ${s.counter}${s.blinking ? ' (nhấp nháy)' : ''}`;
  }

  /** Resolves with the state once `pred` holds (now or after a later command), or null on timeout. */
  waitFor(pred: (s: SignState) => boolean, timeoutMs = 3000): Promise<SignState | null> {
    if (pred(this._state)) return Promise.resolve(this.state);
    return new Promise((resolve) => {
      const on = (s: SignState) => {
        if (!pred(s)) return;
        clearTimeout(t);
        this.off('state', on);
        resolve(s);
      };
      const t = setTimeout(() => {
        this.off('state', on);
        resolve(null);
      }, timeoutMs);
      this.on('state', on);
    });
  }

  protected override onCommand(f: Frame): void {
    const m = f.message;
    const s = this._state;
    switch (m.cmd) {
      case 'show':
        this._state = { ...s, number: m.number, counter: m.counter, blinking: false };
        this.addLog(`SHOW ${m.number} → quầy ${m.counter}`);
        break;
      case 'blink':
        this._state = { ...s, blinking: m.on };
        this.addLog(m.on ? `BLINK on${m.times ? ` ×${m.times}` : ''}` : 'BLINK off');
        break;
      case 'clear':
        this._state = { ...s, number: null, counter: null, blinking: false };
        this.addLog('CLEAR');
        break;
      case 'brightness':
        this._state = { ...s, brightness: m.level };
        this.addLog(`BRIGHTNESS ${m.level}/15`);
        break;
      default:
        return; // keys, scores, acks: not for a sign
    }
    this.emit('state', this.state);
    if (this.ack && f.address !== 0) {
      void this.reply({ address: this.address, message: { cmd: 'ack', of: m.cmd, ok: true } });
    }
  }
}

// ---------------------------------------------------------------------------------------------

const KEY_ALIASES: Record<string, KeyName> = {
  n: 'next',
  'no-show': 'no_show',
  noshow: 'no_show',
  r: 'recall',
  s: 'start',
  f: 'finish',
  t: 'transfer',
  p: 'pause',
};

/** 'next', 'No-Show', 'noshow', 'n' ... -> KeyName, or null. */
export function parseKey(token: string): KeyName | null {
  const t = token.trim().toLowerCase();
  if ((KEYS as readonly string[]).includes(t)) return t as KeyName;
  return KEY_ALIASES[t] ?? null;
}

export type ScriptResult =
  | { ok: true; pressed: number }
  | { ok: false; pressed: number; token: string; error: string; message: string };

export interface ScriptOptions {
  /** Pause between presses, default 0 (send as fast as the link takes them). */
  gapMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A counter keypad: press(key) sends a KEY frame from its address. */
export class KeypadEmulator extends DeviceEmulator<EmulatorEvents> {
  protected readonly kind = 'keypad' as const;
  /** ACKs the host sent back for KEY frames. */
  acks = 0;

  protected override onCommand(f: Frame): void {
    if (f.message.cmd === 'ack' && f.message.of === 'key' && f.address === this.address) this.acks++;
  }

  async press(key: KeyName): Promise<WriteResult> {
    const r = await this.reply({ address: this.address, message: { cmd: 'key', key } });
    this.addLog(r.ok ? `KEY ${key}` : `KEY ${key} not sent: ${r.error}`);
    return r;
  }

  /**
   * Runs a script of whitespace/comma separated tokens: key names ('next recall start finish
   * no_show transfer pause', aliases 'no-show', 'n', ...) and pauses ('wait:300' or '+300' ms).
   * Stops at the first unknown token or failed write.
   */
  async pressScript(script: string, opts: ScriptOptions = {}): Promise<ScriptResult> {
    let pressed = 0;
    const tokens = script.split(/[\s,]+/).filter(Boolean);
    for (const [i, token] of tokens.entries()) {
      const pause = /^(?:wait:|\+)(\d+)$/.exec(token);
      if (pause) {
        await sleep(Number(pause[1]));
        continue;
      }
      const key = parseKey(token);
      if (!key) return { ok: false, pressed, token, error: 'unknown_key', message: `unknown key "${token}"` };
      const r = await this.press(key);
      if (!r.ok) return { ok: false, pressed, token, error: r.error, message: r.message };
      pressed++;
      if (opts.gapMs && i < tokens.length - 1) await sleep(opts.gapMs);
    }
    return { ok: true, pressed };
  }
}

/** A satisfaction pad: rate(1..4) sends a SCORE frame (4 = rất hài lòng). */
export class RatingPadEmulator extends DeviceEmulator<EmulatorEvents> {
  protected readonly kind = 'pad' as const;
  /** ACKs the host sent back for SCORE frames. */
  acks = 0;

  protected override onCommand(f: Frame): void {
    if (f.message.cmd === 'ack' && f.message.of === 'score' && f.address === this.address) this.acks++;
  }

  async rate(score: Score): Promise<WriteResult> {
    if (!Number.isInteger(score) || score < 1 || score > 4) {
      return { ok: false, error: 'invalid_frame', message: `score ${score} not in 1..4` };
    }
    const r = await this.reply({ address: this.address, message: { cmd: 'score', score } });
    this.addLog(r.ok ? `SCORE ${score}` : `SCORE ${score} not sent: ${r.error}`);
    return r;
  }
}
