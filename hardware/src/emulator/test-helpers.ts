// Helpers for the emulator tests: hand-made ESC/POS bytes, Windows-1258 text, chunked TCP sends.

import net from 'node:net';
import iconv from 'iconv-lite';
import type { MonoImage } from '../types.ts';

export const ESC = 0x1b;
export const GS = 0x1d;

export function bytes(...parts: (number | number[] | Uint8Array | string)[]): Buffer {
  return Buffer.concat(
    parts.map((p) =>
      typeof p === 'number'
        ? Buffer.from([p])
        : typeof p === 'string'
          ? Buffer.from(p, 'latin1')
          : Buffer.from(p as ArrayLike<number>),
    ),
  );
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Windows-1258 bytes for Vietnamese text: precomposed where the code page has it, else base + tone mark. */
export function encode1258(text: string): Buffer {
  const out: Buffer[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = iconv.encode(ch, 'windows-1258');
    if (iconv.decode(direct, 'windows-1258') === ch) {
      out.push(direct);
      continue;
    }
    const nfd = ch.normalize('NFD');
    const tones = nfd.match(TONES) ?? [];
    const base = nfd.replace(TONES, '').normalize('NFC');
    out.push(iconv.encode(base + tones.join(''), 'windows-1258'));
  }
  return Buffer.concat(out);
}

export function qrStore(payload: string): Buffer {
  const data = Buffer.from(payload, 'utf8');
  const n = data.length + 3;
  return bytes([GS, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30], data);
}

export const QR_PRINT = [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30];

export function rasterCommand(img: MonoImage, m = 0): Buffer {
  const bpr = img.width / 8;
  return bytes([GS, 0x76, 0x30, m, bpr & 0xff, bpr >> 8, img.height & 0xff, img.height >> 8], img.data);
}

/** A deterministic pseudo-random 1-bit image. */
export function patternImage(width: number, height: number, seed = 1): MonoImage {
  const data = new Uint8Array((width / 8) * height);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = (s >>> 16) & 0xff;
  }
  return { width, height, data };
}

/** Deterministic chunk sizes: mostly 1..7 bytes, sometimes large. */
export function chunkSizes(total: number, seed: number): number[] {
  const sizes: number[] = [];
  let s = seed;
  let left = total;
  while (left > 0) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const r = s % 10;
    const n = Math.min(left, r < 3 ? 1 : r < 8 ? 1 + (s % 7) : 1 + (s % 4096));
    sizes.push(n);
    left -= n;
  }
  return sizes;
}

export function split(data: Uint8Array, seed: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let pos = 0;
  for (const n of chunkSizes(data.length, seed)) {
    out.push(data.subarray(pos, pos + n));
    pos += n;
  }
  return out;
}

export function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => resolve(s));
    s.setNoDelay(true);
    s.once('error', reject);
  });
}

export function write(socket: net.Socket, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (e) => (e ? reject(e) : resolve())));
}

/** Sends `data` in random chunks (each write waited for) and closes the socket. */
export async function sendChunked(port: number, data: Uint8Array, seed = 7): Promise<void> {
  const socket = await connect(port);
  for (const chunk of split(data, seed)) await write(socket, chunk);
  await new Promise<void>((resolve) => socket.end(resolve));
}

/** Sends a request and resolves with the next `count` reply bytes. */
export function ask(socket: net.Socket, request: number[], count = 1): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= count) {
        socket.off('data', onData);
        socket.off('error', reject);
        resolve(got.subarray(0, count));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(Buffer.from(request));
  });
}
