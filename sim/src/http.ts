// The simulator's HTTP client: keep-alive sockets, JSON in and out, every request counted.
import { Agent, request } from 'node:http';

export class HubAnswerError extends Error {
  override name = 'HubAnswerError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path}: the hub answered ${status} ${JSON.stringify(body)}`);
  }
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  idempotencyKey?: string;
}

export interface Answer<T> {
  status: number;
  body: T;
}

export class HubHttp {
  /** Requests sent so far. */
  requests = 0;
  private readonly agent: Agent;
  private host = '';
  private port = 0;
  /** When each token was last sent (virtual ms), for the overnight keep-alive. */
  readonly lastUsed = new Map<string, number>();

  constructor(
    baseUrl: string,
    private readonly now: () => number,
    maxSockets = 8,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
    this.setBase(baseUrl);
  }

  /** Points the client at a restarted hub. */
  setBase(baseUrl: string): void {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  call<T = unknown>(method: string, path: string, opts: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (opts.token) {
      headers.authorization = `Bearer ${opts.token}`;
      this.lastUsed.set(opts.token, this.now());
    }
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    this.requests += 1;
    return new Promise((resolve, reject) => {
      const req = request(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent, timeout: 60_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : null;
            } catch {
              // not JSON: keep the text for the error message
            }
            resolve({ status: res.statusCode ?? 0, body: body as T });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 60 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like call, but an answer other than `expected` is an error. */
  async ok<T = unknown>(method: string, path: string, opts: CallOptions = {}, expected = 200): Promise<T> {
    const answer = await this.call<T>(method, path, opts);
    if (answer.status !== expected) throw new HubAnswerError(method, path, answer.status, answer.body);
    return answer.body;
  }

  close(): void {
    this.agent.destroy();
  }
}
