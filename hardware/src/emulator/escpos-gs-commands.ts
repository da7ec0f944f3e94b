// GS and FS commands: cuts, raster images, 2D codes, barcodes, character size and status requests.

import { type CommandContext, giveUp, hex } from './escpos-commands.ts';

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

/** Fixed parameter counts after FS x. */
const FS_FIXED: Record<number, number> = {
  33: 1, // FS ! Kanji mode
  38: 0, // FS & Kanji on
  45: 1, // FS - Kanji underline
  46: 0, // FS . Kanji off
  67: 1, // FS C code system
  83: 2, // FS S Kanji spacing
  87: 1, // FS W Kanji quadruple
  112: 2, // FS p n m print NV bit image
};

/** Decodes the GS command at `pos`; returns the bytes used, 0 when more are needed. */
export function stepGs(ctx: CommandContext, d: Buffer, pos: number, avail: number): number {
  const { doc } = ctx;
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
      doc.count(len);
      const feed = withN && (m === 65 || m === 66) ? d[pos + 3]! : 0;
      const partial = m === 1 || m === 49 || m === 66 || m === 98 || m === 104;
      doc.cut(partial ? 'partial' : 'full', feed);
      return len;
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d1..dk: raster bit image
      if (avail < 3) return 0;
      if (d[pos + 2] !== 0x30) {
        doc.count(2);
        doc.passOver(`GS v ${hex([d[pos + 2]!])}`);
        return 2;
      }
      if (avail < 8) return 0;
      const m = d[pos + 3]!;
      const bytesPerRow = d[pos + 4]! + d[pos + 5]! * 256;
      const rows = d[pos + 6]! + d[pos + 7]! * 256;
      doc.count(8);
      const mode = m >= 48 ? m - 48 : m;
      const scaleX = mode === 1 || mode === 3 ? 2 : 1;
      const scaleY = mode === 2 || mode === 3 ? 2 : 1;
      doc.flushLine(null);
      ctx.startBulk(bytesPerRow * rows, (data) => {
        doc.addRaster({ width: bytesPerRow * 8, height: rows, data }, scaleX, scaleY);
      });
      return 8;
    }
    case 0x28: {
      // GS ( fn pL pH ...: GS ( k is the 2D codes; others are consumed.
      if (avail < 5) return 0;
      const fn = d[pos + 2]!;
      const len = d[pos + 3]! + d[pos + 4]! * 256;
      doc.count(5);
      if (fn === 0x6b && len >= 2) {
        ctx.startBulk(len, (data) => doc.qrFunction(data));
      } else {
        doc.passOver(`GS ( ${String.fromCharCode(fn)} (${len} bytes)`);
        ctx.startBulk(len, () => {}, false);
      }
      return 5;
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 ...: large graphics data
      if (avail < 7) return 0;
      const len = d[pos + 3]! + d[pos + 4]! * 256 + d[pos + 5]! * 65536 + d[pos + 6]! * 16777216;
      doc.count(7);
      doc.passOver(`GS 8 ${String.fromCharCode(d[pos + 2]!)} (${len} bytes)`);
      ctx.startBulk(len, () => {}, false);
      return 7;
    }
    case 0x6b: {
      // GS k m ...: barcode. m 0..6: data NUL-terminated; m 65..79: n then n bytes.
      if (avail < 3) return 0;
      const m = d[pos + 2]!;
      if (m <= 6) {
        for (let i = pos + 3; i < d.length; i++) {
          if (d[i] === 0) {
            doc.addBarcode(m, d.subarray(pos + 3, i));
            doc.count(i - pos + 1);
            return i - pos + 1;
          }
        }
        return avail > 260 ? giveUp(doc, d, pos) : 0;
      }
      if (avail < 4) return 0;
      const n = d[pos + 3]!;
      if (avail < 4 + n) return 0;
      doc.addBarcode(m, d.subarray(pos + 4, pos + 4 + n));
      doc.count(4 + n);
      return 4 + n;
    }
    case 0x2a: {
      // GS * x y d1..d(x*y*8): define downloaded bit image
      if (avail < 4) return 0;
      const k = d[pos + 2]! * d[pos + 3]! * 8;
      doc.count(4);
      doc.passOver(`GS * downloaded bit image (${k} bytes)`);
      ctx.startBulk(k, () => {}, false);
      return 4;
    }
    case 0x67: {
      // GS g 0 m nL nH / GS g 2 m nL nH: maintenance counters
      if (avail < 3) return 0;
      const len = 6;
      if (avail < len) return 0;
      doc.count(len);
      return len;
    }
  }
  const params = GS_FIXED[c];
  if (params === undefined) {
    doc.count(2);
    doc.passOver(`GS ${hex([c])}`);
    return 2;
  }
  const len = 2 + params;
  if (avail < len) return 0;
  const p1 = d[pos + 2] ?? 0;
  doc.count(len);
  switch (c) {
    case 0x21:
      // GS ! n: bits 4-6 width multiplier - 1, bits 0-2 height multiplier - 1
      doc.size = { width: ((p1 >> 4) & 7) + 1, height: (p1 & 7) + 1 };
      break;
    case 0x72:
      ctx.request({ kind: 'gs-r', n: p1 });
      break;
    case 0x49:
      ctx.request({ kind: 'gs-i', n: p1 });
      break;
  }
  return len;
}

/** Decodes the FS command at `pos`; returns the bytes used, 0 when more are needed. */
export function stepFs(ctx: CommandContext, d: Buffer, pos: number, avail: number): number {
  const { doc } = ctx;
  if (avail < 2) return 0;
  const c = d[pos + 1]!;
  if (c === 0x28) {
    if (avail < 5) return 0;
    const len = d[pos + 3]! + d[pos + 4]! * 256;
    doc.count(5);
    doc.passOver(`FS ( ${String.fromCharCode(d[pos + 2]!)} (${len} bytes)`);
    ctx.startBulk(len, () => {}, false);
    return 5;
  }
  const params = FS_FIXED[c];
  if (params === undefined) {
    doc.count(2);
    doc.passOver(`FS ${hex([c])}`);
    return 2;
  }
  if (avail < 2 + params) return 0;
  doc.count(2 + params);
  if (c === 0x70) doc.passOver('FS p (NV bit image)');
  return 2 + params;
}
