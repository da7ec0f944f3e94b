// DLE EOT real-time status (Epson ESC/POS): the requests and how to read the answers.
import type { PrinterStatus } from '../types.ts';

const DLE = 0x10;
const EOT = 0x04;

/** n = 1 printer status, 2 offline cause, 4 roll paper sensor. */
export const dleEot = (n: 1 | 2 | 4): Buffer => Buffer.from([DLE, EOT, n]);

/** The three requests sent together; the printer answers one byte each, in order. */
export const STATUS_REQUEST = Buffer.concat([dleEot(1), dleEot(2), dleEot(4)]);

/**
 * Reads the answers to DLE EOT 1, 2 and 4. Every answer has bit 4 set and bit 7 clear
 * (0x12 with nothing to report); other values mean the bytes are not a status answer.
 * - n=1: bit 3 offline.
 * - n=2: bit 2 cover open, bit 5 printing stopped by paper end.
 * - n=4: bits 2-3 paper near end, bits 5-6 paper end.
 */
export function parseStatus(answers: Uint8Array): PrinterStatus | null {
  if (answers.length < 3) return null;
  const [s1, s2, s4] = [answers[0]!, answers[1]!, answers[2]!];
  if (![s1, s2, s4].every((b) => (b & 0x93) === 0x12)) return null;
  const coverOpen = (s2 & 0x04) !== 0;
  const paperOut = (s4 & 0x60) !== 0 || (s2 & 0x20) !== 0;
  return {
    online: (s1 & 0x08) === 0 && !coverOpen && !paperOut,
    coverOpen,
    paperNearEnd: (s4 & 0x0c) !== 0,
    paperOut,
  };
}
