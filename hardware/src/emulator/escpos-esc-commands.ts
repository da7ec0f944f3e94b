// ESC commands: their parameter lengths, and the ones that change what gets printed.

import { type CommandContext, DLE, ESC, FS, GS, giveUp, hex, MAX_OPEN_COMMAND } from './escpos-commands.ts';
import { DEFAULT_LINE_SPACING } from './escpos-ticket-builder.ts';
import type { Align } from './escpos-types.ts';

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

function alignOf(n: number): Align {
  const v = n >= 48 ? n - 48 : n;
  return v === 1 ? 'center' : v === 2 ? 'right' : 'left';
}

/** Decodes the ESC command at `pos`; returns the bytes used, 0 when more are needed. */
export function stepEsc(ctx: CommandContext, d: Buffer, pos: number, avail: number): number {
  const { doc } = ctx;
  if (avail < 2) return 0;
  const c = d[pos + 1]!;
  // Variable-length ESC commands first.
  switch (c) {
    case 0x44: {
      // ESC D n1..nk NUL: tab positions
      for (let i = pos + 2; i < d.length && i < pos + 2 + 33; i++) {
        if (d[i] === 0) {
          doc.count(i - pos + 1);
          return i - pos + 1;
        }
      }
      if (avail >= 35) {
        doc.count(35);
        doc.passOver('ESC D without NUL');
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
      doc.count(5);
      doc.passOver(`ESC * bit image (${k} bytes)`);
      ctx.startBulk(k, () => {}, false);
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
        if (i >= d.length) return avail > MAX_OPEN_COMMAND ? giveUp(doc, d, pos) : 0;
        i += 1 + yb * d[i]!;
      }
      if (i > d.length) return avail > MAX_OPEN_COMMAND ? giveUp(doc, d, pos) : 0;
      doc.count(i - pos);
      return i - pos;
    }
    case 0x28: {
      // ESC ( fn pL pH ...: ESC ( A is the beep on newer Epson models
      if (avail < 5) return 0;
      const fn = d[pos + 2]!;
      const len = d[pos + 3]! + d[pos + 4]! * 256;
      doc.count(5);
      if (fn === 0x41) doc.beep();
      else doc.passOver(`ESC ( ${String.fromCharCode(fn)} (${len} bytes)`);
      ctx.startBulk(len, () => {}, false);
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
      doc.count(len);
      return len;
    }
  }
  const params = ESC_FIXED[c];
  if (params === undefined) {
    doc.count(2);
    doc.passOver(`ESC ${hex([c])}`);
    return 2;
  }
  const len = 2 + params;
  if (avail < len) return 0;
  const p1 = d[pos + 2] ?? 0;
  doc.count(len);
  switch (c) {
    case 0x40:
      doc.reset();
      break;
    case 0x45:
      doc.bold = (p1 & 1) === 1;
      break;
    case 0x21:
      // ESC ! n: bit 3 emphasized, bit 4 double height, bit 5 double width, bit 7 underline
      doc.bold = (p1 & 0x08) !== 0;
      doc.size = { width: p1 & 0x20 ? 2 : 1, height: p1 & 0x10 ? 2 : 1 };
      doc.underline = (p1 & 0x80) !== 0;
      break;
    case 0x2d:
      doc.underline = (p1 & 3) !== 0 && p1 !== 48;
      break;
    case 0x61:
      doc.align = alignOf(p1);
      break;
    case 0x74:
      doc.selectCodePage(p1);
      break;
    case 0x32:
      doc.lineSpacing = DEFAULT_LINE_SPACING;
      break;
    case 0x33:
      doc.lineSpacing = p1;
      break;
    case 0x64:
      doc.feedLines(p1);
      break;
    case 0x4a:
      doc.feedDots(p1);
      break;
    case 0x42:
      doc.beep();
      break;
    case 0x69:
    case 0x6d:
      doc.cut(c === 0x69 ? 'full' : 'partial');
      break;
    case 0x76:
      ctx.request({ kind: 'esc-v' });
      break;
  }
  return len;
}
