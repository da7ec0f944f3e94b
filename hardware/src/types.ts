// The contracts between the parts of hardware/: ticket layout, printer results and status.

/** Paper width in millimetres and the printable width in dots (8 dots/mm print heads). */
export type PaperWidth = 58 | 80;
export const PAPER_DOTS: Record<PaperWidth, number> = { 58: 384, 80: 576 };

/** Everything a printed ticket says (declared once in @luot/shared, rendered by ticket/render.ts). */
export type { TicketLayout } from '@luot/shared';

/** A 1-bit image: `width` is a multiple of 8; bit 7 of byte 0 is the top-left dot; 1 = black. */
export interface MonoImage {
  width: number;
  height: number;
  /** Packed rows, width / 8 bytes each (the layout GS v 0 sends). */
  data: Uint8Array;
}

export type PrintMode = 'raster' | 'text' | 'ascii';

export type PrinterErrorCode =
  | 'offline'
  | 'paper_out'
  | 'cover_open'
  | 'timeout'
  | 'connection_lost'
  | 'bad_uri'
  | 'error';

export type PrintResult =
  | { ok: true; bytes: number; ms: number }
  | { ok: false; error: PrinterErrorCode; message: string };

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
}

export type StatusResult =
  | { ok: true; status: PrinterStatus }
  | { ok: false; error: PrinterErrorCode; message: string };
