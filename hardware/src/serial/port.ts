// A self-healing serial link: opens a port, decodes frames, reopens after an unplug.
//
// Writes while the link is down FAIL FAST with `{ ok: false, error: 'down' }` (they are not queued):
// queue-number signs must show the current state, not replay stale commands minutes later. Drivers
// that care (LedSign) re-send their latest state when the link comes back ('up').

import { EventEmitter } from 'node:events';
import { lstatSync, statSync } from 'node:fs';
import { SerialPort } from 'serialport';
import {
  type BadFrame,
  type DecoderStats,
  encodeFrame,
  type Frame,
  FrameDecoder,
  ProtocolError,
  type RawFrame,
} from './protocol.ts';

/** The part of a serialport stream the link uses (SerialPort, SerialPortMock). */
export interface PortLike {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  write(data: Buffer, cb: (err: Error | null | undefined) => void): boolean;
  close(cb?: (err: Error | null) => void): void;
  on(event: 'data', fn: (chunk: Buffer) => void): this;
  on(event: 'close', fn: (err?: Error | null) => void): this;
  on(event: 'error', fn: (err: Error) => void): this;
  removeAllListeners(event?: string): this;
}

export interface PortFactoryOptions {
  path: string;
  baudRate: number;
  autoOpen: false;
}

export interface SerialLinkOptions {
  /** Default 9600 (8N1). */
  baudRate?: number;
  /** Retry interval while the port cannot be opened. Default 500 ms. */
  reopenMs?: number;
  /** A partial frame older than this (no new bytes) is dropped as `truncated`. Default 200 ms. */
  interByteTimeoutMs?: number;
  /**
   * While up, check this often that `path` is still the device that was opened (see below).
   * Default = reopenMs; 0 disables.
   */
  watchMs?: number;
  /** Makes the port; defaults to `new SerialPort(o)`. Tests pass `new SerialPortMock(o)`. */
  createPort?: (o: PortFactoryOptions) => PortLike;
}

export type LinkState = 'opening' | 'up' | 'down' | 'closed';

export type WriteError = 'down' | 'closed' | 'invalid_frame' | 'write_failed';
export type WriteResult = { ok: true; bytes: number } | { ok: false; error: WriteError; message: string };

export interface LinkDown {
  /** Why: 'open_failed' (never came up / replug not there yet), 'disconnected', 'error'. */
  reason: 'open_failed' | 'disconnected' | 'error';
  message: string;
}

export interface SerialLinkEvents {
  frame: [frame: Frame, raw: RawFrame];
  bad: [bad: BadFrame];
  up: [];
  down: [info: LinkDown];
  closed: [];
}

export interface SerialLink {
  readonly path: string;
  readonly state: LinkState;
  /** Decoder counters (frames, bad frames by reason, garbage bytes). */
  readonly stats: DecoderStats;
  /** Encodes and sends one frame. Never rejects. */
  write(frame: Frame): Promise<WriteResult>;
  /** Sends bytes as they are (tests, bus sniffing tools). Never rejects. */
  writeRaw(bytes: Uint8Array): Promise<WriteResult>;
  /** Resolves true once the link is up (now or later), false after `timeoutMs` or on close. */
  whenUp(timeoutMs?: number): Promise<boolean>;
  /** Stops reopening and closes the port. Idempotent; never rejects. */
  close(): Promise<void>;
  on<E extends keyof SerialLinkEvents>(event: E, fn: (...args: SerialLinkEvents[E]) => void): this;
  once<E extends keyof SerialLinkEvents>(event: E, fn: (...args: SerialLinkEvents[E]) => void): this;
  off<E extends keyof SerialLinkEvents>(event: E, fn: (...args: SerialLinkEvents[E]) => void): this;
}

/** Identity of the file at `path` (null if missing): a recreated link or device node differs. */
function fingerprint(path: string): string | null {
  try {
    const l = lstatSync(path);
    const t = statSync(path);
    return `${l.dev}:${l.ino}:${l.ctimeMs}:${t.rdev}:${t.ino}`;
  } catch {
    return null;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

class SerialLinkImpl extends EventEmitter implements SerialLink {
  private _state: LinkState = 'opening';
  private port: PortLike | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  /** 'down' is emitted once per outage, not on every failed retry. */
  private downEmitted = false;
  private readonly decoder = new FrameDecoder();
  private readonly baudRate: number;
  private readonly reopenMs: number;
  private readonly interByteTimeoutMs: number;
  private readonly watchMs: number;
  private readonly createPort: (o: PortFactoryOptions) => PortLike;

  constructor(
    readonly path: string,
    opts: SerialLinkOptions,
  ) {
    super();
    this.baudRate = opts.baudRate ?? 9600;
    this.reopenMs = opts.reopenMs ?? 500;
    this.interByteTimeoutMs = opts.interByteTimeoutMs ?? 200;
    this.watchMs = opts.watchMs ?? this.reopenMs;
    this.createPort = opts.createPort ?? ((o) => new SerialPort(o) as unknown as PortLike);
    // Listeners attached right after openSerialLink() returns must see the first 'up'/'down'.
    queueMicrotask(() => this.tryOpen());
  }

  get state(): LinkState {
    return this._state;
  }

  get stats(): DecoderStats {
    return this.decoder.stats;
  }

  private tryOpen() {
    this.timer = null;
    if (this._state === 'closed') return;
    let port: PortLike;
    try {
      port = this.createPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    } catch (e) {
      this.failed('open_failed', message(e));
      return;
    }
    // Errors before the open callback also land in the callback; keep an 'error' listener so a
    // stray emit can never crash the process.
    port.on('error', (e) => this.lost(port, 'error', message(e)));
    port.open((err) => {
      if (this._state === 'closed') {
        if (!err) port.close(() => {});
        return;
      }
      if (err) {
        port.removeAllListeners();
        port.on('error', () => {});
        this.failed('open_failed', message(err));
        return;
      }
      this.port = port;
      port.on('data', (chunk) => this.onData(chunk));
      port.on('close', (e) => this.lost(port, 'disconnected', e ? message(e) : 'port closed'));
      this._state = 'up';
      this.downEmitted = false;
      this.decoder.reset();
      this.startWatch(port);
      this.emit('up');
    });
  }

  private failed(reason: LinkDown['reason'], msg: string) {
    if (this._state === 'closed') return;
    this._state = 'down';
    if (!this.downEmitted) {
      this.downEmitted = true;
      this.emit('down', { reason, message: msg });
    }
    this.timer ??= setTimeout(() => this.tryOpen(), this.reopenMs);
  }

  private lost(port: PortLike, reason: LinkDown['reason'], msg: string) {
    if (port !== this.port) return; // a stale port object from an earlier attempt
    this.port = null;
    this.stopWatch();
    port.removeAllListeners();
    port.on('error', () => {});
    if (port.isOpen) port.close(() => {});
    this.clearFlush();
    this.decoder.reset();
    this.failed(reason, msg);
  }

  /**
   * Why a watchdog: when the far end of a pty (or some USB adapters) hangs up, the Linux binding's
   * read() returns 0 bytes forever and serialport never emits 'close' (and spins). So while up we
   * check that the path still exists and is the same file (symlink inode + ctime, device number) as
   * at open; if not, the device was unplugged (or unplugged and replugged): treat it as lost.
   * Paths that are not files (mock ports, Windows COM names) are not watched.
   */
  private startWatch(port: PortLike) {
    if (this.watchMs <= 0) return;
    const before = fingerprint(this.path);
    if (!before) return;
    const tick = () => {
      this.watchTimer = null;
      if (this.port !== port) return;
      const now = fingerprint(this.path);
      if (now !== before) {
        this.lost(port, 'disconnected', now ? `${this.path} was replaced` : `${this.path} vanished`);
        return;
      }
      this.watchTimer = setTimeout(tick, this.watchMs);
      this.watchTimer.unref();
    };
    this.watchTimer = setTimeout(tick, this.watchMs);
    this.watchTimer.unref();
  }

  private stopWatch() {
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchTimer = null;
  }

  private onData(chunk: Buffer) {
    this.dispatch(this.decoder.push(chunk));
    this.clearFlush();
    if (this.decoder.pending > 0) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.dispatch(this.decoder.flush());
      }, this.interByteTimeoutMs);
    }
  }

  private dispatch(events: ReturnType<FrameDecoder['push']>) {
    for (const ev of events) {
      try {
        if (ev.type === 'frame') this.emit('frame', ev.frame, ev.raw);
        else this.emit('bad', ev.bad);
      } catch {
        // A listener's bug must not kill the link's read loop.
      }
    }
  }

  private clearFlush() {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  write(frame: Frame): Promise<WriteResult> {
    let bytes: Buffer;
    try {
      bytes = encodeFrame(frame);
    } catch (e) {
      const msg = e instanceof ProtocolError ? e.message : message(e);
      return Promise.resolve({ ok: false, error: 'invalid_frame', message: msg });
    }
    return this.writeRaw(bytes);
  }

  writeRaw(bytes: Uint8Array): Promise<WriteResult> {
    if (this._state === 'closed')
      return Promise.resolve({ ok: false, error: 'closed', message: 'link closed' });
    const port = this.port;
    if (this._state !== 'up' || !port) {
      return Promise.resolve({ ok: false, error: 'down', message: `${this.path} is not connected` });
    }
    return new Promise((resolve) => {
      try {
        port.write(Buffer.from(bytes), (err) => {
          if (err) resolve({ ok: false, error: 'write_failed', message: message(err) });
          else resolve({ ok: true, bytes: bytes.length });
        });
      } catch (e) {
        resolve({ ok: false, error: 'write_failed', message: message(e) });
      }
    });
  }

  whenUp(timeoutMs = 5000): Promise<boolean> {
    if (this._state === 'up') return Promise.resolve(true);
    if (this._state === 'closed') return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(t);
        this.off('up', onUp);
        this.off('closed', onClosed);
        resolve(v);
      };
      const onUp = () => done(true);
      const onClosed = () => done(false);
      const t = setTimeout(() => done(false), timeoutMs);
      this.on('up', onUp);
      this.on('closed', onClosed);
    });
  }

  close(): Promise<void> {
    if (this._state === 'closed') return Promise.resolve();
    this._state = 'closed';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.clearFlush();
    this.stopWatch();
    const port = this.port;
    this.port = null;
    this.emit('closed');
    if (!port) return Promise.resolve();
    port.removeAllListeners();
    port.on('error', () => {});
    return new Promise((resolve) => {
      if (!port.isOpen) return resolve();
      try {
        port.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

/**
 * Opens `path` (e.g. /dev/ttyUSB0 or a socat pty link) and keeps it open: when the port closes or
 * errors (USB-RS485 adapter unplugged) the link emits 'down' once and retries every `reopenMs`
 * until the port opens again, then emits 'up'. Returns at once; listen for 'up' or await whenUp().
 */
export function openSerialLink(path: string, opts: SerialLinkOptions = {}): SerialLink {
  return new SerialLinkImpl(path, opts);
}
