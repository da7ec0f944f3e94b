// 1-bit images as PNG files, to look at (tests, emulator, technicians).
import { writeFileSync } from 'node:fs';
import { createCanvas, ImageData } from '@napi-rs/canvas';
import { monoToRgba } from '../escpos/raster.ts';
import type { MonoImage } from '../types.ts';

/** Encode a 1-bit image as a PNG (black on white). */
export function monoImageToPng(image: MonoImage): Buffer {
  const canvas = createCanvas(image.width, Math.max(1, image.height));
  if (image.height > 0) {
    canvas.getContext('2d').putImageData(new ImageData(monoToRgba(image), image.width, image.height), 0, 0);
  }
  return canvas.toBuffer('image/png');
}

export function writeMonoPng(image: MonoImage, file: string): void {
  writeFileSync(file, monoImageToPng(image));
}
