// 1-bit images for GS v 0: packed straight from canvas RGBA pixels (no PNG round trip).
import type { MonoImage } from '../types.ts';

/** Default rows per GS v 0 command; some printers drop or garble taller raster blocks. */
export const DEFAULT_BAND_HEIGHT = 256;

/**
 * Pack RGBA pixels (canvas `getImageData().data`) into 1-bit rows: a dot is black when its
 * luminance (Rec. 601: 0.299 R + 0.587 G + 0.114 B, composited over white by alpha) is below 128.
 * `width` must be a multiple of 8. Bit 7 of each byte is the leftmost dot.
 */
export function packRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): MonoImage {
  if (width <= 0 || width % 8 !== 0) throw new RangeError(`width ${width} is not a positive multiple of 8`);
  if (rgba.length < width * height * 4) throw new RangeError('pixel data shorter than width * height * 4');
  const rowBytes = width >> 3;
  const data = new Uint8Array(rowBytes * height);
  // Integer form of: (lum * a + 255 * (255 - a)) / 255 < 128, lum scaled by 1000.
  const limit = 128_000 * 255;
  let p = 0;
  let o = 0;
  const total = rowBytes * height;
  for (; o < total; o++) {
    let byte = 0;
    for (let bit = 7; bit >= 0; bit--) {
      const a = rgba[p + 3]!;
      const lum = 299 * rgba[p]! + 587 * rgba[p + 1]! + 114 * rgba[p + 2]!;
      if (lum * a + 255_000 * (255 - a) < limit) byte |= 1 << bit;
      p += 4;
    }
    data[o] = byte;
  }
  return { width, height, data };
}

/** Whether the dot at (x, y) is black. */
export function getDot(image: MonoImage, x: number, y: number): boolean {
  const byte = image.data[y * (image.width >> 3) + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}

/** Expand a 1-bit image to RGBA (black/white, opaque), e.g. to draw it on a canvas or save a PNG. */
export function monoToRgba(image: MonoImage): Uint8ClampedArray {
  const out = new Uint8ClampedArray(image.width * image.height * 4).fill(255);
  const rowBytes = image.width >> 3;
  for (let y = 0; y < image.height; y++) {
    for (let xb = 0; xb < rowBytes; xb++) {
      const byte = image.data[y * rowBytes + xb]!;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if (byte & (0x80 >> bit)) {
          const p = (y * image.width + xb * 8 + bit) * 4;
          out[p] = 0;
          out[p + 1] = 0;
          out[p + 2] = 0;
        }
      }
    }
  }
  return out;
}

/** Row ranges of the bands a raster is sent in: [start, rows] pairs covering the whole height. */
export function bandRanges(height: number, bandHeight = DEFAULT_BAND_HEIGHT): Array<[number, number]> {
  if (!Number.isInteger(bandHeight) || bandHeight < 1 || bandHeight > 0xffff) {
    throw new RangeError(`band height ${bandHeight} out of range 1..65535`);
  }
  const out: Array<[number, number]> = [];
  for (let y = 0; y < height; y += bandHeight) out.push([y, Math.min(bandHeight, height - y)]);
  return out;
}

/**
 * GS v 0 commands for an image, one per band:
 * `1D 76 30 m xL xH yL yH d…` with m = 0 (normal density), x = bytes per row, y = rows in the band.
 */
export function rasterCommand(image: MonoImage, opts: { bandHeight?: number } = {}): Buffer {
  const rowBytes = image.width >> 3;
  if (rowBytes > 0xffff) throw new RangeError('image too wide');
  const bands = bandRanges(image.height, opts.bandHeight ?? DEFAULT_BAND_HEIGHT);
  const out = Buffer.alloc(bands.length * 8 + image.data.length);
  let o = 0;
  for (const [start, rows] of bands) {
    out[o++] = 0x1d;
    out[o++] = 0x76;
    out[o++] = 0x30;
    out[o++] = 0;
    out[o++] = rowBytes & 0xff;
    out[o++] = rowBytes >> 8;
    out[o++] = rows & 0xff;
    out[o++] = rows >> 8;
    out.set(image.data.subarray(start * rowBytes, (start + rows) * rowBytes), o);
    o += rows * rowBytes;
  }
  return out;
}
