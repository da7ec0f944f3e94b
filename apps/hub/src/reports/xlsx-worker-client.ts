// The hub's side of the export worker: starts the thread on the first workbook asked for, sends
// it each report, and stops it once it has been idle a while, which gives its memory back
// (exceljs and a workbook being written take tens of MB the hub does not need between exports).
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PeriodReport } from '@luot/shared';
import type { Logger } from '../log.ts';

export interface XlsxJob {
  report: PeriodReport;
  centreName: string;
  /** When the file is made (epoch ms): the workbook's creation date. */
  at: number;
}
export interface XlsxRequest {
  id: number;
  job: XlsxJob;
}
export type XlsxReply =
  | { id: number; ok: true; bytes: Uint8Array }
  | { id: number; ok: false; message: string };

export class XlsxExportError extends Error {
  override name = 'XlsxExportError';
}

/**
 * Starts the worker's script beside this module: xlsx-worker.mjs in the bundled hub (dist/);
 * xlsx-worker.ts when the hub runs from its sources (tests, the simulator), through tsx's
 * in-thread require hook (Node 20 does not apply `--import tsx` to a worker's entry module).
 */
function startThread(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./xlsx-worker.mjs', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
  const script = fileURLToPath(new URL('./xlsx-worker.ts', import.meta.url));
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(script)});`, { eval: true });
}

type Waiting = { resolve: (b: Buffer) => void; reject: (e: Error) => void };

/** A running thread and the exports it has been sent. */
interface Thread {
  worker: Worker;
  pending: Map<number, Waiting>;
}

export class XlsxWorker {
  /** The thread that takes new exports; one being stopped is no longer here. */
  private thread: Thread | null = null;
  private exited: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Threads started so far (a test sees the thread come and go). */
  started = 0;
  /** The log of the hub that asked last (a process may run several hubs: tests, the demo). */
  private log: Logger | undefined;

  constructor(private readonly idleMs = 30_000) {}

  /** Whether the thread is up now. */
  get running(): boolean {
    return this.thread !== null;
  }

  write(job: XlsxJob, log?: Logger): Promise<Buffer> {
    this.log = log ?? this.log;
    const thread = this.thread ?? this.start();
    this.clearIdle();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, job } satisfies XlsxRequest);
    });
  }

  /** Resolves once the last thread started has exited, e.g. after being idle. */
  stopped(): Promise<void> {
    return this.exited.then(() => undefined);
  }

  /** Stops the thread now (unfinished exports fail); resolves once it has exited. */
  async stop(): Promise<void> {
    this.clearIdle();
    this.retire();
    await this.exited;
  }

  /** The thread takes no more exports and is stopped; the next export starts another. */
  private retire(): void {
    const thread = this.thread;
    this.thread = null;
    void thread?.worker.terminate();
  }

  private start(): Thread {
    const thread: Thread = { worker: startThread(), pending: new Map() };
    const { worker, pending } = thread;
    // An idle export thread never keeps the hub's process alive.
    worker.unref();
    this.thread = thread;
    this.started += 1;
    const startedAt = performance.now();
    const failAll = (message: string) => {
      for (const { reject } of pending.values()) reject(new XlsxExportError(message));
      pending.clear();
    };
    worker.once('online', () =>
      this.log?.info({ ms: Math.round(performance.now() - startedAt) }, 'export thread started'),
    );
    worker.on('message', (reply: XlsxReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok)
        waiting.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.length));
      else waiting.reject(new XlsxExportError(`the workbook could not be written: ${reply.message}`));
      if (pending.size === 0 && this.thread === thread) this.idleAfter();
    });
    worker.on('error', (error) => failAll(`the export thread failed: ${error.message}`));
    this.exited = once(worker, 'exit').then(() => {
      if (this.thread === thread) this.thread = null;
      this.log?.info({ pending: pending.size }, 'export thread stopped');
      failAll('the export thread stopped');
    });
    return thread;
  }

  private idleAfter(): void {
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.thread?.pending.size === 0) this.retire();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

let shared: XlsxWorker | null = null;

/** The process's export thread (one for every hub in the process). */
export function xlsxWorker(): XlsxWorker {
  shared ??= new XlsxWorker();
  return shared;
}
