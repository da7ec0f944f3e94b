// The ticket being printed: printer state, the pending text line and the paper's vertical layout.
//
// Vertical layout is modelled like a real 203 dpi head: font A is 12x24 dots, default line
// spacing 30 dots (ESC 2 / ESC 3 n), GS v 0 bands and QR symbols advance the paper by their
// height, ESC d n feeds n lines, ESC J n feeds n dots. `y` values in the result are in dots from
// the top of the ticket.

import type { MonoImage } from '../types.ts';
import { decodeText, isKnownCodePage } from './escpos-code-pages.ts';
import { QrSettings, qrSymbolSide } from './escpos-qr.ts';
import type { Align, DecodedTicket, DecoderOptions, RasterBand, TextSize } from './escpos-types.ts';

const FONT_W = 12;
const FONT_H = 24;
export const DEFAULT_LINE_SPACING = 30;
/** Paper a barcode takes, in dots: the Epson default GS h height, as GS h itself is not tracked. */
const BARCODE_HEIGHT = 162;

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

function freshTicket(): DecodedTicket {
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

/** Builds tickets from decoded commands and reports each one when it is cut or the data ends. */
export class TicketBuilder {
  // Printer state: kept across tickets, reset by ESC @.
  bold = false;
  size: TextSize = { width: 1, height: 1 };
  align: Align = 'left';
  lineSpacing = DEFAULT_LINE_SPACING;
  underline = false;
  readonly qr = new QrSettings();
  private codePage = 0;

  // The current ticket.
  private t: DecodedTicket = freshTicket();
  private started = false;
  private content = false;
  private y = 0;
  private line: LineBuffer | null = null;

  constructor(
    private readonly paperDots: number,
    private readonly opts: DecoderOptions,
  ) {}

  /**
   * Adds `n` received bytes to the ticket. Real-time commands only count once the ticket has
   * started, so status polls between jobs do not open a ticket.
   */
  count(n: number, realtime = false): void {
    if (realtime && !this.started) return;
    this.started = true;
    this.t.bytes += n;
  }

  passOver(message: string): void {
    this.t.skipped.push(message);
    this.opts.log?.(`escpos: skipped ${message}`);
  }

  /** The data ended: returns (and reports) the last ticket when it has printable content. */
  close(): DecodedTicket | null {
    this.flushLine(null);
    if (!this.content) return null;
    return this.finishTicket(false, null);
  }

  /** Prints the pending line, feeds `feedDots` dots, cuts and reports the ticket. */
  cut(mode: 'full' | 'partial', feedDots = 0): void {
    this.flushLine(null);
    this.y += feedDots;
    this.finishTicket(true, mode);
  }

  private finishTicket(cut: boolean, mode: DecodedTicket['cutMode']): DecodedTicket {
    const ticket = this.t;
    ticket.cut = cut;
    ticket.cutMode = mode;
    ticket.codePage = this.codePage;
    ticket.height = this.y;
    ticket.receivedAt = new Date().toISOString();
    this.t = freshTicket();
    this.started = false;
    this.content = false;
    this.y = 0;
    this.opts.onTicket?.(ticket);
    return ticket;
  }

  /** ESC @. */
  reset(): void {
    this.flushLine(null);
    this.bold = false;
    this.size = { width: 1, height: 1 };
    this.align = 'left';
    this.codePage = 0;
    this.lineSpacing = DEFAULT_LINE_SPACING;
    this.underline = false;
    this.qr.resetSettings();
  }

  selectCodePage(n: number): void {
    this.codePage = n;
    if (!isKnownCodePage(n)) this.opts.log?.(`escpos: code page ${n} decoded as latin1`);
  }

  beep(): void {
    this.t.beeps++;
  }

  private lineAdvance(): number {
    return Math.max(this.lineSpacing, FONT_H * this.size.height);
  }

  addText(bytes: Uint8Array): void {
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
    // Bytes are decoded per code page, so a mid-line ESC t closes the run decoded so far.
    if (line.codePage !== this.codePage) {
      line.segments.push(decodeText(Uint8Array.from(line.bytes), line.codePage));
      line.bytes = [];
      line.codePage = this.codePage;
    }
    for (const b of bytes) line.bytes.push(b);
    this.content = true;
  }

  /** HT: spaces up to the next tab stop (every 8 columns). */
  tab(): void {
    const cur = this.line ? this.line.bytes.length : 0;
    this.addText(new Uint8Array(8 - (cur % 8)).fill(0x20));
  }

  /**
   * Prints the buffered line. `feedDots`: paper advance after it (null = the line advance);
   * an empty line still feeds when `feedDots` is given or on LF.
   */
  flushLine(feedDots: number | null, emptyLineFeeds = false): void {
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

  /** ESC d n: prints the buffer and feeds n lines at the current spacing. */
  feedLines(n: number): void {
    this.flushLine(this.line ? null : 0);
    this.y += n * this.lineSpacing;
    if (n > 0) this.content = true;
  }

  /** ESC J n: prints the buffer and feeds n dots. */
  feedDots(n: number): void {
    this.flushLine(n);
    if (n > 0) this.content = true;
  }

  private xFor(width: number): number {
    if (this.align === 'center') return Math.max(0, Math.floor((this.paperDots - width) / 2));
    if (this.align === 'right') return Math.max(0, this.paperDots - width);
    return 0;
  }

  /** A received GS v 0 band, placed at the current alignment; the caller printed the pending line. */
  addRaster(image: MonoImage, scaleX: number, scaleY: number): void {
    const band: RasterBand = {
      image,
      x: this.xFor(image.width * scaleX),
      y: this.y,
      scaleX,
      scaleY,
    };
    this.t.rasters.push(band);
    this.y += image.height * scaleY;
    this.content = true;
  }

  addBarcode(type: number, data: Uint8Array): void {
    this.flushLine(null);
    this.t.barcodes.push({ type, data: Buffer.from(data).toString('latin1'), y: this.y });
    this.y += BARCODE_HEIGHT;
    this.content = true;
  }

  /** GS ( k: `data` is cn fn [parameters]. */
  qrFunction(data: Uint8Array): void {
    const result = this.qr.apply(data);
    if (result === 'print') this.printQr();
    else if (result) this.passOver(result.skipped);
  }

  private printQr(): void {
    const payload = this.qr.payload();
    if (payload === null) {
      this.passOver('QR print without stored data');
      return;
    }
    this.flushLine(null);
    const { cellSize, errorCorrection, model } = this.qr;
    let size = 0;
    try {
      size = qrSymbolSide(payload, errorCorrection, cellSize);
    } catch (e) {
      this.opts.log?.(`escpos: QR payload cannot be encoded: ${(e as Error).message}`);
    }
    this.t.qr.push({
      payload,
      cellSize,
      errorCorrection,
      model,
      align: this.align,
      x: this.xFor(size),
      y: this.y,
      size,
    });
    this.y += size;
    this.content = true;
  }
}
