// Byte transports to a printer: one connection per job, every failure a typed error.
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import type { PrinterErrorCode } from '../types.ts';
import { deviceStatsProblem, printerDeviceProblem } from './device.ts';
import type { PrinterUri } from './uri.ts';

export class PrinterError extends Error {
  override name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One open connection to a printer, for one job. */
export interface Connection {
  write(bytes: Uint8Array): Promise<void>;
  /** Reads exactly `n` bytes that arrive after this call (for DLE EOT answers). */
  read(n: number, timeoutMs: number): Promise<Buffer>;
  /** Whether the transport can read answers at all (a USB printer file cannot here). */
  readonly canRead: boolean;
  close(): Promise<void>;
}

function codeOf(error: NodeJS.ErrnoException): PrinterErrorCode {
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'EACCES':
      return 'offline';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'EIO':
      return 'connection_lost';
    default:
      return 'error';
  }
}

const wrap = (error: unknown, what: string): PrinterError => {
  if (error instanceof PrinterError) return error;
  const e = error as NodeJS.ErrnoException;
  const message = e.message ?? String(error);
  // serialport's open errors carry no code, only the system's words.
  const code = e.code
    ? codeOf(e)
    : /no such file|no such device|permission denied|cannot open/i.test(message)
      ? 'offline'
      : 'error';
  return new PrinterError(code, `${what}: ${message}`);
};

/** Collects incoming bytes and hands out exact-length reads. */
class Inbox {
  private buffer = Buffer.alloc(0);
  private waiter: {
    n: number;
    resolve: (b: Buffer) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  } | null = null;
  private failure: PrinterError | null = null;

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.settle();
  }

  fail(error: PrinterError): void {
    this.failure ??= error;
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.reject(this.failure);
      this.waiter = null;
    }
  }

  read(n: number, timeoutMs: number): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new PrinterError('timeout', `no answer from the printer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = { n, resolve, reject, timer };
      this.settle();
    });
  }

  private settle(): void {
    if (this.waiter && this.buffer.length >= this.waiter.n) {
      const { n, resolve, timer } = this.waiter;
      clearTimeout(timer);
      this.waiter = null;
      resolve(this.buffer.subarray(0, n));
      this.buffer = this.buffer.subarray(n);
    }
  }
}

function tcpConnection(host: string, port: number, timeoutMs: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    const inbox = new Inbox();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PrinterError('timeout', `tcp://${host}:${port}: no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => inbox.push(chunk));
    socket.on('error', (error) => inbox.fail(wrap(error, `tcp://${host}:${port}`)));
    socket.on('close', () =>
      inbox.fail(new PrinterError('connection_lost', 'the printer closed the connection')),
    );
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(wrap(error, `tcp://${host}:${port}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({
        canRead: true,
        write: (bytes) =>
          new Promise((ok, fail) => {
            if (socket.destroyed)
              return fail(new PrinterError('connection_lost', 'the printer closed the connection'));
            socket.write(bytes, (error) => (error ? fail(wrap(error, 'sending to the printer')) : ok()));
          }),
        read: (n, ms) => inbox.read(n, ms),
        close: () =>
          new Promise((ok) => {
            if (socket.destroyed) return ok();
            socket.once('close', () => ok());
            socket.end();
            setTimeout(() => socket.destroy(), 1000).unref();
          }),
      });
    });
  });
}

function serialConnection(path: string, baudRate: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    const inbox = new Inbox();
    port.on('data', (chunk: Buffer) => inbox.push(chunk));
    port.on('error', (error) => inbox.fail(wrap(error, `serial:${path}`)));
    port.on('close', () =>
      inbox.fail(new PrinterError('connection_lost', `serial:${path} was closed (unplugged?)`)),
    );
    port.open((error) => {
      if (error) return reject(wrap(error, `serial:${path}`));
      resolve({
        canRead: true,
        write: (bytes) =>
          new Promise((ok, fail) => {
            port.write(Buffer.from(bytes), (e) => {
              if (e) return fail(wrap(e, `serial:${path}`));
              port.drain((d) => (d ? fail(wrap(d, `serial:${path}`)) : ok()));
            });
          }),
        read: (n, ms) => inbox.read(n, ms),
        close: () => new Promise((ok) => (port.isOpen ? port.close(() => ok()) : ok())),
      });
    });
  });
}

async function fileConnection(path: string): Promise<Connection> {
  // Checked at every job, not only when the printer was set: the path may have been swapped
  // for a file since. Nothing is ever created (no O_CREAT), truncated or followed at the end.
  const checked = printerDeviceProblem(path);
  if ('message' in checked) {
    throw new PrinterError(checked.missing ? 'offline' : 'bad_uri', `file:${checked.message}`);
  }
  let handle: FileHandle;
  try {
    handle = await open(
      checked.real,
      constants.O_WRONLY | (constants.O_NOCTTY ?? 0) | (constants.O_NOFOLLOW ?? 0),
    );
  } catch (error) {
    throw wrap(error, `file:${path}`);
  }
  // What was opened is what counts: a character device, else nothing is written.
  const problem = deviceStatsProblem(checked.real, await handle.stat());
  if (problem) {
    await handle.close().catch(() => undefined);
    throw new PrinterError('bad_uri', `file:${problem.message}`);
  }
  return {
    canRead: false,
    async write(bytes) {
      try {
        await handle.write(bytes);
      } catch (error) {
        throw wrap(error, `file:${path}`);
      }
    },
    read: () => Promise.reject(new PrinterError('error', `file:${path}: a printer file cannot be read`)),
    close: () => handle.close(),
  };
}

export async function openConnection(uri: PrinterUri, timeoutMs: number): Promise<Connection> {
  if (uri.kind === 'tcp') return tcpConnection(uri.host, uri.port, timeoutMs);
  if (uri.kind === 'serial') return serialConnection(uri.path, uri.baudRate);
  return fileConnection(uri.path);
}
