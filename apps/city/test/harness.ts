// Test pieces for the city: a private PostgreSQL cluster in a temp dir (initdb + pg_ctl, through
// `runuser -u postgres --` when running as root, on 127.0.0.1 and a free port, removed
// afterwards), a city on PGlite or on that cluster, and a signing centre.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Report } from '@luot/shared';
import { newCentreKeyPair, signRequest } from '@luot/shared/node';
import pg from 'pg';
import type { CityConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { type RunningCity, startCity } from '../src/server.ts';

/** The PostgreSQL server binaries (Debian's postgresql package), newest version first. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
    const bin = join(root, version, 'bin');
    if (Number(version) >= 15 && existsSync(join(bin, 'initdb'))) return bin;
  }
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  url: string;
  /** A new, empty database on this cluster; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a private PostgreSQL cluster; throws with the reason when the binaries are missing. */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin)
    throw new Error('PostgreSQL ≥ 15 is not installed (apt-get install postgresql); .ci/run installs it');
  const dir = mkdtempSync(join(tmpdir(), 'luot-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
      : execFileSync(cmd, args, { stdio: 'pipe' });
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  as(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'luot', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  as(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200`,
    'start',
  ]);
  const url = `postgres://luot@127.0.0.1:${port}/postgres`;
  return {
    url,
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://luot@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        as(join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export const TEST_ADMIN_PASSWORD = 'thanh-pho-thu-nghiem';

export function cityTestConfig(overrides: Partial<CityConfig> = {}): CityConfig {
  return {
    databaseUrl: null,
    dataDir: mkdtempSync(join(tmpdir(), 'luot-city-')),
    port: 0,
    host: '127.0.0.1',
    adminPassword: TEST_ADMIN_PASSWORD,
    logLevel: 'silent',
    ...overrides,
  };
}

/** A city on PGlite in a temp dir, or on `databaseUrl`. */
export async function startTestCity(
  overrides: Partial<CityConfig> = {},
  now?: () => number,
): Promise<RunningCity> {
  const config = cityTestConfig(overrides);
  return startCity(config, { log: createLogger('silent'), ...(now ? { now } : {}) });
}

export async function json<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function adminToken(base: string): Promise<string> {
  const r = await json<{ token: string }>(base, 'POST', '/api/city/v1/auth/login', {
    username: 'admin',
    password: TEST_ADMIN_PASSWORD,
  });
  if (r.status !== 200) throw new Error(`admin login: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** A reporting centre for tests: its key pair, enrolled at the city under `code`. */
export interface TestCentre {
  code: string;
  privateKey: string;
  publicKey: string;
  /** Sends a report signed with this centre's key (overrides let a test forge parts). */
  send(
    report: Report | unknown,
    options?: {
      created?: number;
      keyId?: string;
      body?: string;
      privateKey?: string;
      headers?: Record<string, string>;
      /** Another city process serving the same database. */
      base?: string;
    },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function enrolCentre(
  base: string,
  token: string,
  code: string,
  name = `Phường ${code}`,
): Promise<TestCentre> {
  const made = await json<{ enrolmentCode: string }>(
    base,
    'POST',
    '/api/city/v1/centres',
    { code, name },
    token,
  );
  if (made.status !== 201) throw new Error(`create centre: ${made.status} ${JSON.stringify(made.body)}`);
  const keys = newCentreKeyPair();
  const enrolled = await json(base, 'POST', '/api/city/v1/enrol', {
    enrolmentCode: made.body.enrolmentCode,
    publicKey: keys.publicKey,
  });
  if (enrolled.status !== 201) throw new Error(`enrol: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  return {
    code,
    ...keys,
    async send(report, options = {}) {
      const body = options.body ?? JSON.stringify(report);
      const path = '/api/city/v1/reports';
      const signed = signRequest({
        method: 'POST',
        path,
        body,
        keyId: options.keyId ?? code,
        privateKey: options.privateKey ?? keys.privateKey,
        ...(options.created !== undefined ? { created: options.created } : {}),
      });
      const res = await fetch((options.base ?? base) + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed, ...(options.headers ?? {}) },
        body,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
  };
}

/** A ticket record as a report carries it, with defaults a test overrides. */
export function reportTicket(overrides: Partial<Report['tickets'][number]> = {}): Report['tickets'][number] {
  return {
    id: 't1',
    serviceDay: '2026-12-01',
    service: { code: 'HT', name: 'Hộ tịch' },
    procedureCodes: ['1.001193'],
    priority: null,
    channel: 'kiosk',
    status: 'done',
    issuedAt: '2026-12-01T01:00:00.000Z',
    calledAt: '2026-12-01T01:05:00.000Z',
    startedAt: '2026-12-01T01:05:30.000Z',
    finishedAt: '2026-12-01T01:12:00.000Z',
    counterNumber: 1,
    officer: 'o-3f2a',
    recallCount: 0,
    rating: 4,
    version: 1,
    ...overrides,
  };
}

export function report(code: string, overrides: Partial<Report> = {}): Report {
  return {
    centre: code,
    fromSeq: 1,
    toSeq: 1,
    sentAt: new Date().toISOString(),
    tickets: [],
    days: [],
    live: null,
    ...overrides,
  };
}

export interface CityProcess {
  proc: import('node:child_process').ChildProcess;
  url: string;
  port: number;
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts `pnpm city` as a child process (node + tsx, one process, so SIGKILL hits the city). */
export function spawnCity(
  env: Record<string, string>,
  timeoutMs = 30_000,
  stdin: 'ignore' | 'pipe' = 'ignore',
): Promise<CityProcess> {
  const here = dirname(fileURLToPath(import.meta.url));
  const main = join(here, '..', 'src', 'main.ts');
  const tsx = pathToFileURL(join(here, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const proc = spawn(process.execPath, ['--import', tsx, main], {
    env: { ...process.env, LUOT_PORT: '0', LUOT_HOST: '127.0.0.1', LUOT_LOG_LEVEL: 'warn', ...env },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  proc.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`city did not start in ${timeoutMs} ms\n${lines.join('\n')}\n${stderr}`));
    }, timeoutMs);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      lines.push(line);
      const m = /listening on http:\/\/[^\s:]+:(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({ proc, url: `http://127.0.0.1:${port}`, port, lines, exited });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`city exited with ${code} before listening\n${stderr}`));
    });
  });
}

/** The figures of a day's statistics or a city figures object, for comparing the two. */
export const FIGURE_KEYS = [
  'issued',
  'served',
  'noShow',
  'cancelled',
  'expired',
  'avgWaitSeconds',
  'p90WaitSeconds',
  'avgServiceSeconds',
  'ratings',
] as const;
export const figuresOf = (s: Record<string, unknown>) =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, s[k]]));

/**
 * Resolves with `check`'s answer once it is truthy: for what another process does in its own
 * time (a hub's report reaching the city), checked every 25 ms up to `ms`.
 */
export async function until<T>(
  what: string | (() => string),
  check: () => Promise<T | null | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
