// What the ESC, GS and FS command parsers share: control bytes, the context they act on, hex dumps.

import type { TicketBuilder } from './escpos-ticket-builder.ts';
import type { PrinterRequest } from './escpos-types.ts';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;

/** NUL-terminated or otherwise open-ended commands give up after this many bytes. */
export const MAX_OPEN_COMMAND = 4096;

/**
 * A command parser reads its header from the buffer and returns the bytes it used (0 when more
 * are needed); a payload of known length is handed to `startBulk` so it can arrive in any chunks.
 */
export interface CommandContext {
  readonly doc: TicketBuilder;
  /** The next `length` bytes go to `done`; `store` false drops them (only counted). */
  startBulk(length: number, done: (data: Uint8Array) => void, store?: boolean): void;
  request(request: PrinterRequest): void;
}

export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** An open-ended command that never ended: skip two bytes instead of waiting forever. */
export function giveUp(doc: TicketBuilder, d: Buffer, pos: number): number {
  doc.passOver(`unterminated command ${hex(d.subarray(pos, pos + 8))}`);
  doc.count(2);
  return 2;
}
