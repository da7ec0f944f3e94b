// A virtual null-modem cable: two pseudo-terminals joined by socat. The host opens one end, an
// emulator opens the other. kill() pulls the cable (both ends vanish), start() plugs it back in
// at the same link paths.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPairOptions {
  /** Directory for the two links; default a fresh temp dir (removed by dispose()). */
  dir?: string;
  /** Link names inside `dir`; default 'a' and 'b'. */
  names?: [string, string];
  /** Give up starting socat after this long. Default 5000 ms. */
  startTimeoutMs?: number;
  /** socat binary; default 'socat' on PATH. */
  socat?: string;
}

export interface PtyPair {
  /** Host end (a symlink to /dev/pts/N). */
  readonly a: string;
  /** Device end. */
  readonly b: string;
  readonly dir: string;
  /** The /dev/pts paths socat reported, [a, b], for the current run. */
  readonly ptys: readonly string[];
  readonly running: boolean;
  /** (Re)starts socat at the same link paths; resolves when both links exist. */
  start(): Promise<void>;
  /** Stops socat (the "unplug"): both ends close, the links disappear. Resolves when socat exited. */
  kill(): Promise<void>;
  /** kill() and remove the temp dir if this pair made it. */
  dispose(): Promise<void>;
}

class PtyPairImpl implements PtyPair {
  readonly a: string;
  readonly b: string;
  ptys: string[] = [];
  private proc: ChildProcess | null = null;
  private readonly startTimeoutMs: number;
  private readonly socat: string;

  constructor(
    readonly dir: string,
    names: [string, string],
    private readonly ownsDir: boolean,
    opts: PtyPairOptions,
  ) {
    this.a = join(dir, names[0]);
    this.b = join(dir, names[1]);
    this.startTimeoutMs = opts.startTimeoutMs ?? 5000;
    this.socat = opts.socat ?? 'socat';
  }

  get running(): boolean {
    return this.proc !== null;
  }

  start(): Promise<void> {
    if (this.proc) return Promise.resolve();
    // A SIGKILLed socat leaves its links behind, pointing at ptys that may be reused.
    for (const p of [this.a, this.b]) {
      try {
        unlinkSync(p);
      } catch {}
    }
    this.ptys = [];
    const proc = spawn(
      this.socat,
      ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.proc = proc;
    return new Promise((resolve, reject) => {
      let stderr = '';
      let settled = false;
      const finish = (err?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          if (this.proc === proc) this.proc = null;
          proc.kill('SIGKILL');
          reject(err);
        } else resolve();
      };
      const timer = setTimeout(
        () => finish(new Error(`socat did not start within ${this.startTimeoutMs} ms: ${stderr.trim()}`)),
        this.startTimeoutMs,
      );
      proc.stderr?.setEncoding('utf8');
      proc.stderr?.on('data', (s: string) => {
        stderr += s;
        for (const m of s.matchAll(/PTY is (\/dev\/\S+)/g)) if (m[1]) this.ptys.push(m[1]);
        if (/starting data transfer loop/.test(stderr) && existsSync(this.a) && existsSync(this.b)) finish();
      });
      proc.on('error', (e: NodeJS.ErrnoException) => {
        const hint = e.code === 'ENOENT' ? ' (install socat: apt-get install socat)' : '';
        finish(new Error(`cannot run ${this.socat}: ${e.message}${hint}`));
      });
      proc.on('exit', (code, signal) => {
        if (this.proc === proc) this.proc = null;
        finish(new Error(`socat exited (${code ?? signal}) before both ptys were ready: ${stderr.trim()}`));
      });
    });
  }

  kill(): Promise<void> {
    const proc = this.proc;
    if (!proc) return Promise.resolve();
    this.proc = null;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(hard);
        for (const p of [this.a, this.b]) {
          try {
            unlinkSync(p);
          } catch {}
        }
        resolve();
      };
      const hard = setTimeout(() => proc.kill('SIGKILL'), 1000);
      if (proc.exitCode !== null || proc.signalCode !== null) return done();
      proc.once('exit', done);
      proc.kill('SIGTERM');
    });
  }

  async dispose(): Promise<void> {
    await this.kill();
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Starts `socat -d -d pty,raw,echo=0,link=DIR/a pty,raw,echo=0,link=DIR/b`; resolves once both exist. */
export async function createPtyPair(opts: PtyPairOptions = {}): Promise<PtyPair> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'luot-pty-'));
  if (opts.dir) mkdirSync(opts.dir, { recursive: true });
  const pair = new PtyPairImpl(dir, opts.names ?? ['a', 'b'], opts.dir === undefined, opts);
  try {
    await pair.start();
  } catch (e) {
    if (opts.dir === undefined) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return pair;
}
