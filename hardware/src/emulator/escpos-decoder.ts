// A streaming ESC/POS decoder: the printer end of the wire, for the printer emulator.
//
// Bytes may arrive split anywhere (inside a command, inside raster or QR data); the decoder keeps
// the few bytes of an unfinished command header and copies long payloads (GS v 0 raster, GS ( k
// QR data, ...) straight into a buffer, so a ticket split into 1-byte chunks decodes the same as
// one sent in a single write. Every command node-thermal-printer's Epson driver can emit is
// consumed with its real length; other unknown ESC/GS/FS commands are logged and skipped (two
// bytes), never waited on forever.
//
// Vertical layout is modelled like a real 203 dpi head: font A is 12x24 dots, default line
// spacing 30 dots (ESC 2 / ESC 3 n), GS v 0 bands and QR symbols advance the paper by their
// height, ESC d n feeds n lines, ESC J n feeds n dots. `y` values in the result are in dots from
// the top of the ticket.

import iconv from 'iconv-lite';
import QRCode from 'qrcode';
import type { MonoImage } from '../types.ts';

export type Align = 'left' | 'center' | 'right';

export interface TextSize {
  /** Character width multiplier (1..8). */
  width: number;
  /** Character height multiplier (1..8). */
  height: number;
}

/** One printed text line (ended by LF, a feed, a cut or the end of the data). */
export interface TicketLine {
  text: string;
  bold: boolean;
  size: TextSize;
  align: Align;
  /** Code page (ESC t n) its bytes were decoded with (the last one, when it changed mid-line). */
  codePage: number;
  underline: boolean;
  /** Top of the line in dots. */
  y: number;
  /** Printed rows: a line longer than the paper wraps like on a printer. */
  rows: number;
  /** Characters per printed row at this size (font A, 12 dots per character). */
  columns: number;
}

/** One GS v 0 band as received. */
export interface RasterBand {
  image: MonoImage;
  x: number;
  y: number;
  /** GS v 0 m: 1 or 2 (double width / double height modes). */
  scaleX: number;
  scaleY: number;
}

export interface QrSymbol {
  payload: string;
  /** Module size in dots (GS ( k fn 67). */
  cellSize: number;
  errorCorrection: 'L' | 'M' | 'Q' | 'H';
  model: number;
  align: Align;
  x: number;
  y: number;
  /** Side in dots (modules x cell size); 0 when the payload could not be encoded. */
  size: number;
}

export interface BarcodeSymbol {
  type: number;
  data: string;
  y: number;
}

/** Everything received between two cuts. */
export interface DecodedTicket {
  /** Bytes of this ticket, from its first job byte (leading status requests are not counted) to the cut. */
  bytes: number;
  receivedAt: string;
  lines: TicketLine[];
  qr: QrSymbol[];
  rasters: RasterBand[];
  barcodes: BarcodeSymbol[];
  /** True when the ticket ended with a cut (GS V, ESC i, ESC m), false when the connection closed. */
  cut: boolean;
  cutMode: 'full' | 'partial' | null;
  /** Code page in effect at the end of the ticket (ESC t n; 0 when never selected). */
  codePage: number;
  /** Paper length used, in dots. */
  height: number;
  beeps: number;
  /** Unknown or unsupported commands that were skipped, as hex. */
  skipped: string[];
}

/** A request the printer must answer (real-time DLE EOT or a transmit command). */
export type PrinterRequest =
  | { kind: 'dle-eot'; n: number }
  | { kind: 'gs-r'; n: number }
  | { kind: 'esc-v' }
  | { kind: 'gs-i'; n: number };

export interface DecoderOptions {
  /** Printable width in dots (384 for 58 mm, 576 for 80 mm); used for alignment and wrapping. */
  paperDots?: number;
  onTicket?: (ticket: DecodedTicket) => void;
  onRequest?: (request: PrinterRequest) => void;
  log?: (message: string) => void;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

const FONT_W = 12;
const FONT_H = 24;
const DEFAULT_LINE_SPACING = 30;
/** Payloads larger than this are skipped, not stored (a GS 8 L header can claim 4 GB). */
const MAX_STORED_PAYLOAD = 16 * 1024 * 1024;
/** NUL-terminated or otherwise open-ended commands give up after this many bytes. */
const MAX_OPEN_COMMAND = 4096;

/** ESC t n → iconv-lite encoding (from the Epson code page table); 0 and unknown → latin1. */
const CODE_PAGES: Record<number, string> = {
  0: 'latin1',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  13: 'cp857',
  14: 'cp737',
  15: 'iso-8859-7',
  16: 'windows-1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  33: 'cp775',
  34: 'cp855',
  35: 'cp861',
  36: 'cp862',
  37: 'cp864',
  38: 'cp869',
  39: 'iso-8859-2',
  40: 'iso-8859-15',
  44: 'cp1125',
  45: 'windows-1250',
  46: 'windows-1251',
  47: 'windows-1253',
  48: 'windows-1254',
  49: 'windows-1255',
  50: 'windows-1256',
  51: 'windows-1257',
  52: 'windows-1258',
  53: 'rk1048',
};

/** Decodes text bytes received under code page `n` (NFC, so Windows-1258 combining tone marks compose). */
export function decodeText(bytes: Uint8Array, codePage: number): string {
  const encoding = CODE_PAGES[codePage] ?? 'latin1';
  const text = iconv.encodingExists(encoding)
    ? iconv.decode(Buffer.from(bytes), encoding)
    : Buffer.from(bytes).toString('latin1');
  return text.normalize('NFC');
}

/** Fixed parameter counts after ESC x (bytes after the command byte). */
const ESC_FIXED: Record<number, number> = {
  12: 0, // ESC FF print in page mode
  32: 1, // ESC SP right spacing
  33: 1, // ESC ! print mode
  36: 2, // ESC $ absolute position
  37: 1, // ESC % user-defined set
  45: 1, // ESC - underline
  50: 0, // ESC 2 default line spacing
  51: 1, // ESC 3 n line spacing
  60: 0, // ESC < return home
  61: 1, // ESC = peripheral select
  63: 1, // ESC ? cancel user-defined char
  64: 0, // ESC @ init
  66: 2, // ESC B n t beep (node-thermal-printer, many clones)
  67: 1, // ESC C n
  69: 1, // ESC E bold
  71: 1, // ESC G double strike
  74: 1, // ESC J feed dots
  75: 1, // ESC K reverse feed dots
  76: 0, // ESC L page mode
  77: 1, // ESC M font
  82: 1, // ESC R international set
  83: 0, // ESC S standard mode
  84: 1, // ESC T print direction
  85: 1, // ESC U unidirectional
  86: 1, // ESC V rotate 90
  87: 8, // ESC W page area
  92: 2, // ESC \ relative position
  97: 1, // ESC a align
  99: 2, // ESC c 3/4/5 n paper sensors, panel buttons
  100: 1, // ESC d feed lines
  101: 1, // ESC e reverse feed lines
  105: 0, // ESC i full cut (legacy)
  109: 0, // ESC m partial cut (legacy)
  114: 1, // ESC r colour
  116: 1, // ESC t code page
  117: 1, // ESC u transmit peripheral status
  118: 0, // ESC v transmit paper sensor status
  123: 1, // ESC { upside down
};

/** Fixed parameter counts after GS x. */
const GS_FIXED: Record<number, number> = {
  33: 1, // GS ! size
  35: 1, // GS # select NV bit image
  36: 2, // GS $ absolute vertical position
  47: 1, // GS / print downloaded bit image
  58: 0, // GS : macro
  66: 1, // GS B reverse
  69: 1, // GS E head control
  72: 1, // GS H HRI position
  73: 1, // GS I printer id
  76: 2, // GS L left margin
  80: 2, // GS P motion units
  84: 1, // GS T print position to line start
  87: 2, // GS W print area width
  90: 1, // GS Z 2D code type
  92: 2, // GS \ relative vertical position
  94: 3, // GS ^ execute macro
  97: 1, // GS a automatic status back
  98: 1, // GS b smoothing
  99: 0, // GS c print counter
  102: 1, // GS f HRI font
  104: 1, // GS h barcode height
  106: 1, // GS j automatic status back (ink)
  114: 1, // GS r transmit status
  119: 1, // GS w barcode width
  122: 1, // GS z
  124: 1, // GS | print density
};

interface LineBuffer {
  segments: string[];
  bytes: number[];
  codePage: number;
  bold: boolean;
  size: TextSize;
  align: Align;
  underline: boolean;
  started: boolean;
}

interface Bulk {
  /** Where to copy into (null: skip the bytes). */
  buf: Uint8Array | null;
  length: number;
  filled: number;
  done: (data: Uint8Array) => void;
}

function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function alignOf(n: number): Align {
  const v = n >= 48 ? n - 48 : n;
  return v === 1 ? 'center' : v === 2 ? 'right' : 'left';
}

/** Decodes an ESC/POS byte stream; call `write` per chunk and `end` when the connection closes. */
export class EscPosDecoder {
  private readonly paperDots: number;
  private readonly opts: DecoderOptions;
  private pending: Buffer = Buffer.alloc(0);
  private bulk: Bulk | null = null;
  private closed = false;

  // printer state (kept across tickets, reset by ESC @)
  private bold = false;
  private size: TextSize = { width: 1, height: 1 };
  private align: Align = 'left';
  private codePage = 0;
  private lineSpacing = DEFAULT_LINE_SPACING;
  private underline = false;
  private qrCellSize = 3;
  private qrEc: QrSymbol['errorCorrection'] = 'M';
  private qrModel = 2;
  private qrData: Uint8Array | null = null;

  // current ticket
  private t: DecodedTicket = this.freshTicket();
  private started = false;
  private content = false;
  private y = 0;
  private line: LineBuffer | null = null;

  constructor(options: DecoderOptions = {}) {
    this.opts = options;
    this.paperDots = options.paperDots ?? 576;
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
        this.count(n);
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
      this.passOver(`truncated command at end of data: ${hex(this.pending.subarray(0, 16))}`);
      this.count(this.pending.length);
      this.pending = Buffer.alloc(0);
    }
    if (this.bulk) {
      this.passOver(`truncated payload: ${this.bulk.filled}/${this.bulk.length} bytes`);
      this.bulk = null;
    }
    this.flushLine(null);
    if (!this.content) return null;
    return this.finishTicket(false, null);
  }

  // ---------------------------------------------------------------------------------------------

  private freshTicket(): DecodedTicket {
    return {
      bytes: 0,
      receivedAt: '',
      lines: [],
      qr: [],
      rasters: [],
      barcodes: [],
      cut: false,
      cutMode: null,
      codePage: 0,
      height: 0,
      beeps: 0,
      skipped: [],
    };
  }

  private count(n: number, realtime = false): void {
    if (realtime && !this.started) return;
    this.started = true;
    this.t.bytes += n;
  }

  private passOver(message: string): void {
    this.t.skipped.push(message);
    this.opts.log?.(`escpos: skipped ${message}`);
  }

  private finishTicket(cut: boolean, mode: DecodedTicket['cutMode']): DecodedTicket {
    const ticket = this.t;
    ticket.cut = cut;
    ticket.cutMode = mode;
    ticket.codePage = this.codePage;
    ticket.height = this.y;
    ticket.receivedAt = new Date().toISOString();
    this.t = this.freshTicket();
    this.started = false;
    this.content = false;
    this.y = 0;
    this.opts.onTicket?.(ticket);
    return ticket;
  }

  private reset(): void {
    this.flushLine(null);
    this.bold = false;
    this.size = { width: 1, height: 1 };
    this.align = 'left';
    this.codePage = 0;
    this.lineSpacing = DEFAULT_LINE_SPACING;
    this.underline = false;
    this.qrCellSize = 3;
    this.qrEc = 'M';
    this.qrModel = 2;
  }

  private lineAdvance(): number {
    return Math.max(this.lineSpacing, FONT_H * this.size.height);
  }

  private addText(bytes: Uint8Array): void {
    let line = this.line;
    if (!line) {
      line = {
        segments: [],
        bytes: [],
        codePage: this.codePage,
        bold: this.bold,
        size: { ...this.size },
        align: this.align,
        underline: this.underline,
        started: true,
      };
      this.line = line;
    }
    if (line.codePage !== this.codePage) {
      line.segments.push(decodeText(Uint8Array.from(line.bytes), line.codePage));
      line.bytes = [];
      line.codePage = this.codePage;
    }
    for (const b of bytes) line.bytes.push(b);
    this.content = true;
  }

  /**
   * Prints the buffered line. `feedDots`: paper advance after it (null = the line advance);
   * an empty line still feeds when `feedDots` is given or on LF.
   */
  private flushLine(feedDots: number | null, emptyLineFeeds = false): void {
    const line = this.line;
    this.line = null;
    if (!line) {
      if (emptyLineFeeds) {
        // LF on an empty buffer feeds one line: recorded as an empty line.
        this.t.lines.push({
          text: '',
          bold: this.bold,
          size: { ...this.size },
          align: this.align,
          codePage: this.codePage,
          underline: this.underline,
          y: this.y,
          rows: 1,
          columns: Math.max(1, Math.floor(this.paperDots / (FONT_W * this.size.width))),
        });
        this.y += feedDots ?? this.lineAdvance();
        this.content = true;
      } else if (feedDots !== null) {
        this.y += feedDots;
      }
      return;
    }
    const text = (line.segments.join('') + decodeText(Uint8Array.from(line.bytes), line.codePage)).normalize(
      'NFC',
    );
    const columns = Math.max(1, Math.floor(this.paperDots / (FONT_W * line.size.width)));
    const rows = Math.max(1, Math.ceil([...text].length / columns));
    const rowAdvance = Math.max(this.lineSpacing, FONT_H * line.size.height);
    this.t.lines.push({
      text,
      bold: line.bold,
      size: line.size,
      align: line.align,
      codePage: line.codePage,
      underline: line.underline,
      y: this.y,
      rows,
      columns,
    });
    this.y += rowAdvance * (rows - 1) + (feedDots ?? rowAdvance);
    this.content = true;
  }

  private xFor(width: number): number {
    if (this.align === 'center') return Math.max(0, Math.floor((this.paperDots - width) / 2));
    if (this.align === 'right') return Math.max(0, this.paperDots - width);
    return 0;
  }

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
      this.addText(d.subarray(pos, end));
      this.count(end - pos);
      return end - pos;
    }
    switch (b) {
      case 0x0a: // LF
        this.count(1);
        this.flushLine(null, true);
        return 1;
      case 0x0c: // FF: in standard mode prints the buffer like LF
        this.count(1);
        this.flushLine(null, false);
        return 1;
      case 0x0d: // CR: ignored (auto line feed off, as on Ethernet printers)
      case 0x00:
        this.count(1);
        return 1;
      case 0x09: {
        // HT: next tab stop (every 8 columns)
        this.count(1);
        const cur = this.line ? this.line.bytes.length : 0;
        this.addText(new Uint8Array(8 - (cur % 8)).fill(0x20));
        return 1;
      }
      case DLE:
        return this.stepDle(d, pos, avail);
      case ESC:
        return this.stepEsc(d, pos, avail);
      case GS:
        return this.stepGs(d, pos, avail);
      case FS:
        return this.stepFs(d, pos, avail);
      default:
        this.count(1);
        this.passOver(`control byte ${hex([b])}`);
        return 1;
    }
  }

  private stepDle(d: Buffer, pos: number, avail: number): number {
    if (avail < 2) return 0;
    const c = d[pos + 1]!;
    if (c === 0x04 || c === 0x05) {
      if (avail < 3) return 0;
      const n = d[pos + 2]!;
      this.count(3, true);
      if (c === 0x04) {
        if (n >= 1 && n <= 4) this.opts.onRequest?.({ kind: 'dle-eot', n });
        else this.passOver(`DLE EOT ${n}`);
      }
      return 3;
    }
    if (c === 0x14) {
      // DLE DC4 fn ...: fn 1, 2, 7 take two more bytes, fn 8 seven.
      if (avail < 3) return 0;
      const fn = d[pos + 2]!;
      const len = fn === 8 ? 10 : fn === 1 || fn === 2 || fn === 7 ? 5 : 3;
      if (avail < len) return 0;
      this.count(len, true);
      return len;
    }
    this.count(1);
    this.passOver(`DLE ${hex([c])}`);
    return 1;
  }

  private stepEsc(d: Buffer, pos: number, avail: number): number {
    if (avail < 2) return 0;
    const c = d[pos + 1]!;
    // Variable-length ESC commands first.
    switch (c) {
      case 0x44: {
        // ESC D n1..nk NUL: tab positions
        for (let i = pos + 2; i < d.length && i < pos + 2 + 33; i++) {
          if (d[i] === 0) {
            this.count(i - pos + 1);
            return i - pos + 1;
          }
        }
        if (avail >= 35) {
          this.count(35);
          this.passOver('ESC D without NUL');
          return 35;
        }
        return 0;
      }
      case 0x2a: {
        // ESC * m nL nH d1..dk: bit image (8-dot: k = n, 24-dot: k = 3n)
        if (avail < 5) return 0;
        const m = d[pos + 2]!;
        const n = d[pos + 3]! + d[pos + 4]! * 256;
        const k = m === 32 || m === 33 ? n * 3 : n;
        this.count(5);
        this.passOver(`ESC * bit image (${k} bytes)`);
        this.startBulk(k, () => {}, false);
        return 5;
      }
      case 0x26: {
        // ESC & y c1 c2 [x d1..d(y*x)]...: user-defined characters
        if (avail < 5) return 0;
        const yb = d[pos + 2]!;
        const c1 = d[pos + 3]!;
        const c2 = d[pos + 4]!;
        let i = pos + 5;
        for (let ch = c1; ch <= c2; ch++) {
          if (i >= d.length) return avail > MAX_OPEN_COMMAND ? this.giveUp(d, pos) : 0;
          i += 1 + yb * d[i]!;
        }
        if (i > d.length) return avail > MAX_OPEN_COMMAND ? this.giveUp(d, pos) : 0;
        this.count(i - pos);
        return i - pos;
      }
      case 0x28: {
        // ESC ( fn pL pH ...: ESC ( A is the beep on newer Epson models
        if (avail < 5) return 0;
        const fn = d[pos + 2]!;
        const len = d[pos + 3]! + d[pos + 4]! * 256;
        this.count(5);
        if (fn === 0x41) this.t.beeps++;
        else this.passOver(`ESC ( ${String.fromCharCode(fn)} (${len} bytes)`);
        this.startBulk(len, () => {}, false);
        return 5;
      }
      case 0x70: {
        // ESC p m t1 t2: drawer kick. node-thermal-printer sends only ESC p m, so take t1 t2 only
        // when they do not start the next command.
        if (avail < 3) return 0;
        let len = 3;
        for (let k = 0; k < 2; k++) {
          const idx = pos + 3 + k;
          if (idx >= d.length) return 0;
          const v = d[idx]!;
          if (v === ESC || v === GS || v === FS || v === DLE) break;
          len++;
        }
        this.count(len);
        return len;
      }
    }
    const params = ESC_FIXED[c];
    if (params === undefined) {
      this.count(2);
      this.passOver(`ESC ${hex([c])}`);
      return 2;
    }
    const len = 2 + params;
    if (avail < len) return 0;
    const p1 = d[pos + 2] ?? 0;
    this.count(len);
    switch (c) {
      case 0x40:
        this.reset();
        break;
      case 0x45:
        this.bold = (p1 & 1) === 1;
        break;
      case 0x21:
        // ESC ! n: bit 3 emphasized, bit 4 double height, bit 5 double width, bit 7 underline
        this.bold = (p1 & 0x08) !== 0;
        this.size = { width: p1 & 0x20 ? 2 : 1, height: p1 & 0x10 ? 2 : 1 };
        this.underline = (p1 & 0x80) !== 0;
        break;
      case 0x2d:
        this.underline = (p1 & 3) !== 0 && p1 !== 48;
        break;
      case 0x61:
        this.align = alignOf(p1);
        break;
      case 0x74:
        this.flushCodePage(p1);
        break;
      case 0x32:
        this.lineSpacing = DEFAULT_LINE_SPACING;
        break;
      case 0x33:
        this.lineSpacing = p1;
        break;
      case 0x64:
        this.flushLine(this.line ? null : 0);
        this.y += p1 * this.lineSpacing;
        if (p1 > 0) this.content = true;
        break;
      case 0x4a:
        // ESC J n: print the buffer and feed n dots
        this.flushLine(p1);
        if (p1 > 0) this.content = true;
        break;
      case 0x42:
        this.t.beeps++;
        break;
      case 0x69:
      case 0x6d:
        this.flushLine(null);
        this.finishTicket(true, c === 0x69 ? 'full' : 'partial');
        break;
      case 0x76:
        this.opts.onRequest?.({ kind: 'esc-v' });
        break;
    }
    return len;
  }

  private flushCodePage(n: number): void {
    this.codePage = n;
    if (!(n in CODE_PAGES)) this.opts.log?.(`escpos: code page ${n} decoded as latin1`);
  }

  private stepGs(d: Buffer, pos: number, avail: number): number {
    if (avail < 2) return 0;
    const c = d[pos + 1]!;
    switch (c) {
      case 0x56: {
        // GS V m [n]: cut. m 0/1/48/49: no n; m 65/66/97/98/103/104: n (feed n dots first)
        if (avail < 3) return 0;
        const m = d[pos + 2]!;
        const withN = m >= 65;
        const len = withN ? 4 : 3;
        if (avail < len) return 0;
        this.count(len);
        this.flushLine(null);
        if (withN && (m === 65 || m === 66)) this.y += d[pos + 3]!;
        const partial = m === 1 || m === 49 || m === 66 || m === 98 || m === 104;
        this.finishTicket(true, partial ? 'partial' : 'full');
        return len;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d1..dk: raster bit image
        if (avail < 3) return 0;
        if (d[pos + 2] !== 0x30) {
          this.count(2);
          this.passOver(`GS v ${hex([d[pos + 2]!])}`);
          return 2;
        }
        if (avail < 8) return 0;
        const m = d[pos + 3]!;
        const bytesPerRow = d[pos + 4]! + d[pos + 5]! * 256;
        const rows = d[pos + 6]! + d[pos + 7]! * 256;
        this.count(8);
        const mode = m >= 48 ? m - 48 : m;
        const scaleX = mode === 1 || mode === 3 ? 2 : 1;
        const scaleY = mode === 2 || mode === 3 ? 2 : 1;
        this.flushLine(null);
        this.startBulk(bytesPerRow * rows, (data) => {
          const width = bytesPerRow * 8;
          const band: RasterBand = {
            image: { width, height: rows, data },
            x: this.xFor(width * scaleX),
            y: this.y,
            scaleX,
            scaleY,
          };
          this.t.rasters.push(band);
          this.y += rows * scaleY;
          this.content = true;
        });
        return 8;
      }
      case 0x28: {
        // GS ( fn pL pH ...: GS ( k is the 2D codes; others are consumed.
        if (avail < 5) return 0;
        const fn = d[pos + 2]!;
        const len = d[pos + 3]! + d[pos + 4]! * 256;
        this.count(5);
        if (fn === 0x6b && len >= 2) {
          this.startBulk(len, (data) => this.gsParenK(data));
        } else {
          this.passOver(`GS ( ${String.fromCharCode(fn)} (${len} bytes)`);
          this.startBulk(len, () => {}, false);
        }
        return 5;
      }
      case 0x38: {
        // GS 8 L p1 p2 p3 p4 ...: large graphics data
        if (avail < 7) return 0;
        const len = d[pos + 3]! + d[pos + 4]! * 256 + d[pos + 5]! * 65536 + d[pos + 6]! * 16777216;
        this.count(7);
        this.passOver(`GS 8 ${String.fromCharCode(d[pos + 2]!)} (${len} bytes)`);
        this.startBulk(len, () => {}, false);
        return 7;
      }
      case 0x6b: {
        // GS k m ...: barcode. m 0..6: data NUL-terminated; m 65..79: n then n bytes.
        if (avail < 3) return 0;
        const m = d[pos + 2]!;
        if (m <= 6) {
          for (let i = pos + 3; i < d.length; i++) {
            if (d[i] === 0) {
              this.addBarcode(m, d.subarray(pos + 3, i));
              this.count(i - pos + 1);
              return i - pos + 1;
            }
          }
          return avail > 260 ? this.giveUp(d, pos) : 0;
        }
        if (avail < 4) return 0;
        const n = d[pos + 3]!;
        if (avail < 4 + n) return 0;
        this.addBarcode(m, d.subarray(pos + 4, pos + 4 + n));
        this.count(4 + n);
        return 4 + n;
      }
      case 0x2a: {
        // GS * x y d1..d(x*y*8): define downloaded bit image
        if (avail < 4) return 0;
        const k = d[pos + 2]! * d[pos + 3]! * 8;
        this.count(4);
        this.passOver(`GS * downloaded bit image (${k} bytes)`);
        this.startBulk(k, () => {}, false);
        return 4;
      }
      case 0x67: {
        // GS g 0 m nL nH / GS g 2 m nL nH: maintenance counters
        if (avail < 3) return 0;
        const len = 6;
        if (avail < len) return 0;
        this.count(len);
        return len;
      }
    }
    const params = GS_FIXED[c];
    if (params === undefined) {
      this.count(2);
      this.passOver(`GS ${hex([c])}`);
      return 2;
    }
    const len = 2 + params;
    if (avail < len) return 0;
    const p1 = d[pos + 2] ?? 0;
    this.count(len);
    switch (c) {
      case 0x21:
        // GS ! n: bits 4-6 width multiplier - 1, bits 0-2 height multiplier - 1
        this.size = { width: ((p1 >> 4) & 7) + 1, height: (p1 & 7) + 1 };
        break;
      case 0x72:
        this.opts.onRequest?.({ kind: 'gs-r', n: p1 });
        break;
      case 0x49:
        this.opts.onRequest?.({ kind: 'gs-i', n: p1 });
        break;
    }
    return len;
  }

  private stepFs(d: Buffer, pos: number, avail: number): number {
    if (avail < 2) return 0;
    const c = d[pos + 1]!;
    const fixed: Record<number, number> = {
      33: 1, // FS ! Kanji mode
      38: 0, // FS & Kanji on
      45: 1, // FS - Kanji underline
      46: 0, // FS . Kanji off
      67: 1, // FS C code system
      83: 2, // FS S Kanji spacing
      87: 1, // FS W Kanji quadruple
      112: 2, // FS p n m print NV bit image
    };
    if (c === 0x28) {
      if (avail < 5) return 0;
      const len = d[pos + 3]! + d[pos + 4]! * 256;
      this.count(5);
      this.passOver(`FS ( ${String.fromCharCode(d[pos + 2]!)} (${len} bytes)`);
      this.startBulk(len, () => {}, false);
      return 5;
    }
    const params = fixed[c];
    if (params === undefined) {
      this.count(2);
      this.passOver(`FS ${hex([c])}`);
      return 2;
    }
    if (avail < 2 + params) return 0;
    this.count(2 + params);
    if (c === 0x70) this.passOver('FS p (NV bit image)');
    return 2 + params;
  }

  private giveUp(d: Buffer, pos: number): number {
    this.passOver(`unterminated command ${hex(d.subarray(pos, pos + 8))}`);
    this.count(2);
    return 2;
  }

  private addBarcode(type: number, data: Uint8Array): void {
    this.flushLine(null);
    this.t.barcodes.push({ type, data: Buffer.from(data).toString('latin1'), y: this.y });
    this.y += 162;
    this.content = true;
  }

  /** GS ( k: `data` is cn fn [parameters]. */
  private gsParenK(data: Uint8Array): void {
    const cn = data[0]!;
    const fn = data[1]!;
    if (cn !== 0x31) {
      this.passOver(`GS ( k cn=${cn} fn=${fn} (not QR)`);
      return;
    }
    const p = data[2] ?? 0;
    switch (fn) {
      case 65: // model: n1 = 49/50/51
        this.qrModel = p >= 49 ? p - 48 : 2;
        break;
      case 67: // module size
        this.qrCellSize = Math.max(1, Math.min(16, p));
        break;
      case 69: // error correction 48..51
        this.qrEc = (['L', 'M', 'Q', 'H'] as const)[p - 48] ?? 'M';
        break;
      case 80: // store: m(=48) d1..dk
        this.qrData = data.slice(3);
        break;
      case 81: // print
        this.printQr();
        break;
      default:
        this.passOver(`GS ( k QR fn=${fn}`);
    }
  }

  private printQr(): void {
    if (!this.qrData) {
      this.passOver('QR print without stored data');
      return;
    }
    this.flushLine(null);
    const payload = new TextDecoder('utf-8').decode(this.qrData);
    let size = 0;
    try {
      size = QRCode.create(payload, { errorCorrectionLevel: this.qrEc }).modules.size * this.qrCellSize;
    } catch (e) {
      this.opts.log?.(`escpos: QR payload cannot be encoded: ${(e as Error).message}`);
    }
    this.t.qr.push({
      payload,
      cellSize: this.qrCellSize,
      errorCorrection: this.qrEc,
      model: this.qrModel,
      align: this.align,
      x: this.xFor(size),
      y: this.y,
      size,
    });
    this.y += size;
    this.content = true;
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

/** The JSON written next to each ticket PNG. */
export interface TicketJson {
  index: number;
  receivedAt: string;
  bytes: number;
  text: string;
  lines: { text: string; bold: boolean; size: TextSize; align: Align }[];
  qr: string[];
  raster: { width: number; height: number; x: number; y: number }[];
  cut: boolean;
  codePage: number;
  height: number;
  beeps: number;
  barcodes: string[];
  skipped: string[];
}

export function ticketJson(ticket: DecodedTicket, index: number): TicketJson {
  return {
    index,
    receivedAt: ticket.receivedAt,
    bytes: ticket.bytes,
    text: ticket.lines.map((l) => l.text).join('\n'),
    lines: ticket.lines.map((l) => ({ text: l.text, bold: l.bold, size: l.size, align: l.align })),
    qr: ticket.qr.map((q) => q.payload),
    raster: ticket.rasters.map((r) => ({
      width: r.image.width,
      height: r.image.height,
      x: r.x,
      y: r.y,
    })),
    cut: ticket.cut,
    codePage: ticket.codePage,
    height: ticket.height,
    beeps: ticket.beeps,
    barcodes: ticket.barcodes.map((b) => b.data),
    skipped: ticket.skipped,
  };
}

/**
 * All raster bands of a ticket stacked into one image (bands placed at their y; gaps white),
 * at 1:1 scale, as wide as the widest band: what a GS v 0 encoder split into bands sent.
 */
export function stackRasters(ticket: DecodedTicket): MonoImage | null {
  const bands = ticket.rasters;
  const first = bands[0];
  if (!first) return null;
  const top = Math.min(...bands.map((b) => b.y));
  const bottom = Math.max(...bands.map((b) => b.y + b.image.height));
  const width = Math.max(...bands.map((b) => b.image.width));
  const stride = width / 8;
  const height = bottom - top;
  const data = new Uint8Array(stride * height);
  for (const band of bands) {
    const bs = band.image.width / 8;
    for (let r = 0; r < band.image.height; r++) {
      data.set(band.image.data.subarray(r * bs, (r + 1) * bs), (band.y - top + r) * stride);
    }
  }
  return { width, height, data };
}
