// A streaming ESC/POS decoder: the printer end of the wire, for the printer emulator.
//
// Bytes may arrive split anywhere (inside a command, inside raster or QR data); the decoder keeps
// the few bytes of an unfinished command header and copies long payloads (GS v 0 raster, GS ( k
// QR data, ...) straight into a buffer, so a ticket split into 1-byte chunks decodes the same as
// one sent in a single write. Every command node-thermal-printer's Epson driver can emit is
// consumed with its real length; other unknown ESC/GS/FS commands are logged and skipped (two
// bytes), never waited on forever. Layout and the ticket model live in escpos-ticket-builder.ts.

import { type CommandContext, DLE, ESC, FS, GS, hex } from './escpos-commands.ts';
import { stepEsc } from './escpos-esc-commands.ts';
import { stepFs, stepGs } from './escpos-gs-commands.ts';
import { TicketBuilder } from './escpos-ticket-builder.ts';
import type { DecodedTicket, DecoderOptions } from './escpos-types.ts';

export { decodeText } from './escpos-code-pages.ts';
export { stackRasters, type TicketJson, ticketJson } from './escpos-output.ts';
export type {
  Align,
  BarcodeSymbol,
  DecodedTicket,
  DecoderOptions,
  PrinterRequest,
  QrSymbol,
  RasterBand,
  TextSize,
  TicketLine,
} from './escpos-types.ts';

/** Payloads larger than this are skipped, not stored (a GS 8 L header can claim 4 GB). */
const MAX_STORED_PAYLOAD = 16 * 1024 * 1024;

interface Bulk {
  /** Where to copy into (null: skip the bytes). */
  buf: Uint8Array | null;
  length: number;
  filled: number;
  done: (data: Uint8Array) => void;
}

/** Decodes an ESC/POS byte stream; call `write` per chunk and `end` when the connection closes. */
export class EscPosDecoder {
  private readonly opts: DecoderOptions;
  private readonly doc: TicketBuilder;
  private readonly ctx: CommandContext;
  private pending: Buffer = Buffer.alloc(0);
  private bulk: Bulk | null = null;
  private closed = false;

  constructor(options: DecoderOptions = {}) {
    this.opts = options;
    this.doc = new TicketBuilder(options.paperDots ?? 576, options);
    this.ctx = {
      doc: this.doc,
      startBulk: (length, done, store) => this.startBulk(length, done, store),
      request: (request) => this.opts.onRequest?.(request),
    };
  }

  /** Feeds received bytes. */
  write(chunk: Uint8Array): void {
    if (this.closed) return;
    let data: Buffer = this.pending.length
      ? Buffer.concat([this.pending, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let pos = 0;
    while (pos < data.length) {
      const bulk = this.bulk;
      if (bulk) {
        const n = Math.min(bulk.length - bulk.filled, data.length - pos);
        if (bulk.buf) bulk.buf.set(data.subarray(pos, pos + n), bulk.filled);
        bulk.filled += n;
        pos += n;
        this.doc.count(n);
        if (bulk.filled === bulk.length) {
          this.bulk = null;
          bulk.done(bulk.buf ?? new Uint8Array(0));
        }
        continue;
      }
      const used = this.step(data, pos);
      if (used === 0) break;
      pos += used;
    }
    // Keep the unfinished command header (a few bytes) for the next chunk.
    data = data.subarray(pos);
    this.pending = data.length ? Buffer.from(data) : Buffer.alloc(0);
  }

  /** The connection closed: returns (and reports) the last ticket when it has printable content. */
  end(): DecodedTicket | null {
    if (this.closed) return null;
    this.closed = true;
    if (this.pending.length) {
      this.doc.passOver(`truncated command at end of data: ${hex(this.pending.subarray(0, 16))}`);
      this.doc.count(this.pending.length);
      this.pending = Buffer.alloc(0);
    }
    if (this.bulk) {
      this.doc.passOver(`truncated payload: ${this.bulk.filled}/${this.bulk.length} bytes`);
      this.bulk = null;
    }
    return this.doc.close();
  }

  // ---------------------------------------------------------------------------------------------

  private startBulk(length: number, done: (data: Uint8Array) => void, store = true): void {
    if (length === 0) {
      done(new Uint8Array(0));
      return;
    }
    const keep = store && length <= MAX_STORED_PAYLOAD;
    this.bulk = { buf: keep ? new Uint8Array(length) : null, length, filled: 0, done };
  }

  /** Decodes one command or text run at `pos`; returns the bytes used, 0 when more are needed. */
  private step(d: Buffer, pos: number): number {
    const b = d[pos]!;
    const avail = d.length - pos;
    if (b >= 0x20) {
      let end = pos + 1;
      while (end < d.length && d[end]! >= 0x20) end++;
      this.doc.addText(d.subarray(pos, end));
      this.doc.count(end - pos);
      return end - pos;
    }
    switch (b) {
      case 0x0a: // LF
        this.doc.count(1);
        this.doc.flushLine(null, true);
        return 1;
      case 0x0c: // FF: in standard mode prints the buffer like LF
        this.doc.count(1);
        this.doc.flushLine(null, false);
        return 1;
      case 0x0d: // CR: ignored (auto line feed off, as on Ethernet printers)
      case 0x00:
        this.doc.count(1);
        return 1;
      case 0x09: // HT
        this.doc.count(1);
        this.doc.tab();
        return 1;
      case DLE:
        return this.stepDle(d, pos, avail);
      case ESC:
        return stepEsc(this.ctx, d, pos, avail);
      case GS:
        return stepGs(this.ctx, d, pos, avail);
      case FS:
        return stepFs(this.ctx, d, pos, avail);
      default:
        this.doc.count(1);
        this.doc.passOver(`control byte ${hex([b])}`);
        return 1;
    }
  }

  /** DLE commands are real-time: a printer answers them even between jobs. */
  private stepDle(d: Buffer, pos: number, avail: number): number {
    if (avail < 2) return 0;
    const c = d[pos + 1]!;
    if (c === 0x04 || c === 0x05) {
      if (avail < 3) return 0;
      const n = d[pos + 2]!;
      this.doc.count(3, true);
      if (c === 0x04) {
        if (n >= 1 && n <= 4) this.opts.onRequest?.({ kind: 'dle-eot', n });
        else this.doc.passOver(`DLE EOT ${n}`);
      }
      return 3;
    }
    if (c === 0x14) {
      // DLE DC4 fn ...: fn 1, 2, 7 take two more bytes, fn 8 seven.
      if (avail < 3) return 0;
      const fn = d[pos + 2]!;
      const len = fn === 8 ? 10 : fn === 1 || fn === 2 || fn === 7 ? 5 : 3;
      if (avail < len) return 0;
      this.doc.count(len, true);
      return len;
    }
    this.doc.count(1);
    this.doc.passOver(`DLE ${hex([c])}`);
    return 1;
  }
}

/** Decodes a whole buffer at once (for tests and tools): the tickets, the last one closed by `end`. */
export function decodeEscPos(
  bytes: Uint8Array,
  options: Omit<DecoderOptions, 'onTicket'> = {},
): DecodedTicket[] {
  const tickets: DecodedTicket[] = [];
  const decoder = new EscPosDecoder({ ...options, onTicket: (t) => tickets.push(t) });
  decoder.write(bytes);
  decoder.end();
  return tickets;
}
