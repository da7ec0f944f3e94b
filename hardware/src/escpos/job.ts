// A complete ESC/POS print job for one ticket, built with node-thermal-printer's command builder
// (never its transports: the buffer is taken with getBuffer() and sent by printer/).
//
// Raster job:  ESC @ | GS v 0 band… | ESC a 1 | GS ( k QR (model, size, EC, store, print) | LF |
//              ESC a 0 | [ESC B n t] | ESC d 4 | [GS V 0 | ESC @]
// Text jobs set alignment/bold/size through the library but append text bytes themselves
// (Windows-1258 from text-mode.ts, or ASCII), never through printer.println.
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import QRCode from 'qrcode';
import { type LineStyle, ticketContent } from '../ticket/content.ts';
import { renderTicket, wrapBalanced } from '../ticket/render.ts';
import { type MonoImage, PAPER_DOTS, type PaperWidth, type PrintMode, type TicketLayout } from '../types.ts';
import { DEFAULT_BAND_HEIGHT, rasterCommand } from './raster.ts';
import { encodeCp1258, SELECT_CP1258, SELECT_PC437, textColumns, toAscii } from './text-mode.ts';

export interface TicketJobOptions {
  paper: PaperWidth;
  /** Default 'raster'. */
  mode?: PrintMode;
  /** Sound the buzzer (ESC B 1 3) before the cut. */
  beep?: boolean;
  /** Full cut (GS V 0) at the end; default true. Without it the paper is only fed. */
  cut?: boolean;
  /** Raster rows per GS v 0 command (default 256). */
  bandHeight?: number;
  /** QR module size in dots (1..8); default fits the QR to about 45% of the paper width. */
  qrCellSize?: number;
}

export interface TicketJob {
  bytes: Buffer;
  /** The raster sent (raster mode only). */
  image?: MonoImage;
}

/** ESC @: initialise the printer (node-thermal-printer's initHardware(), which its typings omit). */
export const ESC_INIT = Uint8Array.of(0x1b, 0x40);

/** Characters per line in font A (12 x 24 dots). */
export const TEXT_COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };

function newBuilder(): ThermalPrinter {
  // The interface is required by the constructor but never used: nothing is executed here.
  return new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://0.0.0.0:1' });
}

/** The QR payload as printable ASCII (the library counts string length, not bytes). */
export function qrPayload(url: string): string {
  return url.replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c));
}

/** QR module size so the symbol is about 45% of the paper width, within the printer's 1..8. */
export function qrCellSize(payload: string, paper: PaperWidth): number {
  const modules = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules.size;
  const dots = PAPER_DOTS[paper];
  return Math.max(1, Math.min(8, Math.floor((dots * 0.45) / modules)));
}

function appendQr(printer: ThermalPrinter, url: string, paper: PaperWidth, cellSize?: number): void {
  if (!url) return;
  const payload = qrPayload(url);
  printer.alignCenter();
  printer.printQR(payload, {
    cellSize: cellSize ?? qrCellSize(payload, paper),
    correction: 'M',
    model: 2,
  });
  printer.newLine();
  printer.alignLeft();
}

function appendEnd(printer: ThermalPrinter, opts: TicketJobOptions): void {
  if (opts.beep) printer.beep(1, 3);
  if (opts.cut === false) printer.printVerticalTab();
  else printer.cut({ verticalTabAmount: 1 });
}

/** Build the bytes of one ticket. */
export function buildTicketJob(layout: TicketLayout, opts: TicketJobOptions): TicketJob {
  const mode = opts.mode ?? 'raster';
  const printer = newBuilder();
  printer.add(Buffer.from(ESC_INIT));
  if (mode === 'raster') {
    const { image } = renderTicket(layout, opts.paper);
    printer.add(rasterCommand(image, { bandHeight: opts.bandHeight ?? DEFAULT_BAND_HEIGHT }));
    appendQr(printer, layout.statusUrl, opts.paper, opts.qrCellSize);
    appendEnd(printer, opts);
    return { bytes: printer.getBuffer(), image };
  }
  appendTextTicket(printer, layout, opts.paper, mode === 'ascii');
  appendQr(printer, layout.statusUrl, opts.paper, opts.qrCellSize);
  appendEnd(printer, opts);
  return { bytes: printer.getBuffer() };
}

interface TextStyle {
  bold: boolean;
  doubleHeight: boolean;
  invert: boolean;
}
const TEXT_STYLES: Record<Exclude<LineStyle, 'number'>, TextStyle> = {
  centre: { bold: true, doubleHeight: false, invert: false },
  service: { bold: true, doubleHeight: true, invert: false },
  label: { bold: false, doubleHeight: false, invert: false },
  priority: { bold: true, doubleHeight: false, invert: true },
  counter: { bold: true, doubleHeight: true, invert: false },
  info: { bold: false, doubleHeight: false, invert: false },
  time: { bold: false, doubleHeight: false, invert: false },
  footerBold: { bold: true, doubleHeight: false, invert: false },
  footer: { bold: false, doubleHeight: false, invert: false },
  hint: { bold: false, doubleHeight: false, invert: false },
};

/** The ticket as printer text: Windows-1258 (ESC t 52) or, with `ascii`, diacritics stripped (ESC t 0). */
function appendTextTicket(
  printer: ThermalPrinter,
  layout: TicketLayout,
  paper: PaperWidth,
  ascii: boolean,
): void {
  const cols = TEXT_COLUMNS[paper];
  const encode = (s: string) =>
    ascii ? Buffer.from(toAscii(s), 'latin1') : encodeCp1258(s, { selectCodePage: false });
  const measure = (s: string) => textColumns(ascii ? toAscii(s) : s.normalize('NFC'));
  printer.add(Buffer.from(ascii ? SELECT_PC437 : SELECT_CP1258));
  printer.alignCenter();
  for (const block of ticketContent(layout)) {
    if (block.style === 'rule') {
      printer.alignLeft();
      printer.add(Buffer.from('-'.repeat(cols), 'latin1'));
      printer.newLine();
      printer.alignCenter();
      continue;
    }
    if (block.style === 'number') {
      const text = ascii ? toAscii(block.text) : block.text;
      const n = Math.max(0, Math.min(6, Math.floor(cols / Math.max(1, textColumns(text))) - 1));
      printer.bold(true);
      printer.setTextSize(n, n);
      printer.add(encode(text));
      printer.newLine();
      printer.setTextSize(0, 0);
      printer.bold(false);
      continue;
    }
    const style = TEXT_STYLES[block.style];
    if (style.bold) printer.bold(true);
    if (style.doubleHeight) printer.setTextDoubleHeight();
    if (style.invert) printer.invert(true);
    for (const line of wrapBalanced(block.text, style.invert ? cols - 2 : cols, measure)) {
      printer.add(style.invert ? encode(` ${line} `) : encode(line));
      printer.newLine();
    }
    if (style.invert) printer.invert(false);
    if (style.doubleHeight) printer.setTextNormal();
    if (style.bold) printer.bold(false);
  }
}
