// A lean keep-alive HTTP client (node:http) so the client costs far less CPU than the hub.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Reply<T = any> {
  status: number;
  body: T;
  ms: number;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** Skip JSON parsing of the answer (the hot loops only need the status). */
  raw?: boolean;
}

export class HttpClient {
  readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets = 64) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const start = performance.now();
      const req = request(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = performance.now() - start;
            const text = chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString();
            let body: unknown = text;
            if (!opts.raw && text) {
              try {
                body = JSON.parse(text);
              } catch {
                // keep the text
              }
            }
            resolve({ status: res.statusCode ?? 0, body: body as T, ms });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like call, but throws unless the status is the expected one. */
  async expect<T = any>(status: number, method: string, path: string, opts: CallOptions = {}): Promise<T> {
    const reply = await this.call<T>(method, path, opts);
    if (reply.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`,
      );
    }
    return reply.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LoadResult {
  latencies: number[];
  /** Completion times (ms since the start), in completion order. */
  doneAt: number[];
  wallMs: number;
  errors: number;
  firstError: string | null;
}

/**
 * Closed loop: `total` requests, `concurrency` in flight, each started as soon as one ends.
 * `send(i)` performs request i and resolves with its latency and status.
 */
export async function closedLoop(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<Reply>,
  expectStatus: number,
): Promise<LoadResult> {
  const latencies: number[] = new Array(total);
  const doneAt: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const reply = await send(i);
      latencies[i] = reply.ms;
      doneAt.push(performance.now() - start);
      if (reply.status !== expectStatus) {
        errors++;
        firstError ??= `status ${reply.status}: ${String(reply.body).slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latencies, doneAt, wallMs: performance.now() - start, errors, firstError };
}
