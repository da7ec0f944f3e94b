// The decoded-ticket model the ESC/POS decoder produces, and its options.

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
