// Views of a decoded ticket for the emulator's output files: the JSON summary and the stacked raster.

import type { MonoImage } from '../types.ts';
import type { Align, DecodedTicket, TextSize } from './escpos-types.ts';

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
