// The counter's device bridge (Electron main): the keypad drives the same hub actions as the
// buttons, through the same module (../actions.ts: one Idempotency-Key per press, kept on every
// retry, so a key pressed while the hub restarts acts once), the LED sign follows this counter's
// current ticket, and the satisfaction pad rates the ticket just finished here. Plain Node (hardware/ + HubClient), so it is tested without Electron.
// Nothing here throws into the caller: every key and score ends in a typed outcome (an event).
import { EventEmitter } from 'node:events';
import {
  type KeyEvent,
  type KeyName,
  Keypad,
  LedSign,
  openSerialLink,
  RatingPad,
  type ScoreEvent,
  type SerialLink,
} from '@luot/hardware';
import { finishedByChange, type PublicCounter, type PublicTicket } from '@luot/shared';
import { type HubClient, HubError } from '@luot/ui';
import {
  type CounterAction,
  SendCancelled,
  type SendOptions,
  sendAction,
  untilAnswered,
} from '../actions.ts';

export type SerialState = 'up' | 'down' | 'none';

export interface DevicesStatus {
  /** `none`: no devices configured (or the bridge is stopped). */
  serial: SerialState;
  lastKey: { key: KeyName; at: string } | null;
  /** The last failure (a refused key, a failed rating, the bus going down), or null. */
  lastError: { code: string; message: string; at: string } | null;
}

export type KeyAction =
  | 'called'
  | 'nobody_waiting'
  | 'recalled'
  | 'started'
  | 'no_show'
  | 'paused'
  | 'resumed'
  | 'needs_finish'
  | 'needs_transfer';

/**
 * `no_ticket`: the key needs a current ticket and the counter has none; `cancelled`: the bridge
 * stopped while the key waited for the hub; other codes are the hub's (`conflict`, `forbidden`,
 * `network` once the hub stayed out of reach for the send limit, …).
 */
export type KeyOutcome =
  | { ok: true; key: KeyName; action: KeyAction; ticketId: string | null }
  | { ok: false; key: KeyName; error: string; message: string };

export type RatingOutcome =
  | { ok: true; ticketId: string; score: number }
  | { ok: false; score: number; ticketId: string | null; error: string; message: string };

/** What the renderer is asked to do (its dialogs hold the choices the keypad cannot make). */
export interface NeedsDialogEvent {
  ticketId: string;
  displayNumber: string;
}

export interface CounterDevicesEvents {
  status: [status: DevicesStatus];
  key: [outcome: KeyOutcome];
  rating: [outcome: RatingOutcome];
  'needs-finish': [event: NeedsDialogEvent];
  'needs-transfer': [event: NeedsDialogEvent];
}

export interface CounterDevicesOptions {
  /** Signed in with the officer's token; the bridge calls `connect()` (the caller closes it). */
  client: HubClient;
  /**
   * The pad's scores go to the hub with the token of a counter device of this counter (ipc.ts
   * pairs one): a rating comes from the citizen, and the hub refuses staff tokens (API.md). Null:
   * no such token, the pad's scores are refused here (`no_rating_device`). The caller closes it.
   */
  ratingClient?: HubClient | null;
  /** Why there is no rating client (shown with each refused score). */
  ratingProblem?: string;
  counterId: string;
  counterNumber: number;
  /** An open link, or the adapter's path (then the bridge opens and closes the link). */
  link: SerialLink | string;
  baudRate?: number;
  /** Bus addresses; default the counter number. */
  addresses?: { sign?: number; keypad?: number; pad?: number };
  /** How long after a finish a score still counts. Default 30 s. */
  ratingWindowMs?: number;
  /** Debounce of keys and scores (hardware default 300 ms). */
  debounceMs?: number;
  /** How long a key waits for an unreachable hub before it gives up (default 2 minutes). */
  sendLimitMs?: number;
  now?: () => number;
}

export interface CounterDevices extends EventEmitter<CounterDevicesEvents> {
  readonly status: DevicesStatus;
  /** The ticket a score would rate now, if any. */
  readonly ratingTarget: { ticketId: string; until: number } | null;
  /** Handles one key as if it came from the keypad (the renderer's buttons do not use this). */
  handleKey(key: KeyName): Promise<KeyOutcome>;
  /** Clears the sign, stops listening; closes the link when the bridge opened it. */
  stop(): Promise<void>;
}

const SHOWN_STATUSES = new Set<PublicTicket['status']>(['called', 'serving']);

/** The sign shows 1..4 digits: the last four digits of the display number ("A-1001" → "1001"). */
export function signDigits(displayNumber: string): string | null {
  const digits = displayNumber.replace(/\D/g, '');
  return digits ? digits.slice(-4) : null;
}

function errorOf(error: unknown): { error: string; message: string } {
  if (error instanceof SendCancelled) return { error: 'cancelled', message: error.message };
  if (error instanceof HubError) return { error: error.code, message: error.message };
  return { error: 'error', message: error instanceof Error ? error.message : String(error) };
}

class CounterDevicesImpl extends EventEmitter<CounterDevicesEvents> implements CounterDevices {
  private readonly client: HubClient;
  private readonly ratingClient: HubClient | null;
  private readonly ratingProblem: string;
  private readonly counterId: string;
  private readonly counterNumber: number;
  private readonly link: SerialLink;
  private readonly ownsLink: boolean;
  private readonly sign: LedSign;
  private readonly keypad: Keypad;
  private readonly pad: RatingPad;
  private readonly addresses: { sign: number; keypad: number; pad: number };
  private readonly ratingWindowMs: number;
  private readonly now: () => number;
  private readonly sendLimitMs: number | undefined;
  /** Cancels the keys still waiting for the hub when the bridge stops. */
  private readonly stopping = new AbortController();
  private stopped = false;
  /** What the sign shows: the ticket id and its status then. */
  private shown: { id: string; status: PublicTicket['status'] } | null = null;
  private rateTarget: { ticketId: string; until: number } | null = null;
  /** Keys and scores are handled one at a time, in arrival order. */
  private chain: Promise<unknown> = Promise.resolve();
  private statusValue: DevicesStatus;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(opts: CounterDevicesOptions) {
    super();
    this.client = opts.client;
    this.ratingClient = opts.ratingClient ?? null;
    this.ratingProblem = opts.ratingProblem ?? 'no counter device is paired for the pad';
    this.counterId = opts.counterId;
    this.counterNumber = opts.counterNumber;
    this.ratingWindowMs = opts.ratingWindowMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    this.sendLimitMs = opts.sendLimitMs;
    this.addresses = {
      sign: opts.addresses?.sign ?? opts.counterNumber,
      keypad: opts.addresses?.keypad ?? opts.counterNumber,
      pad: opts.addresses?.pad ?? opts.counterNumber,
    };
    this.ownsLink = typeof opts.link === 'string';
    this.link =
      typeof opts.link === 'string'
        ? openSerialLink(opts.link, { baudRate: opts.baudRate ?? 9600 })
        : opts.link;
    this.statusValue = {
      serial: this.link.state === 'up' ? 'up' : 'down',
      lastKey: null,
      lastError: null,
    };
    const debounce = opts.debounceMs === undefined ? {} : { debounceMs: opts.debounceMs };
    this.sign = new LedSign(this.link, this.addresses.sign);
    this.keypad = new Keypad(this.link, debounce);
    this.pad = new RatingPad(this.link, debounce);

    const onUp = () => this.setSerial('up');
    const onDown = (info: { message: string }) => {
      if (this.stopped) return;
      const at = new Date(this.now()).toISOString();
      this.statusValue = {
        ...this.statusValue,
        serial: 'down',
        lastError: { code: 'serial_down', message: `counter bus down: ${info.message}`, at },
      };
      this.emitStatus();
    };
    this.link.on('up', onUp);
    this.link.on('down', onDown);
    this.unsubscribe.push(() => {
      this.link.off('up', onUp);
      this.link.off('down', onDown);
    });
    const onKey = (e: KeyEvent) => {
      if (e.address === this.addresses.keypad) void this.handleKey(e.key);
    };
    const onScore = (e: ScoreEvent) => {
      if (e.address === this.addresses.pad) void this.enqueue(() => this.rate(e.score));
    };
    this.keypad.on('key', onKey);
    this.pad.on('score', onScore);

    this.unsubscribe.push(
      this.client.on('snapshot', (s) => this.applyCounters(s.counters)),
      this.client.on('queueChanged', (e) => {
        // A ticket finished here just now: the pad may rate it from now on (timed by this PC's
        // clock, so a hub clock a little off does not matter). Later changes of it never count.
        const finished = finishedByChange(e, this.counterId);
        if (finished && this.rateTarget?.ticketId !== finished.id)
          this.rateTarget = { ticketId: finished.id, until: this.now() + this.ratingWindowMs };
        this.applyCounters(e.counters);
      }),
      this.client.on('ticketCalled', (e) => {
        if (e.counter.id !== this.counterId) return;
        this.shown = { id: e.ticket.id, status: 'called' };
        void this.showCalled(e.ticket.displayNumber);
      }),
      this.client.on('authError', (e) => this.fail(e.code, `hub refused the token: ${e.message}`)),
    );
    this.client.connect();
    // The state now (the socket's first snapshot also brings it; this covers a socket not yet up).
    void this.client
      .counters()
      .then((counters) => this.applyCounters(counters))
      .catch(() => {});
  }

  get status(): DevicesStatus {
    return { ...this.statusValue };
  }

  get ratingTarget() {
    const t = this.rateTarget;
    return t && t.until > this.now() ? { ...t } : null;
  }

  handleKey(key: KeyName): Promise<KeyOutcome> {
    this.statusValue = { ...this.statusValue, lastKey: { key, at: new Date(this.now()).toISOString() } };
    this.emitStatus();
    return this.enqueue(async () => {
      let outcome: KeyOutcome;
      try {
        outcome = await this.runKey(key);
      } catch (error) {
        outcome = { ok: false, key, ...errorOf(error) };
      }
      if (!outcome.ok) this.fail(outcome.error, `${key}: ${outcome.message}`);
      this.emit('key', outcome);
      return outcome;
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort();
    for (const off of this.unsubscribe) off();
    this.keypad.removeAllListeners();
    this.pad.removeAllListeners();
    this.keypad.dispose();
    this.pad.dispose();
    await this.chain.catch(() => {});
    await this.sign.clear();
    this.sign.dispose();
    if (this.ownsLink) await this.link.close();
    this.statusValue = { ...this.statusValue, serial: 'none' };
    this.emitStatus();
  }

  // ---- keys -----------------------------------------------------------------

  /** One press: sent with its own Idempotency-Key, again with the same one until the hub answers. */
  private send<A extends CounterAction>(action: A) {
    return sendAction(this.client, action, this.sendOptions());
  }

  private sendOptions(): SendOptions {
    return {
      signal: this.stopping.signal,
      now: this.now,
      ...(this.sendLimitMs === undefined ? {} : { limitMs: this.sendLimitMs }),
    };
  }

  private async runKey(key: KeyName): Promise<KeyOutcome> {
    const counterId = this.counterId;
    if (key === 'next') {
      const res = await this.send({ kind: 'callNext', counterId });
      return res.ticket
        ? { ok: true, key, action: 'called', ticketId: res.ticket.id }
        : { ok: true, key, action: 'nobody_waiting', ticketId: null };
    }
    // Every other key acts on the counter as the hub has it now (not on a possibly late event).
    const counter = await this.fetchCounter();
    if (key === 'pause') {
      const paused = counter.state === 'paused';
      await this.send(paused ? { kind: 'resume', counterId } : { kind: 'pause', counterId });
      return { ok: true, key, action: paused ? 'resumed' : 'paused', ticketId: null };
    }
    const ticket = counter.currentTicket;
    if (!ticket || !SHOWN_STATUSES.has(ticket.status))
      return {
        ok: false,
        key,
        error: 'no_ticket',
        message: `no ticket is called or served at ${counter.name}`,
      };
    const ticketId = ticket.id;
    const dialog = { ticketId: ticket.id, displayNumber: ticket.displayNumber };
    switch (key) {
      case 'recall':
        await this.send({ kind: 'recall', ticketId });
        return { ok: true, key, action: 'recalled', ticketId: ticket.id };
      case 'start':
        await this.send({ kind: 'start', ticketId });
        return { ok: true, key, action: 'started', ticketId: ticket.id };
      case 'no_show':
        await this.send({ kind: 'noShow', ticketId });
        return { ok: true, key, action: 'no_show', ticketId: ticket.id };
      case 'finish':
        // The procedures handled are chosen on screen: the renderer opens its picker.
        this.emit('needs-finish', dialog);
        return { ok: true, key, action: 'needs_finish', ticketId: ticket.id };
      case 'transfer':
        this.emit('needs-transfer', dialog);
        return { ok: true, key, action: 'needs_transfer', ticketId: ticket.id };
      default:
        return { ok: false, key, error: 'unknown_key', message: `key ${String(key)} has no action` };
    }
  }

  /** The counter as the hub has it now (waits for a hub that cannot be reached, like a press). */
  private async fetchCounter(): Promise<PublicCounter> {
    const counters = await untilAnswered(this.client, () => this.client.counters(), this.sendOptions());
    const counter = counters.find((c) => c.id === this.counterId);
    if (!counter) throw new HubError(404, 'not_found', `counter ${this.counterId} not found`);
    this.applyCounters([counter]);
    return counter;
  }

  // ---- rating ---------------------------------------------------------------

  private async rate(score: number): Promise<RatingOutcome> {
    const target = this.ratingTarget;
    let outcome: RatingOutcome;
    if (!target) {
      outcome = {
        ok: false,
        score,
        ticketId: null,
        error: 'no_ticket',
        message: `no ticket finished at this counter in the last ${Math.round(this.ratingWindowMs / 1000)} s`,
      };
    } else if (!this.ratingClient) {
      outcome = {
        ok: false,
        score,
        ticketId: target.ticketId,
        error: 'no_rating_device',
        // The officer's token may not rate (API.md): the pad needs its own counter device.
        message: `${this.ratingProblem} (counter.json devices.padPairingCode); the score was not sent`,
      };
    } else {
      // One score per ticket: a second press does not rate again (the hub would refuse it anyway).
      this.rateTarget = null;
      try {
        await this.ratingClient.call('tickets:rating', { params: { id: target.ticketId }, body: { score } });
        outcome = { ok: true, ticketId: target.ticketId, score };
      } catch (error) {
        outcome = { ok: false, score, ticketId: target.ticketId, ...errorOf(error) };
      }
    }
    if (!outcome.ok) this.fail(outcome.error, `rating ${score}: ${outcome.message}`);
    this.emit('rating', outcome);
    return outcome;
  }

  // ---- the sign -------------------------------------------------------------

  private applyCounters(counters: readonly PublicCounter[]): void {
    if (this.stopped) return;
    const counter = counters.find((c) => c.id === this.counterId);
    if (!counter) return;
    const current = counter.currentTicket;
    if (!current || !SHOWN_STATUSES.has(current.status)) {
      if (this.shown !== null) {
        this.shown = null;
        void this.sign.clear();
      }
      return;
    }
    const before = this.shown;
    if (before?.id === current.id && before.status === current.status) return;
    this.shown = { id: current.id, status: current.status };
    if (current.status === 'called') void this.showCalled(current.displayNumber);
    else void this.showSteady(current.displayNumber);
  }

  private async showCalled(displayNumber: string): Promise<void> {
    const digits = signDigits(displayNumber);
    if (!digits) return;
    await this.sign.show(digits, this.counterNumber);
    await this.sign.blink(true);
  }

  private async showSteady(displayNumber: string): Promise<void> {
    const digits = signDigits(displayNumber);
    if (!digits) return;
    await this.sign.show(digits, this.counterNumber); // SHOW stops the blinking
  }

  // ---- status ---------------------------------------------------------------

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => {});
    return run;
  }

  private setSerial(serial: SerialState): void {
    if (this.stopped || this.statusValue.serial === serial) return;
    this.statusValue = { ...this.statusValue, serial };
    this.emitStatus();
  }

  private fail(code: string, message: string): void {
    this.statusValue = {
      ...this.statusValue,
      lastError: { code, message, at: new Date(this.now()).toISOString() },
    };
    this.emitStatus();
  }

  private emitStatus(): void {
    this.emit('status', this.status);
  }
}

/** Starts the bridge for one counter; stop() it on sign-out. */
export function startCounterDevices(opts: CounterDevicesOptions): CounterDevices {
  return new CounterDevicesImpl(opts);
}
