// Test harness: real hubs (in-process or as a child process) on port 0 with a temporary data dir.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { AuthOptions } from '../src/auth/auth.ts';
import type { CitySyncOptions } from '../src/city/sync.ts';
import type { HubConfig } from '../src/config.ts';
import type { EngineOptions } from '../src/engine/index.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { type RunningHub, startHub } from '../src/server.ts';

export const ADMIN_PASSWORD = 'admin-test-pass';
const HUB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = join(HUB_DIR, '..', '..');

export function tempDir(prefix = 'luot-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ApiReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as-is (a string) instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A small HTTP client for one hub. */
export function apiClient(baseUrl: string) {
  return async function api<T = any>(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<ApiReply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(new URL(path, baseUrl), { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
}
export type Api = ReturnType<typeof apiClient>;

export interface TestHub {
  running: RunningHub;
  url: string;
  dataDir: string;
  api: Api;
  login(username?: string, password?: string): Promise<string>;
  /** Creates a user through the API and returns a signed-in token for it. */
  user(username: string, role: 'admin' | 'director' | 'officer'): Promise<{ token: string; id: string }>;
  pairDevice(kind: 'kiosk' | 'counter' | 'display', extra?: Record<string, string>): Promise<string>;
  socket(token: string | null): Socket;
  close(): Promise<void>;
}

export async function startTestHub(
  opts: {
    dataDir?: string;
    now?: () => number;
    seed?: 'demo' | null;
    keepDir?: boolean;
    /** Listen on this port (default 0: any free port), e.g. to restart a hub where clients expect it. */
    port?: number;
    /** More configuration (publicUrl, defaultPrinter, …). */
    config?: Partial<HubConfig>;
    /** Where the hub logs (default: nowhere), e.g. to check what a refusal logged. */
    log?: Logger;
    /** Token lifetimes (e.g. a user token that ends in a second). */
    auth?: Partial<AuthOptions>;
    /** Engine options (e.g. a wider rating window for a script that spans days). */
    engine?: Partial<EngineOptions>;
    /** City sync timings and fetch (city/sync.ts). */
    city?: CitySyncOptions;
  } = {},
): Promise<TestHub> {
  const dataDir = opts.dataDir ?? tempDir();
  const config: HubConfig = {
    dataDir,
    port: opts.port ?? 0,
    host: '127.0.0.1',
    seed: opts.seed === undefined ? 'demo' : opts.seed,
    adminPassword: ADMIN_PASSWORD,
    logLevel: 'silent',
    ...opts.config,
  };
  const running = await startHub(config, {
    log: opts.log ?? createLogger('silent'),
    now: opts.now,
    auth: opts.auth,
    engine: opts.engine,
    city: opts.city,
  });
  const api = apiClient(running.url);
  const sockets: Socket[] = [];
  let adminToken: string | null = null;
  const login = async (username = 'admin', password = ADMIN_PASSWORD) => {
    const res = await api('POST', '/api/v1/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };
  const admin = async () => {
    adminToken ??= await login();
    return adminToken;
  };
  /** An admin request; a token that ended (a test's clock moved on) is renewed once. */
  const asAdmin = async (method: string, path: string, body: unknown) => {
    const res = await api(method, path, { token: await admin(), body });
    if (res.status !== 401) return res;
    adminToken = await login();
    return api(method, path, { token: adminToken, body });
  };
  return {
    running,
    url: running.url,
    dataDir,
    api,
    login,
    async user(username, role) {
      const password = `${username}-password`;
      const res = await asAdmin('POST', '/api/v1/users', {
        username,
        password,
        displayName: `Cán bộ ${username}`,
        role,
      });
      if (res.status !== 201)
        throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return { token: await login(username, password), id: res.body.user.id as string };
    },
    async pairDevice(kind, extra = {}) {
      const code = await asAdmin('POST', '/api/v1/devices/pairing-codes', {
        kind,
        name: `${kind} test`,
        ...extra,
      });
      if (code.status !== 201) throw new Error(`pairing code: ${code.status} ${JSON.stringify(code.body)}`);
      const paired = await api('POST', '/api/v1/devices/pair', { body: { code: code.body.code } });
      if (paired.status !== 201) throw new Error(`pair: ${paired.status} ${JSON.stringify(paired.body)}`);
      return paired.body.token as string;
    },
    socket(token) {
      const s = io(running.url, {
        auth: token ? { token } : {},
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(s);
      return s;
    },
    async close() {
      for (const s of sockets) s.close();
      await running.close();
      if (!opts.keepDir && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first event `name` on `socket` (rejects on timeout). */
export function nextEvent<T = any>(socket: Socket, name: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(name, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export interface HubProcess {
  proc: ChildProcess;
  url: string;
  port: number;
  /** Every stdout line so far. */
  lines: string[];
  exited: Promise<number | null>;
}

/**
 * Starts the hub as `pnpm hub` does (`node --import tsx src/main.ts`: one process, so a
 * SIGKILL hits the hub itself) and waits for its listening line. `direct: false` runs it
 * through the tsx CLI instead, which puts the hub in a grandchild process.
 */
export function spawnHub(
  env: Record<string, string>,
  timeoutMs = 30_000,
  opts: { direct?: boolean; bundle?: boolean } = {},
): Promise<HubProcess> {
  const main = join(HUB_DIR, 'src', 'main.ts');
  if (opts.bundle) {
    // What `pnpm hub` runs: the esbuild bundle of src/main.ts.
    execFileSync(process.execPath, [join(HUB_DIR, 'build.mjs')]);
  }
  const tsxLoader = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const [command, args]: [string, string[]] = opts.bundle
    ? [process.execPath, [join(HUB_DIR, 'dist', 'main.mjs')]]
    : (opts.direct ?? true)
      ? [process.execPath, ['--import', tsxLoader, main]]
      : [join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [main]];
  const proc = spawn(command, args, {
    env: { ...process.env, LUOT_PORT: '0', LUOT_HOST: '127.0.0.1', LUOT_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let stderr = '';
  proc.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`hub did not start in ${timeoutMs} ms\n${lines.join('\n')}\n${stderr}`));
    }, timeoutMs);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      lines.push(line);
      const m = /listening on (http:\/\/[^\s"]+:(\d+))/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]!, port: Number(m[2]), lines, exited });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening\n${stderr}`));
    });
  });
}
