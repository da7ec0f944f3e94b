// A printer at a URI: jobs queued one at a time, each on its own connection, every outcome
// a typed result (never a raw exception for a UI to show).
import type { PrinterStatus, PrintResult, StatusResult } from '../types.ts';
import { parseStatus, STATUS_REQUEST } from './status.ts';
import { type Connection, openConnection, PrinterError } from './transport.ts';
import { BadPrinterUri, type PrinterUri, parsePrinterUri } from './uri.ts';

export interface PrinterOptions {
  /** Connecting, and each answer, must happen within this. */
  timeoutMs?: number;
  /** Ask DLE EOT before a job and refuse to print on paper out or cover open (default on). */
  checkStatus?: boolean;
  /** Ask DLE EOT after the job: an answer proves the printer got every byte (default on). */
  confirm?: boolean;
}

const failure = (error: unknown): { ok: false; error: PrinterError['code']; message: string } => {
  if (error instanceof PrinterError) return { ok: false, error: error.code, message: error.message };
  if (error instanceof BadPrinterUri) return { ok: false, error: 'bad_uri', message: error.message };
  return { ok: false, error: 'error', message: error instanceof Error ? error.message : String(error) };
};

async function readStatus(conn: Connection, timeoutMs: number): Promise<PrinterStatus> {
  await conn.write(STATUS_REQUEST);
  const answers = await conn.read(3, timeoutMs);
  const status = parseStatus(answers);
  if (!status) throw new PrinterError('error', `the printer answered status with ${answers.toString('hex')}`);
  return status;
}

function refuse(status: PrinterStatus): PrinterError | null {
  if (status.paperOut) return new PrinterError('paper_out', 'the printer is out of paper');
  if (status.coverOpen) return new PrinterError('cover_open', 'the printer cover is open');
  if (!status.online) return new PrinterError('offline', 'the printer is offline');
  return null;
}

export class Printer {
  readonly uri: PrinterUri | null;
  private readonly uriError: BadPrinterUri | null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timeoutMs: number;
  private readonly checkStatus: boolean;
  private readonly confirm: boolean;

  constructor(uri: string, options: PrinterOptions = {}) {
    let parsed: PrinterUri | null = null;
    let uriError: BadPrinterUri | null = null;
    try {
      parsed = parsePrinterUri(uri);
    } catch (error) {
      uriError = error as BadPrinterUri;
    }
    this.uri = parsed;
    this.uriError = uriError;
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.checkStatus = options.checkStatus ?? true;
    this.confirm = options.confirm ?? true;
  }

  /** Runs jobs one after another: a printer takes one ticket at a time. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    if (!this.uri) throw this.uriError!;
    const conn = await openConnection(this.uri, this.timeoutMs);
    try {
      return await fn(conn);
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  print(bytes: Uint8Array): Promise<PrintResult> {
    return this.enqueue(async () => {
      const started = performance.now();
      try {
        await this.withConnection(async (conn) => {
          if (this.checkStatus && conn.canRead) {
            const refused = refuse(await readStatus(conn, this.timeoutMs));
            if (refused) throw refused;
          }
          await conn.write(bytes);
          if (this.confirm && conn.canRead) {
            // Paper can run out during the ticket: the answer after it tells.
            const refused = refuse(await readStatus(conn, this.timeoutMs));
            if (refused) throw refused;
          }
        });
        return { ok: true as const, bytes: bytes.length, ms: Math.round(performance.now() - started) };
      } catch (error) {
        return failure(error);
      }
    });
  }

  status(): Promise<StatusResult> {
    return this.enqueue(async () => {
      try {
        const status = await this.withConnection(async (conn) => {
          if (!conn.canRead)
            throw new PrinterError('error', 'status cannot be read over file:; use tcp:// or serial:');
          return readStatus(conn, this.timeoutMs);
        });
        return { ok: true as const, status };
      } catch (error) {
        return failure(error);
      }
    });
  }
}
