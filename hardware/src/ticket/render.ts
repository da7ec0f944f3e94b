// Ticket -> 1-bit image 384 (58 mm) or 576 (80 mm) dots wide, drawn with @napi-rs/canvas and the
// bundled Be Vietnam Pro. Layout first (positions of every line, so tests can check wrapping),
// then drawing; the height fits the content. The QR code is not drawn: it is printed natively
// (GS ( k) right after the image.
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { packRgba } from '../escpos/raster.ts';
import { fontFile } from '../fonts.ts';
import { type MonoImage, PAPER_DOTS, type PaperWidth, type TicketLayout } from '../types.ts';
import { type LineStyle, ticketContent } from './content.ts';

type Weight = 'Regular' | 'Bold' | 'ExtraBold';
const FAMILY: Record<Weight, string> = {
  Regular: 'Luot Ticket Regular',
  Bold: 'Luot Ticket Bold',
  ExtraBold: 'Luot Ticket ExtraBold',
};

let fontsReady = false;
/** Register the bundled fonts once (idempotent). */
export function ensureTicketFonts(): void {
  if (fontsReady) return;
  for (const weight of Object.keys(FAMILY) as Weight[]) {
    const file = fontFile(`BeVietnamPro-${weight}.ttf`);
    if (!GlobalFonts.registerFromPath(file, FAMILY[weight])) throw new Error(`cannot load font ${file}`);
  }
  fontsReady = true;
}

export function fontString(weight: Weight, px: number): string {
  return `${px}px "${FAMILY[weight]}"`;
}

let measureCtx: SKRSContext2D | undefined;
function measurer(): SKRSContext2D {
  ensureTicketFonts();
  measureCtx ??= createCanvas(8, 8).getContext('2d');
  return measureCtx;
}

/** Width of `text` in a CSS font string, as canvas measures it. */
export function measureWidth(text: string, font: string): number {
  const ctx = measurer();
  ctx.font = font;
  return ctx.measureText(text).width;
}

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/**
 * Break text into lines no wider than `maxWidth` (per `measure`), by words; a word wider than
 * the line on its own is broken between characters (graphemes, so tone marks stay on their letter).
 * Every word is kept; whitespace runs collapse to one space.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const words = text.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const pushWord = (word: string) => {
    if (measure(word) <= maxWidth) {
      line = word;
      return;
    }
    let piece = '';
    for (const { segment } of segmenter.segment(word)) {
      if (piece && measure(piece + segment) > maxWidth) {
        lines.push(piece);
        piece = segment;
      } else {
        piece += segment;
      }
    }
    line = piece;
  };
  for (const word of words) {
    if (!line) {
      pushWord(word);
    } else if (measure(`${line} ${word}`) <= maxWidth) {
      line = `${line} ${word}`;
    } else {
      lines.push(line);
      pushWord(word);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Like `wrapText`, but with lines of even length: the narrowest width that needs no more lines
 * than greedy wrapping at `maxWidth` (no lone last word on centred text).
 */
export function wrapBalanced(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const greedy = wrapText(text, maxWidth, measure);
  if (greedy.length < 2) return greedy;
  let best = greedy;
  let lo = Math.floor(maxWidth / 2);
  let hi = Math.floor(maxWidth) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const lines = wrapText(text, mid, measure);
    if (lines.length <= greedy.length) {
      best = lines;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  return best;
}

interface StyleSpec {
  weight: Weight;
  /** Font size in dots on 58 mm paper; scaled by width / 384. */
  size: number;
  /** Space above the block, in dots on 58 mm paper. */
  before: number;
}

const STYLES: Record<Exclude<LineStyle, 'number'>, StyleSpec> = {
  centre: { weight: 'Bold', size: 22, before: 4 },
  service: { weight: 'Bold', size: 28, before: 8 },
  label: { weight: 'Regular', size: 19, before: 10 },
  priority: { weight: 'Bold', size: 21, before: 6 },
  counter: { weight: 'Bold', size: 27, before: 10 },
  info: { weight: 'Regular', size: 22, before: 4 },
  time: { weight: 'Regular', size: 20, before: 8 },
  footerBold: { weight: 'Bold', size: 22, before: 4 },
  footer: { weight: 'Regular', size: 20, before: 2 },
  hint: { weight: 'Regular', size: 19, before: 8 },
};

export type DrawOp =
  | {
      kind: 'text';
      text: string;
      font: string;
      /** Left edge and baseline. */
      x: number;
      y: number;
      width: number;
      scaleX: number;
      white: boolean;
    }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; white: boolean };

export interface TicketPlan {
  width: number;
  height: number;
  /** Left/right margin in dots. */
  margin: number;
  ops: DrawOp[];
  /** Every text line placed, with the width it had to fit in. */
  lines: Array<{ style: LineStyle; text: string; width: number; maxWidth: number }>;
}

/** Where everything on the ticket goes, without drawing it. */
export function layoutTicket(layout: TicketLayout, paper: PaperWidth): TicketPlan {
  const ctx = measurer();
  const width = PAPER_DOTS[paper];
  const u = width / 384;
  const margin = Math.round(10 * u);
  const avail = width - 2 * margin;
  const ops: DrawOp[] = [];
  const lines: TicketPlan['lines'] = [];
  let y = Math.round(6 * u);

  /** Place wrapped lines; each line's ascent/descent is measured, with floors, so marks never touch. */
  const placeLines = (
    style: LineStyle,
    text: string,
    spec: StyleSpec,
    left: number,
    maxWidth: number,
    white: boolean,
  ) => {
    const px = Math.round(spec.size * u);
    const font = fontString(spec.weight, px);
    ctx.font = font;
    const measure = (s: string) => ctx.measureText(s).width;
    for (const line of wrapBalanced(text, maxWidth, measure)) {
      const m = ctx.measureText(line);
      const ascent = Math.ceil(Math.max(m.actualBoundingBoxAscent, 0.98 * px));
      const descent = Math.ceil(Math.max(m.actualBoundingBoxDescent, 0.24 * px));
      const baseline = y + ascent;
      const x = left + Math.round((maxWidth - m.width) / 2);
      ops.push({ kind: 'text', text: line, font, x, y: baseline, width: m.width, scaleX: 1, white });
      lines.push({ style, text: line, width: m.width, maxWidth });
      y = baseline + descent + Math.round(0.06 * px);
    }
  };

  for (const block of ticketContent(layout)) {
    if (block.style === 'rule') {
      y += Math.round(8 * u);
      const h = Math.max(2, Math.round(2 * u));
      ops.push({ kind: 'rect', x: margin, y, w: avail, h, white: false });
      y += h + Math.round(2 * u);
    } else if (block.style === 'number') {
      y += Math.round(6 * u);
      const numberMargin = Math.round(4 * u);
      const maxW = width - 2 * numberMargin;
      const text = block.text.trim() || '—';
      // Size so the figures are at least a third of the paper width tall, condensed by up to 20%
      // to fit; longer numbers shrink.
      ctx.font = fontString('ExtraBold', 100);
      const ref = ctx.measureText(text);
      const heightPer100 = Math.max(ref.actualBoundingBoxAscent + ref.actualBoundingBoxDescent, 1);
      let px = Math.floor(((width / 3) * 1.06 * 100) / heightPer100);
      let scaleX = 1;
      const w = (ref.width * px) / 100;
      if (w > maxW) {
        scaleX = maxW / w;
        if (scaleX < 0.8) {
          px = Math.floor((px * scaleX) / 0.8);
          scaleX = 0.8;
        }
      }
      const font = fontString('ExtraBold', px);
      ctx.font = font;
      const m = ctx.measureText(text);
      if (m.width * scaleX > maxW) scaleX = (maxW - 0.5) / m.width;
      const drawnW = m.width * scaleX;
      const ascent = Math.ceil(m.actualBoundingBoxAscent);
      const descent = Math.ceil(m.actualBoundingBoxDescent);
      const x = Math.round((width - drawnW) / 2);
      ops.push({ kind: 'text', text, font, x, y: y + ascent, width: drawnW, scaleX, white: false });
      lines.push({ style: 'number', text, width: drawnW, maxWidth: maxW });
      y += ascent + descent + Math.round(4 * u);
    } else if (block.style === 'priority') {
      const spec = STYLES.priority;
      y += Math.round(spec.before * u);
      const padX = Math.round(10 * u);
      const padY = Math.round(4 * u);
      const top = y;
      const rect: DrawOp = { kind: 'rect', x: margin, y: top, w: avail, h: 0, white: false };
      ops.push(rect);
      y += padY;
      placeLines('priority', block.text, spec, margin + padX, avail - 2 * padX, true);
      y += padY;
      rect.h = y - top;
    } else {
      const spec = STYLES[block.style];
      y += Math.round(spec.before * u);
      placeLines(block.style, block.text, spec, margin, avail, false);
    }
  }
  y += Math.round(10 * u);
  return { width, height: y, margin, ops, lines };
}

/** Draw a plan on a new white canvas of its size. */
export function drawPlan(plan: TicketPlan): Canvas {
  const canvas = createCanvas(plan.width, plan.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, plan.width, plan.height);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  for (const op of plan.ops) {
    ctx.fillStyle = op.white ? '#fff' : '#000';
    if (op.kind === 'rect') {
      ctx.fillRect(op.x, op.y, op.w, op.h);
    } else {
      ctx.font = op.font;
      if (op.scaleX === 1) {
        ctx.fillText(op.text, op.x, op.y);
      } else {
        ctx.save();
        ctx.translate(op.x, op.y);
        ctx.scale(op.scaleX, 1);
        ctx.fillText(op.text, 0, 0);
        ctx.restore();
      }
    }
  }
  return canvas;
}

/** Render a ticket to a 1-bit image (black where luminance < 128), plus the canvas it was drawn on. */
export function renderTicket(layout: TicketLayout, paper: PaperWidth): { image: MonoImage; canvas: Canvas } {
  const plan = layoutTicket(layout, paper);
  const canvas = drawPlan(plan);
  const pixels = canvas.getContext('2d').getImageData(0, 0, plan.width, plan.height);
  return { image: packRgba(pixels.data, plan.width, plan.height), canvas };
}
