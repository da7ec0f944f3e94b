// The hub under test: the production bundle `apps/hub/dist/main.mjs` (what `pnpm hub` runs,
// built by `pnpm bench` first) as a child process on a free port with a fresh data dir.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(REPO_ROOT, 'apps', 'hub', 'dist', 'main.mjs');
/** The Node flags of the root `hub` script in package.json: a 4 MB young generation keeps RSS ~20 MB lower. */
const HUB_NODE_FLAGS = ['--max-semi-space-size=4'];

export interface HubProcess {
  proc: ChildProcess;
  pid: number;
  url: string;
  port: number;
  /** stdout + stderr so far (warnings, errors), for error reports. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error('hub exited during start');
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`hub not healthy within ${timeoutMs} ms`);
}

export async function startHubProcess(opts: {
  dataDir: string;
  adminPassword: string;
  /** Extra node flags, e.g. --cpu-prof --cpu-prof-dir=DIR. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<HubProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(
    process.execPath,
    [...HUB_NODE_FLAGS, ...(opts.nodeArgs ?? []), process.env.BENCH_HUB_MAIN ?? MAIN],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LUOT_DATA_DIR: opts.dataDir,
        LUOT_PORT: String(port),
        LUOT_HOST: '127.0.0.1',
        LUOT_SEED: 'demo',
        LUOT_LOG_LEVEL: 'warn',
        LUOT_ADMIN_PASSWORD: opts.adminPassword,
        // The bench's kiosk issues as fast as the hub answers, to measure the hub: far past what a
        // real kiosk may (20 at once, then 60 a minute: LUOT_KIOSK_ISSUE_LIMIT).
        LUOT_KIOSK_ISSUE_LIMIT: 'off',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const keep = (d: Buffer) => {
    out += String(d);
    if (out.length > 100_000) out = out.slice(-50_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
  const stop = async (graceMs = 5000) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitHealthy(url, proc, opts.timeoutMs ?? 30_000);
  } catch (error) {
    await stop(1000);
    throw new Error(`${(error as Error).message}\n--- hub output ---\n${out}`);
  }
  return { proc, pid: proc.pid!, url, port, output: () => out, stop };
}
