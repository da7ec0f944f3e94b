import { describe, expect, it } from 'vitest';
import { drawPlan, layoutTicket } from '../ticket/render.ts';
import { sampleLayout } from '../ticket/sample.ts';
import type { MonoImage } from '../types.ts';
import { bandRanges, getDot, monoToRgba, packRgba, rasterCommand } from './raster.ts';

/** Pixel-by-pixel reference: luminance over white, black below 128, bit 7 first. */
function referencePack(rgba: ArrayLike<number>, width: number, height: number): MonoImage {
  const data = new Uint8Array((width / 8) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const a = rgba[i + 3]! / 255;
      const lum = 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      const onWhite = lum * a + 255 * (1 - a);
      if (onWhite < 128 - 1e-9) data[y * (width / 8) + Math.floor(x / 8)]! |= 0x80 >> (x % 8);
    }
  }
  return { width, height, data };
}

/** Deterministic pseudo-random bytes. */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('packRgba', () => {
  it('matches a pixel-by-pixel reference on noise (all alphas, near-threshold greys)', () => {
    const w = 64;
    const h = 50;
    const rgba = noise(w * h * 4, 7);
    // Some exact threshold greys, opaque.
    for (let i = 0; i < 40; i++) rgba.set([127 + (i % 3), 127 + (i % 3), 127 + (i % 3), 255], i * 4);
    expect(packRgba(rgba, w, h)).toEqual(referencePack(rgba, w, h));
  });

  it('matches the reference on a rendered ticket canvas, both papers', () => {
    for (const paper of [58, 80] as const) {
      const plan = layoutTicket(sampleLayout(true), paper);
      const px = drawPlan(plan).getContext('2d').getImageData(0, 0, plan.width, plan.height).data;
      const packed = packRgba(px, plan.width, plan.height);
      const ref = referencePack(px, plan.width, plan.height);
      expect([packed.width, packed.height]).toEqual([ref.width, ref.height]);
      expect(Buffer.from(packed.data).equals(ref.data)).toBe(true);
      expect(packed.data.some((b) => b !== 0)).toBe(true);
    }
  });

  it('puts the top-left dot in bit 7 of byte 0; monoToRgba inverts it', () => {
    const rgba = new Uint8Array(16 * 2 * 4).fill(255);
    rgba.set([0, 0, 0, 255], 0); // (0,0)
    rgba.set([0, 0, 0, 255], (1 * 16 + 9) * 4); // (9,1)
    const img = packRgba(rgba, 16, 2);
    expect([...img.data]).toEqual([0x80, 0x00, 0x00, 0x40]);
    expect(getDot(img, 0, 0)).toBe(true);
    expect(getDot(img, 9, 1)).toBe(true);
    expect(getDot(img, 1, 0)).toBe(false);
    expect(packRgba(monoToRgba(img), 16, 2)).toEqual(img);
  });

  it('rejects widths that are not multiples of 8', () => {
    expect(() => packRgba(new Uint8Array(4 * 10), 10, 1)).toThrow(RangeError);
  });
});

describe('rasterCommand', () => {
  const img: MonoImage = { width: 384, height: 700, data: noise(48 * 700, 3) };

  /** Parse GS v 0 commands back into bands. */
  function parse(bytes: Uint8Array): Array<{ m: number; x: number; y: number; data: Uint8Array }> {
    const out = [];
    let o = 0;
    while (o < bytes.length) {
      if (bytes[o] !== 0x1d || bytes[o + 1] !== 0x76 || bytes[o + 2] !== 0x30)
        throw new Error(`no GS v 0 at ${o}`);
      const m = bytes[o + 3]!;
      const x = bytes[o + 4]! | (bytes[o + 5]! << 8);
      const y = bytes[o + 6]! | (bytes[o + 7]! << 8);
      out.push({ m, x, y, data: bytes.subarray(o + 8, o + 8 + x * y) });
      o += 8 + x * y;
    }
    expect(o).toBe(bytes.length);
    return out;
  }

  it('splits into bands of the default 256 rows that sum to the full height', () => {
    const bands = parse(rasterCommand(img));
    expect(bands.map((b) => b.y)).toEqual([256, 256, 188]);
    expect(bands.every((b) => b.m === 0 && b.x === 48)).toBe(true);
    expect(Buffer.concat(bands.map((b) => b.data)).equals(img.data)).toBe(true);
  });

  it('honours a configured band height, including one band for everything', () => {
    for (const bandHeight of [1, 7, 100, 699, 700, 5000]) {
      const bands = parse(rasterCommand(img, { bandHeight }));
      expect(bands.reduce((n, b) => n + b.y, 0)).toBe(700);
      expect(bands.length).toBe(Math.ceil(700 / bandHeight));
      expect(Buffer.concat(bands.map((b) => b.data)).equals(img.data)).toBe(true);
    }
    expect(bandRanges(0)).toEqual([]);
    expect(() => bandRanges(10, 0)).toThrow(RangeError);
  });

  it('writes xL xH yL yH little-endian for 80 mm and tall bands', () => {
    const wide: MonoImage = { width: 576, height: 300, data: new Uint8Array(72 * 300) };
    const bytes = rasterCommand(wide, { bandHeight: 300 });
    expect([...bytes.subarray(0, 8)]).toEqual([0x1d, 0x76, 0x30, 0, 72, 0, 300 & 0xff, 300 >> 8]);
  });
});
