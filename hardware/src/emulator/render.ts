// Draws a decoded ticket as a PNG, from what the printer received: raster bands blitted 1:1 at
// their position, text lines in Be Vietnam Pro with their bold/size/alignment, QR symbols drawn
// module by module from their payload, feeds as white space.

import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { fontFile } from '../fonts.ts';
import type { DecodedTicket, QrSymbol, TicketLine } from './escpos-decoder.ts';

const FONT_FAMILY = 'Luot Emulator';
const FONT_W = 12;
const FONT_H = 24;
const BOTTOM_MARGIN = 24;
/** Glyph size inside a 24-dot cell, leaving room for Vietnamese marks above capitals. */
const FONT_PX = 18;

let fontsRegistered = false;
function registerFonts(): void {
  if (fontsRegistered) return;
  fontsRegistered = true;
  for (const file of ['BeVietnamPro-Regular.ttf', 'BeVietnamPro-Bold.ttf']) {
    const path = fontFile(file);
    GlobalFonts.registerFromPath(path, FONT_FAMILY);
  }
}

export interface RenderOptions {
  /** Image width in dots; default: the widest raster band received, or 576 (80 mm). */
  width?: number;
}

/** The width a ticket is drawn at: `width`, else the widest raster band, else 576. */
export function renderWidth(ticket: DecodedTicket, width?: number): number {
  const widest = Math.max(0, ...ticket.rasters.map((r) => r.x + r.image.width * r.scaleX));
  if (width) return Math.max(width, widest);
  return widest > 0 ? widest : 576;
}

/** Renders the ticket to PNG bytes. */
export async function renderTicketPng(ticket: DecodedTicket, options: RenderOptions = {}): Promise<Buffer> {
  registerFonts();
  const width = renderWidth(ticket, options.width);
  const bottom = Math.max(
    ticket.height,
    ...ticket.rasters.map((r) => r.y + r.image.height * r.scaleY),
    ...ticket.qr.map((q) => q.y + q.size),
  );
  const height = Math.max(1, bottom + BOTTOM_MARGIN);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');

  // Raster bands: straight into the pixel buffer, 1 bit -> 1 dot (scaled by GS v 0 m).
  const img = ctx.createImageData(width, height);
  const px = img.data;
  px.fill(255);
  for (const band of ticket.rasters) {
    const { width: bw, height: bh, data } = band.image;
    const stride = bw / 8;
    for (let r = 0; r < bh; r++) {
      for (let c = 0; c < bw; c++) {
        if (((data[r * stride + (c >> 3)] ?? 0) & (0x80 >> (c & 7))) === 0) continue;
        for (let sy = 0; sy < band.scaleY; sy++) {
          const y = band.y + r * band.scaleY + sy;
          if (y >= height) continue;
          for (let sx = 0; sx < band.scaleX; sx++) {
            const x = band.x + c * band.scaleX + sx;
            if (x >= width) continue;
            const i = (y * width + x) * 4;
            px[i] = 0;
            px[i + 1] = 0;
            px[i + 2] = 0;
          }
        }
      }
    }
  }
  ctx.putImageData(img, 0, 0);

  ctx.fillStyle = '#000';
  for (const line of ticket.lines) drawLine(ctx, line, width);
  for (const qr of ticket.qr) drawQr(ctx, qr, width);

  return canvas.encode('png');
}

function drawLine(ctx: SKRSContext2D, line: TicketLine, width: number): void {
  if (!line.text) return;
  const chars = [...line.text];
  const cellW = FONT_W * line.size.width;
  const rowH = FONT_H * line.size.height;
  const advance = line.rows > 1 ? Math.max(rowH, 30) : rowH;
  ctx.font = `${line.bold ? 'bold ' : ''}${FONT_PX}px "${FONT_FAMILY}"`;
  ctx.textBaseline = 'alphabetic';
  for (let row = 0; row < line.rows; row++) {
    const piece = chars.slice(row * line.columns, (row + 1) * line.columns).join('');
    if (!piece) continue;
    // The glyphs are proportional; squeeze them into the printer's cells when wider.
    const natural = ctx.measureText(piece).width * line.size.width;
    const boxW = Math.min(width, [...piece].length * cellW);
    const sx = natural > boxW && natural > 0 ? (boxW / natural) * line.size.width : line.size.width;
    const drawnW = (natural * sx) / line.size.width;
    const x = line.align === 'center' ? (width - drawnW) / 2 : line.align === 'right' ? width - drawnW : 0;
    const top = line.y + row * advance;
    ctx.save();
    ctx.translate(x, top + rowH * 0.79);
    ctx.scale(sx, line.size.height);
    ctx.fillText(piece, 0, 0);
    if (line.underline) ctx.fillRect(0, 2, drawnW / sx, 1);
    ctx.restore();
  }
}

function drawQr(ctx: SKRSContext2D, qr: QrSymbol, width: number): void {
  if (qr.size === 0) return;
  const modules = QRCode.create(qr.payload, { errorCorrectionLevel: qr.errorCorrection }).modules;
  const x0 = Math.min(qr.x, Math.max(0, width - qr.size));
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (modules.get(r, c))
        ctx.fillRect(x0 + c * qr.cellSize, qr.y + r * qr.cellSize, qr.cellSize, qr.cellSize);
    }
  }
}
