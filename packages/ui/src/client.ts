// HubClient: the hub's REST API with the bearer token, and its realtime socket (socket.io) with
// automatic reconnect and a resync from a snapshot whenever it sees a gap in `seq` (API.md).
// Runs in browsers (and in Node for tests): no Node built-ins here.
import {
  ApiErrorBody,
  CatalogChangedEvent,
  type Centre,
  type ClientToServerEvents,
  type Endpoint,
  EVENTS,
  fillPath,
  type HealthResponse,
  HUB_API,
  type HubApi,
  type HubCommandName,
  type HubInput,
  type HubJsonCommand,
  type HubOutput,
  IdempotencyKey,
  type IssueTicketRequest,
  type LoginResponse,
  type PairResponse,
  type PrintResponse,
  type PublicCounter,
  PublicQueueChangedEvent,
  PublicQueueSnapshot,
  queryString,
  type ServerToClientEvents,
  type Service,
  SnapshotRefused,
  type SocketCommand,
  TicketCalledEvent,
  type TicketLookup,
  type TicketViewWithWait,
} from '@luot/shared';
import { io, type Socket } from 'socket.io-client';
import { Emitter } from './emitter.ts';

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

/** `call`'s argument: required when the command has path parameters. */
type CallArgs<K extends HubCommandName> = HubApi[K] extends { params: object }
  ? [input: HubInput<K>]
  : [input?: HubInput<K>];

/** The file name in a Content-Disposition header (RFC 6266 `filename*` first), or null. */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || null;
}

/** Any failure of a hub call. `status` 0: the hub was not reached (code `network` or `timeout`). */
export class HubError extends Error {
  override name = 'HubError';
  readonly status: number;
  readonly code: string;
  /** From a 429's Retry-After: when the hub will take this again. */
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
  /** True when the request may not have reached the hub (worth retrying, or showing "offline"). */
  get isNetwork(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface RetryPolicy {
  /** Total attempts for a retryable request (1 = no retry). */
  attempts: number;
  /** Delay before the 2nd attempt; doubles each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface HubClientOptions {
  /** The hub's origin, e.g. `http://192.168.1.10:8080`; empty or left out = the page's own origin. */
  baseUrl?: string;
  token?: string | null;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 3000 };

/** A fresh Idempotency-Key: one per attempt-group (a double tap and its retries share one). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

export class HubClient extends Emitter<HubClientEvents> {
  readonly baseUrl: string;
  private tokenValue: string | null;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly fetchImpl: typeof fetch;
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
    super();
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.tokenValue = options.token ?? null;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retryPolicy = { ...DEFAULT_RETRY, ...options.retry };
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.socketOptions = options.socket ?? {};
  }

  // ---- token ----------------------------------------------------------------

  get token(): string | null {
    return this.tokenValue;
  }

  /** Changes the token for REST and the socket (a connected socket reconnects with it). */
  setToken(token: string | null): void {
    if (token === this.tokenValue) return;
    this.tokenValue = token;
    if (this.socket && !this.closed) {
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  // ---- REST -----------------------------------------------------------------

  /**
   * Calls a hub command by its name in the contract (@luot/shared HUB_API): the path, query and
   * body come from `input`, and the answer is checked against the command's declared schema (a
   * hub that answers something else is reported as `bad_response`, never used half-read). An
   * `idempotencyKey` is sent as the Idempotency-Key header, which also makes the call retryable.
   */
  async call<K extends HubJsonCommand>(name: K, ...args: CallArgs<K>): Promise<HubOutput<K>> {
    const input = (args[0] ?? {}) as {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
      idempotencyKey?: string;
    };
    const endpoint: Endpoint = HUB_API[name];
    const path = `${fillPath(endpoint.path, input.params)}${queryString(input.query)}`;
    const headers: Record<string, string> = {};
    if (input.idempotencyKey !== undefined) {
      const key = IdempotencyKey.safeParse(input.idempotencyKey);
      if (!key.success)
        throw new HubError(0, 'validation_failed', 'Idempotency-Key: 8–128 printable ASCII characters');
      headers['idempotency-key'] = key.data;
    }
    const body = endpoint.method === 'GET' ? undefined : (input.body ?? {});
    const raw = await this.request(endpoint.method, path, body, headers);
    const parsed = endpoint.response.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : '(root)';
      throw new HubError(0, 'bad_response', `${name}: ${where}: ${issue?.message ?? 'unexpected answer'}`);
    }
    return parsed.data as HubOutput<K>;
  }

  /**
   * A command answered with a file (report exports): its bytes and the file name the hub gave.
   */
  async download<K extends HubCommandName>(
    name: K,
    ...args: CallArgs<K>
  ): Promise<{ blob: Blob; filename: string | null }> {
    const input = (args[0] ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown> };
    const endpoint: Endpoint = HUB_API[name];
    const path = `${fillPath(endpoint.path, input.params)}${queryString(input.query)}`;
    const headers: Record<string, string> = {};
    if (this.tokenValue) headers.authorization = `Bearer ${this.tokenValue}`;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, { method: endpoint.method, headers });
    } catch (error) {
      throw new HubError(0, 'network', `${name}: ${(error as Error)?.message ?? String(error)}`);
    }
    if (!res.ok) {
      const err = ApiErrorBody.safeParse(await res.json().catch(() => null));
      if (err.success) throw new HubError(res.status, err.data.error.code, err.data.error.message);
      throw new HubError(res.status, `http_${res.status}`, `${name}: HTTP ${res.status}`);
    }
    return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
  }

  /**
   * Any REST call. JSON in and out; a non-2xx answer throws a HubError with the hub's code.
   * Network failures (and 502/503/504) are retried for GET/PUT/DELETE and for any request
   * carrying an `Idempotency-Key` header (the same key on every attempt).
   */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const upper = method.toUpperCase();
    const retryable = SAFE_METHODS.has(upper) || hasHeader(headers, 'idempotency-key');
    const attempts = retryable ? Math.max(1, this.retryPolicy.attempts) : 1;
    let delay = this.retryPolicy.baseDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(upper, path, body, headers);
      } catch (error) {
        if (!(error instanceof HubError) || !error.isNetwork || attempt >= attempts) throw error;
        await sleep(delay);
        delay = Math.min(delay * 2, this.retryPolicy.maxDelayMs);
      }
    }
  }

  private async once<T>(
    method: string,
    path: string,
    body: unknown,
    extraHeaders: Record<string, string>,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (this.tokenValue && !hasHeader(headers, 'authorization'))
      headers.authorization = `Bearer ${this.tokenValue}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new HubError(0, 'timeout', `${method} ${path}: no answer within ${this.timeoutMs} ms`);
      throw new HubError(0, 'network', `${method} ${path}: ${(error as Error)?.message ?? String(error)}`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new HubError(0, 'network', `${method} ${path}: ${(error as Error)?.message ?? String(error)}`);
    }
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!res.ok) {
      const err = ApiErrorBody.safeParse(parsed);
      if (err.success) {
        const retryAfter = Number(res.headers.get('retry-after'));
        throw new HubError(
          res.status,
          err.data.error.code,
          err.data.error.message,
          retryAfter > 0 ? retryAfter : undefined,
        );
      }
      throw new HubError(res.status, `http_${res.status}`, `${method} ${path}: HTTP ${res.status}`);
    }
    return parsed as T;
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
