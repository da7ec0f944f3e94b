// HubClient: the hub's REST API with the bearer token, and its realtime socket (socket.io) with
// automatic reconnect and a resync from a snapshot whenever it sees a gap in `seq` (API.md).
// Runs in browsers (and in Node for tests): no Node built-ins here.
import {
  CatalogChangedEvent,
  type Centre,
  type ClientToServerEvents,
  EVENTS,
  type HealthResponse,
  type HubOutput,
  type IssueTicketRequest,
  type LoginResponse,
  type PairResponse,
  type PrintResponse,
  type PublicCounter,
  PublicQueueChangedEvent,
  PublicQueueSnapshot,
  type ServerToClientEvents,
  type Service,
  SnapshotRefused,
  type SocketCommand,
  TicketCalledEvent,
  type TicketLookup,
  type TicketViewWithWait,
} from '@luot/shared';
import { io, type Socket } from 'socket.io-client';
import { HubError, HubRest, type HubRestOptions } from './hub-rest.ts';

export { HubError, newIdempotencyKey } from './hub-rest.ts';

/** `connecting`: not yet connected since `connect()`; `online`; `offline`: lost, reconnecting. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

/** The parsed answer of a response schema from @luot/shared (no zod import needed here). */
type Answer<S extends { parse(value: unknown): unknown }> = ReturnType<S['parse']>;

export type Health = Answer<typeof HealthResponse>;
export type LoginResult = Answer<typeof LoginResponse>;
export type PairResult = Answer<typeof PairResponse>;
export type PrintResult = PrintResponse;
/** Who the token belongs to (GET /api/v1/me). */
export type MeResponse = HubOutput<'auth:me'>;

export interface HubClientOptions extends HubRestOptions {
  socket?: {
    /** Default `['websocket']` (the hub is on the LAN; no long-polling needed). */
    transports?: ('websocket' | 'polling' | 'webtransport')[];
    reconnectionDelay?: number;
    reconnectionDelayMax?: number;
    /** How long to wait for a `queue:snapshot` ack; default 5 s. */
    snapshotTimeoutMs?: number;
  };
}

export interface HubClientEvents {
  connection: ConnectionState;
  /**
   * A validated delta that follows the last seen seq (gaps are resolved with a snapshot first).
   * Queue deltas and snapshots are kept in the tickets' public view, what every screen needs:
   * devices get only that from the hub; what staff sockets get beyond it (notes, officer,
   * procedures, rating) is dropped here — read it over REST where a screen needs it.
   */
  queueChanged: PublicQueueChangedEvent;
  ticketCalled: TicketCalledEvent;
  /** An admin changed fields, counters, the centre, users or devices: reload what you show of it. */
  catalogChanged: CatalogChangedEvent;
  /** A validated snapshot that replaced the client's view (first connect, every reconnect, gaps). */
  snapshot: PublicQueueSnapshot;
  /** The hub refused the token on the socket (unpaired/revoked device, expired login). */
  authError: HubError;
  /** A payload that failed validation and was dropped. */
  invalidPayload: { event: string; error: string };
}

export interface HubClientStats {
  /** Payloads dropped because they failed the shared schemas. */
  invalid: number;
  /** `queue:changed` whose `fromSeq` did not follow the last seen seq. */
  gaps: number;
  /** Snapshots applied. */
  resyncs: number;
  /** `queue:changed` already covered by the last snapshot (dropped). */
  stale: number;
}

export interface CommandOptions {
  params?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
  timeoutMs?: number;
}

export class HubClient extends HubRest<HubClientEvents> {
  private readonly socketOptions: NonNullable<HubClientOptions['socket']>;

  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private state: ConnectionState = 'offline';
  private closed = true;
  private lastSeqValue: number | null = null;
  private resyncing: Promise<PublicQueueSnapshot | null> | null = null;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Deltas received while a snapshot is on its way (or that arrived after a gap). */
  private pending: PublicQueueChangedEvent[] = [];
  private dropNext = 0;
  private readonly counts: HubClientStats = { invalid: 0, gaps: 0, resyncs: 0, stale: 0 };

  constructor(options: HubClientOptions = {}) {
    super(options);
    this.socketOptions = options.socket ?? {};
  }

  /** A connected socket reconnects with the new token. */
  protected override tokenChanged(): void {
    if (this.socket && !this.closed) {
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  health(): Promise<Health> {
    return this.call('health');
  }

  me(): Promise<MeResponse> {
    return this.call('auth:me');
  }

  /** The centre, with its opening hours and whether it is open by the hub clock. */
  async centre(): Promise<Centre> {
    return (await this.call('centre:get')).centre;
  }

  async services(): Promise<Service[]> {
    return (await this.call('services:list')).services;
  }

  /** Counters (their current tickets in the public view for devices). */
  async counters(): Promise<PublicCounter[]> {
    return (await this.call('counters:list')).counters;
  }

  /** GET /api/v1/queue (the public view for devices). */
  queue(): Promise<PublicQueueSnapshot> {
    return this.call('queue:get');
  }

  /**
   * POST /api/v1/tickets. Give one key per attempt-group (`newIdempotencyKey()` when the citizen
   * taps): a network failure is retried with the same key, and the hub answers the same ticket.
   */
  issueTicket(body: IssueTicketRequest, idempotencyKey: string): Promise<TicketViewWithWait> {
    return this.call('tickets:issue', { body, idempotencyKey });
  }

  /** GET /api/v1/tickets/:id: without a staff token the ticket's public view, and its rating window. */
  getTicket(id: string): Promise<TicketLookup> {
    return this.call('tickets:get', { params: { id } });
  }

  /** POST /api/v1/tickets/:id/print: the hub prints on this kiosk's printer (never retried). */
  printTicket(id: string): Promise<PrintResult> {
    return this.call('tickets:print', { params: { id }, body: {} });
  }

  /** Pairs this device with a one-time code; the client uses the new token from now on. */
  async pair(code: string): Promise<PairResult> {
    const result = await this.call('devices:pair', { body: { code } });
    this.setToken(result.token);
    return result;
  }

  /** Signs a user in; the client uses the new token from now on. */
  async login(username: string, password: string): Promise<LoginResult> {
    const result = await this.call('auth:login', { body: { username, password } });
    this.setToken(result.token);
    return result;
  }

  async logout(): Promise<void> {
    await this.call('auth:logout');
    this.setToken(null);
  }

  // ---- realtime -------------------------------------------------------------

  get connection(): ConnectionState {
    return this.state;
  }

  /** The seq of the last snapshot or delta applied; null before the first snapshot. */
  get lastSeq(): number | null {
    return this.lastSeqValue;
  }

  get stats(): Readonly<HubClientStats> {
    return { ...this.counts };
  }

  /**
   * Calls `listener` once the socket is connected — at once if it is, else when it connects
   * (opening it if needed): the hub can be reached again. Returns a function that cancels it.
   * For what must wait for the hub instead of retrying on a timer.
   */
  onceOnline(listener: () => void): () => void {
    this.connect();
    if (this.state === 'online') {
      listener();
      return () => {};
    }
    const off = this.on('connection', (state) => {
      if (state !== 'online') return;
      off();
      listener();
    });
    return off;
  }

  /** Opens the socket (idempotent). socket.io reconnects by itself; each connect resyncs. */
  connect(): void {
    if (!this.closed) return;
    this.closed = false;
    this.setState('connecting');
    if (this.socket) {
      this.socket.connect();
      return;
    }
    const options = {
      auth: (cb: (data: object) => void) => cb({ token: this.tokenValue }),
      transports: this.socketOptions.transports ?? ['websocket'],
      reconnection: true,
      reconnectionDelay: this.socketOptions.reconnectionDelay ?? 500,
      reconnectionDelayMax: this.socketOptions.reconnectionDelayMax ?? 5000,
    };
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = this.baseUrl
      ? io(this.baseUrl, options)
      : io(options);
    this.socket = socket;

    socket.on('connect', () => {
      this.setState('online');
      void this.resync();
    });
    socket.on('disconnect', (reason) => {
      if (this.closed) return;
      this.setState('offline');
      // The hub dropped us on purpose (e.g. during a restart): socket.io will not retry by itself.
      if (reason === 'io server disconnect') this.scheduleReconnect();
    });
    socket.on('connect_error', (err) => {
      if (this.closed) return;
      // A middleware refusal (bad token) stops socket.io's retries: tell the app.
      if (!socket.active) {
        this.setState('offline');
        this.emit('authError', new HubError(401, 'unauthorized', err.message));
      }
    });
    socket.on(EVENTS.queueChanged, (raw: unknown) => {
      const parsed = PublicQueueChangedEvent.safeParse(raw);
      if (!parsed.success) return this.invalid(EVENTS.queueChanged, parsed.error.message);
      if (this.dropNext > 0) {
        this.dropNext -= 1;
        return;
      }
      this.handleChange(parsed.data);
    });
    socket.on(EVENTS.ticketCalled, (raw: unknown) => {
      const parsed = TicketCalledEvent.safeParse(raw);
      if (!parsed.success) return this.invalid(EVENTS.ticketCalled, parsed.error.message);
      this.emit('ticketCalled', parsed.data);
    });
    socket.on(EVENTS.catalogChanged, (raw: unknown) => {
      const parsed = CatalogChangedEvent.safeParse(raw);
      if (!parsed.success) return this.invalid(EVENTS.catalogChanged, parsed.error.message);
      this.emit('catalogChanged', parsed.data);
    });
  }

  /** Closes the socket; `connect()` opens it again. */
  close(): void {
    this.closed = true;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.resyncTimer = null;
    this.reconnectTimer = null;
    this.socket?.disconnect();
    this.setState('offline');
  }

  /**
   * Fetches a snapshot (over the socket when connected, else REST), makes it the client's view
   * and replays the deltas that arrived meanwhile. Concurrent calls share one request.
   */
  resync(): Promise<PublicQueueSnapshot | null> {
    this.resyncing ??= this.fetchSnapshot().finally(() => {
      this.resyncing = null;
      this.drainPending();
    });
    return this.resyncing;
  }

  /** Runs a hub command over the socket (API.md `command`); throws a HubError on a failed ack. */
  async command<T = unknown>(name: string, options: CommandOptions = {}): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) throw new HubError(0, 'network', `command ${name}: not connected`);
    const command: SocketCommand = { name };
    if (options.params) command.params = options.params;
    if (options.body !== undefined) command.body = options.body;
    if (options.idempotencyKey) command.idempotencyKey = options.idempotencyKey;
    let reply: Parameters<Parameters<ClientToServerEvents['command']>[1]>[0];
    try {
      reply = await socket.timeout(options.timeoutMs ?? this.timeoutMs).emitWithAck(EVENTS.command, command);
    } catch {
      throw new HubError(0, 'timeout', `command ${name}: no answer`);
    }
    if (!reply.ok) throw new HubError(0, reply.error.code, reply.error.message);
    return reply.data as T;
  }

  /** Test hook: silently drops the next `n` `queue:changed` events, as a lossy link would. */
  debugDropNext(n = 1): void {
    this.dropNext += n;
  }

  // ---- internals ------------------------------------------------------------

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.emit('connection', state);
  }

  private invalid(event: string, error: string): void {
    this.counts.invalid += 1;
    this.emit('invalidPayload', { event, error });
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed && this.socket && !this.socket.connected) this.socket.connect();
    }, this.socketOptions.reconnectionDelay ?? 500);
  }

  /** `replayed`: a delta held back during a resync, now checked against the snapshot. */
  private handleChange(event: PublicQueueChangedEvent, replayed = false): void {
    if (this.resyncing || this.lastSeqValue === null) {
      this.pending.push(event);
      if (!this.resyncing) void this.resync();
      return;
    }
    if (event.seq <= this.lastSeqValue) {
      this.counts.stale += 1;
      return;
    }
    if (event.fromSeq !== this.lastSeqValue + 1) {
      this.counts.gaps += 1;
      // Kept for after the snapshot (which may already cover what was missed). A held-back delta
      // that still does not follow the snapshot is dropped, so a bogus one cannot loop us.
      if (!replayed) this.pending.push(event);
      void this.resync();
      return;
    }
    this.lastSeqValue = event.seq;
    this.emit('queueChanged', event);
  }

  private drainPending(): void {
    if (this.lastSeqValue === null || this.pending.length === 0) return;
    const pending = this.pending.sort((a, b) => a.seq - b.seq);
    this.pending = [];
    for (const event of pending) this.handleChange(event, true);
  }

  private async fetchSnapshot(): Promise<PublicQueueSnapshot | null> {
    let raw: unknown;
    try {
      const socket = this.socket;
      raw = socket?.connected
        ? await socket.timeout(this.socketOptions.snapshotTimeoutMs ?? 5000).emitWithAck(EVENTS.queueSnapshot)
        : await this.call('queue:get');
    } catch (error) {
      this.retryResyncLater(error instanceof HubError ? error.retryAfterSeconds : undefined);
      return null;
    }
    const refused = SnapshotRefused.safeParse(raw);
    if (refused.success) {
      // Asked too often (the hub limits snapshots per socket and per token): ask again later.
      this.retryResyncLater(refused.data.error.retryAfterSeconds);
      return null;
    }
    const parsed = PublicQueueSnapshot.safeParse(raw);
    if (!parsed.success) {
      this.invalid(EVENTS.queueSnapshot, parsed.error.message);
      this.retryResyncLater();
      return null;
    }
    const snapshot = parsed.data;
    this.lastSeqValue = snapshot.seq;
    this.counts.resyncs += 1;
    this.emit('snapshot', snapshot);
    return snapshot;
  }

  private retryResyncLater(afterSeconds = 1): void {
    if (this.closed || this.resyncTimer) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      if (!this.closed && this.socket?.connected) void this.resync();
    }, afterSeconds * 1000);
  }
}
