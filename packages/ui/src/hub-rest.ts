// The hub's REST API by command name (the typed contract in @luot/shared), with the bearer
// token, retries of safe and keyed requests, and answers checked against their schemas. The
// realtime client (client.ts) builds on it. Runs in browsers and in Node: no Node built-ins.
import {
  ApiErrorBody,
  type Endpoint,
  fillPath,
  HUB_API,
  type HubApi,
  type HubCommandName,
  type HubInput,
  type HubJsonCommand,
  type HubOutput,
  IdempotencyKey,
  queryString,
} from '@luot/shared';
import { Emitter } from './emitter.ts';

export interface RetryPolicy {
  /** Total attempts for a retryable request (1 = no retry). */
  attempts: number;
  /** Delay before the 2nd attempt; doubles each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface HubRestOptions {
  /** The hub's origin, e.g. `http://192.168.1.10:8080`; empty or left out = the page's own origin. */
  baseUrl?: string;
  token?: string | null;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
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

/** A command's path with its parameters filled in and its query. */
function pathOf(endpoint: Endpoint, input: unknown): string {
  const { params, query } = (input ?? {}) as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
  };
  return `${fillPath(endpoint.path, params)}${queryString(query)}`;
}

/** The HubError of a non-2xx answer: the hub's code and message (and Retry-After), or the status. */
function failure(res: Response, body: unknown, what: string): HubError {
  const err = ApiErrorBody.safeParse(body);
  if (!err.success) return new HubError(res.status, `http_${res.status}`, `${what}: HTTP ${res.status}`);
  const retryAfter = Number(res.headers.get('retry-after'));
  return new HubError(
    res.status,
    err.data.error.code,
    err.data.error.message,
    retryAfter > 0 ? retryAfter : undefined,
  );
}

export class HubRest<E extends object> extends Emitter<E> {
  readonly baseUrl: string;
  protected tokenValue: string | null;
  protected readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  protected readonly fetchImpl: typeof fetch;

  constructor(options: HubRestOptions = {}) {
    super();
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.tokenValue = options.token ?? null;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retryPolicy = { ...DEFAULT_RETRY, ...options.retry };
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  // ---- token ----------------------------------------------------------------

  get token(): string | null {
    return this.tokenValue;
  }

  /** Changes the token for every call from now on. */
  setToken(token: string | null): void {
    if (token === this.tokenValue) return;
    this.tokenValue = token;
    this.tokenChanged();
  }

  /** What a subclass does when the token changed (the realtime client reconnects its socket). */
  protected tokenChanged(): void {}

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
    const path = pathOf(endpoint, input);
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
    const endpoint: Endpoint = HUB_API[name];
    const path = pathOf(endpoint, args[0]);
    const headers: Record<string, string> = {};
    if (this.tokenValue) headers.authorization = `Bearer ${this.tokenValue}`;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, { method: endpoint.method, headers });
    } catch (error) {
      throw new HubError(0, 'network', `${name}: ${(error as Error)?.message ?? String(error)}`);
    }
    if (!res.ok) throw failure(res, await res.json().catch(() => null), name);
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
    if (!res.ok) throw failure(res, parsed, `${method} ${path}`);
    return parsed as T;
  }
}
