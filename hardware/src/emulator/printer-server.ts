// An ESC/POS network printer (raw TCP, port 9100) for tests, CI, demos and technicians: decodes
// what it receives into tickets (one per cut), writes each as PNG + JSON, answers status
// requests like an Epson printer, and can simulate paper out, cover open, a slow printer, a
// dropped connection and a printer that is switched off.

import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join, resolve as resolvePath } from 'node:path';
import { type MonoImage, PAPER_DOTS, type PaperWidth, type PrinterStatus } from '../types.ts';
import {
  type DecodedTicket,
  EscPosDecoder,
  type PrinterRequest,
  stackRasters,
  type TicketJson,
  ticketJson,
} from './escpos-decoder.ts';
import { renderTicketPng } from './render.ts';

export interface PrinterEmulatorOptions {
  /** TCP port; 0 = any free port (read it back from `port`). Default 9100. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** When given, each ticket is written as ticket-0001.png + ticket-0001.json here. */
  outDir?: string;
  /** Paper width: sets the dots used for alignment/wrapping and the PNG width. Default 80 mm. */
  paper?: PaperWidth;
  /** Diagnostics (skipped commands, drops); default: silent. */
  log?: (line: string) => void;
}

export interface PrinterFaults {
  /** Paper out: DLE EOT reports it, nothing is printed (tickets are discarded). */
  paperOut: boolean;
  /** Cover open: DLE EOT reports it, nothing is printed. */
  coverOpen: boolean;
  /** Paper near end: only reported (DLE EOT 4, GS r 1); printing continues. */
  paperNearEnd: boolean;
  /** Delay in ms before each received chunk is read (a slow printer: the sender sees backpressure). */
  slowMs: number;
  /** Reset the connection after this many bytes of a connection (null = never). */
  dropAfterBytes: number | null;
  /** Switched off: stops listening (connections are refused) and drops open connections. */
  offline: boolean;
}

export interface EmulatedTicket {
  /** 1-based, in the order tickets were printed. */
  index: number;
  json: TicketJson;
  decoded: DecodedTicket;
  /** The GS v 0 bands as received. */
  images: MonoImage[];
  /** All bands stacked into one image (what a banded raster encoder split), or null. */
  raster: MonoImage | null;
  /** Files written (absolute paths) when `outDir` was given. */
  files: { png: string; json: string } | null;
}

export type DiscardReason = 'paper_out' | 'cover_open';

export interface PrinterEmulatorEvents {
  ticket: [EmulatedTicket];
  /** A ticket received while the printer could not print. */
  discarded: [DecodedTicket, DiscardReason];
  /** A connection was reset by the `dropAfterBytes` fault after `bytes` bytes. */
  dropped: [{ bytes: number }];
  /** A status request was answered. */
  status: [{ request: PrinterRequest; reply: number }];
  connection: [{ remote: string }];
}

/*
 * Status replies (Epson ESC/POS semantics). Every reply byte has bits 1 and 4 set and bits 0 and 7
 * clear (0x12) so a reader can tell status bytes from other data.
 *
 *   DLE EOT 1 (printer status)        bit 2 drawer pin 3 (always 0 here)
 *                                     bit 3 offline (cover open or paper out)       → 0x12 | 0x08
 *                                     bit 5 waiting for online recovery (0), bit 6 feed button (0)
 *   DLE EOT 2 (offline cause)         bit 2 cover open                              → 0x12 | 0x04
 *                                     bit 3 paper being fed by the FEED button (0)
 *                                     bit 5 printing stopped by paper end           → 0x12 | 0x20
 *                                     bit 6 error occurred (0)
 *   DLE EOT 3 (error cause)           0x12 (no errors)
 *   DLE EOT 4 (roll paper sensor)     bits 2,3 roll paper near end                  → 0x12 | 0x0c
 *                                     bits 5,6 roll paper end (paper out)           → 0x12 | 0x60
 *     With no paper, the near-end sensor sees no paper either, so paper out reports bits 2,3 too
 *     (0x7e), as real printers do.
 *   GS r 1 / ESC v (paper sensor)     bits 0,1 near end (0x03), bits 2,3 paper end (0x0c); base 0x00
 *   GS r 2 (drawer)                   0x00
 *   GS I 1/2/3 (printer id)           0x20 model, 0x02 type (auto-cutter), 0x10 version
 */
export function statusReply(request: PrinterRequest, f: PrinterFaults): number | Buffer | null {
  const base = 0x12;
  const nearEnd = f.paperNearEnd || f.paperOut;
  switch (request.kind) {
    case 'dle-eot':
      switch (request.n) {
        case 1:
          return base | (f.coverOpen || f.paperOut ? 0x08 : 0);
        case 2:
          return base | (f.coverOpen ? 0x04 : 0) | (f.paperOut ? 0x20 : 0);
        case 3:
          return base;
        case 4:
          return base | (nearEnd ? 0x0c : 0) | (f.paperOut ? 0x60 : 0);
        default:
          return null;
      }
    case 'gs-r':
    case 'esc-v': {
      const n = request.kind === 'gs-r' ? request.n : 1;
      if (n === 1 || n === 49) return (nearEnd ? 0x03 : 0) | (f.paperOut ? 0x0c : 0);
      if (n === 2 || n === 50) return 0x00;
      return null;
    }
    case 'gs-i':
      switch (request.n) {
        case 1:
        case 49:
          return 0x20;
        case 2:
        case 50:
          return 0x02;
        case 3:
        case 51:
          return 0x10;
        default:
          // Printer information B: "_" + text + NUL
          return request.n >= 65 ? Buffer.from('_LUOT-EMULATOR\0', 'latin1') : null;
      }
  }
}

/** What DLE EOT answers mean, as the shared PrinterStatus. */
export function faultsToStatus(f: PrinterFaults): PrinterStatus {
  return {
    online: !(f.coverOpen || f.paperOut || f.offline),
    coverOpen: f.coverOpen,
    paperNearEnd: f.paperNearEnd || f.paperOut,
    paperOut: f.paperOut,
  };
}

interface Connection {
  socket: net.Socket;
  decoder: EscPosDecoder;
  received: number;
  dropped: boolean;
  queue: Promise<void>;
}

export class PrinterEmulator extends EventEmitter<PrinterEmulatorEvents> {
  readonly tickets: EmulatedTicket[] = [];
  readonly host: string;
  readonly outDir: string | undefined;
  readonly paper: PaperWidth | undefined;
  private _port: number;
  private server: net.Server | null = null;
  private readonly connections = new Set<Connection>();
  private readonly f: PrinterFaults = {
    paperOut: false,
    coverOpen: false,
    paperNearEnd: false,
    slowMs: 0,
    dropAfterBytes: null,
    offline: false,
  };
  private readonly log: (line: string) => void;
  /** Tickets are saved one after another, in order. */
  private saving: Promise<void> = Promise.resolve();
  private delivered = 0;
  private listening: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(options: PrinterEmulatorOptions = {}) {
    super();
    this._port = options.port ?? 9100;
    this.host = options.host ?? '127.0.0.1';
    this.outDir = options.outDir;
    this.paper = options.paper;
    this.log = options.log ?? (() => {});
  }

  get port(): number {
    return this._port;
  }

  /** Current faults (a copy). */
  get faults(): PrinterFaults {
    return { ...this.f };
  }

  /** The status the printer reports right now. */
  status(): PrinterStatus {
    return faultsToStatus(this.f);
  }

  /** @internal */
  async listen(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      server.once('error', onError);
      server.listen(this._port, this.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    server.on('error', (e) => this.log(`printer: server error: ${e.message}`));
    const addr = server.address();
    if (addr && typeof addr === 'object') this._port = addr.port;
    this.server = server;
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const c of this.connections) c.socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Switches faults on or off; resolves once `offline` took effect (listener closed / reopened). */
  setFault(faults: Partial<PrinterFaults>): Promise<void> {
    const wasOffline = this.f.offline;
    for (const [k, v] of Object.entries(faults) as [keyof PrinterFaults, unknown][]) {
      if (v === undefined) {
        if (k === 'dropAfterBytes') this.f.dropAfterBytes = null;
        continue;
      }
      (this.f as unknown as Record<string, unknown>)[k] = v;
    }
    if (this.f.offline !== wasOffline && !this.closed) {
      const goOffline = this.f.offline;
      this.listening = this.listening.then(() => (goOffline ? this.stopListening() : this.listen()));
    }
    return this.listening;
  }

  /** Clears every fault. */
  clearFaults(): Promise<void> {
    return this.setFault({
      paperOut: false,
      coverOpen: false,
      paperNearEnd: false,
      slowMs: 0,
      dropAfterBytes: null,
      offline: false,
    });
  }

  /**
   * The next ticket not yet returned by nextTicket (tickets already printed count: no race with a
   * ticket that arrived before the call). Rejects after `timeoutMs`.
   */
  nextTicket(timeoutMs = 10_000): Promise<EmulatedTicket> {
    const ready = this.tickets[this.delivered];
    if (ready) {
      this.delivered++;
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const onTicket = () => {
        const t = this.tickets[this.delivered];
        if (!t) return;
        this.delivered++;
        clearTimeout(timer);
        this.off('ticket', onTicket);
        resolve(t);
      };
      const timer = setTimeout(() => {
        this.off('ticket', onTicket);
        reject(new Error(`no ticket within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('ticket', onTicket);
    });
  }

  /** Stops listening, drops open connections, waits for tickets being written. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listening.catch(() => {});
    await this.stopListening();
    await this.saving;
  }

  private accept(socket: net.Socket): void {
    if (this.f.offline || this.closed) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    const conn: Connection = {
      socket,
      received: 0,
      dropped: false,
      queue: Promise.resolve(),
      decoder: new EscPosDecoder({
        paperDots: this.paper ? PAPER_DOTS[this.paper] : 576,
        log: (m) => this.log(m),
        onTicket: (t) => this.printed(t),
        onRequest: (r) => this.answer(conn, r),
      }),
    };
    this.connections.add(conn);
    this.emit('connection', { remote });
    socket.on('error', () => {}); // resets by the client are normal; 'close' follows
    socket.on('data', (chunk: Buffer) => {
      const slow = this.f.slowMs;
      if (slow > 0) {
        socket.pause();
        conn.queue = conn.queue.then(
          () =>
            new Promise<void>((resolve) =>
              setTimeout(() => {
                this.receive(conn, chunk);
                if (!socket.destroyed) socket.resume();
                resolve();
              }, slow),
            ),
        );
      } else {
        conn.queue = conn.queue.then(() => this.receive(conn, chunk));
      }
    });
    socket.on('close', () => {
      conn.queue = conn.queue.then(() => {
        this.connections.delete(conn);
        if (!conn.dropped) conn.decoder.end();
      });
    });
  }

  private receive(conn: Connection, chunk: Buffer): void {
    if (conn.dropped) return;
    const limit = this.f.dropAfterBytes;
    if (limit !== null && conn.received + chunk.length >= limit) {
      const keep = Math.max(0, limit - conn.received);
      conn.received += keep;
      if (keep > 0) conn.decoder.write(chunk.subarray(0, keep));
      conn.dropped = true;
      this.log(`printer: dropping connection after ${conn.received} bytes`);
      this.emit('dropped', { bytes: conn.received });
      conn.socket.resetAndDestroy();
      return;
    }
    conn.received += chunk.length;
    conn.decoder.write(chunk);
  }

  private answer(conn: Connection, request: PrinterRequest): void {
    const reply = statusReply(request, this.f);
    if (reply === null) return;
    const bytes = typeof reply === 'number' ? Buffer.from([reply]) : reply;
    if (!conn.socket.destroyed) conn.socket.write(bytes);
    this.emit('status', { request, reply: bytes[0]! });
  }

  private printed(decoded: DecodedTicket): void {
    const reason: DiscardReason | null = this.f.paperOut
      ? 'paper_out'
      : this.f.coverOpen
        ? 'cover_open'
        : null;
    if (reason) {
      this.log(`printer: ticket discarded (${reason}), ${decoded.bytes} bytes`);
      this.emit('discarded', decoded, reason);
      return;
    }
    this.saving = this.saving.then(() => this.save(decoded));
  }

  private async save(decoded: DecodedTicket): Promise<void> {
    const index = this.tickets.length + 1;
    const json = ticketJson(decoded, index);
    let files: EmulatedTicket['files'] = null;
    if (this.outDir) {
      try {
        await mkdir(this.outDir, { recursive: true });
        const base = join(resolvePath(this.outDir), `ticket-${String(index).padStart(4, '0')}`);
        const png = await renderTicketPng(decoded, {
          width: this.paper ? PAPER_DOTS[this.paper] : undefined,
        });
        await writeFile(`${base}.png`, png);
        await writeFile(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
        files = { png: `${base}.png`, json: `${base}.json` };
      } catch (e) {
        this.log(`printer: could not write ticket ${index}: ${(e as Error).message}`);
      }
    }
    const ticket: EmulatedTicket = {
      index,
      json,
      decoded,
      images: decoded.rasters.map((r) => r.image),
      raster: stackRasters(decoded),
      files,
    };
    this.tickets.push(ticket);
    this.emit('ticket', ticket);
  }
}

/** Starts a printer emulator; resolves once it listens (read the real port from `port`). */
export async function startPrinterEmulator(options: PrinterEmulatorOptions = {}): Promise<PrinterEmulator> {
  const emulator = new PrinterEmulator(options);
  await emulator.listen();
  return emulator;
}
