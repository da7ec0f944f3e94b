// QR codes (GS ( k, cn 49): the symbol settings and stored data, and the printed symbol's size.

import QRCode from 'qrcode';
import type { QrSymbol } from './escpos-types.ts';

/** What a GS ( k function asks of the ticket: print the stored symbol, or log a skipped command. */
export type QrFunctionResult = 'print' | { skipped: string } | null;

/** QR state set by GS ( k; it outlives tickets like the rest of the printer state. */
export class QrSettings {
  cellSize = 3;
  errorCorrection: QrSymbol['errorCorrection'] = 'M';
  model = 2;
  private data: Uint8Array | null = null;

  /** ESC @ restores the settings; the stored data is left as it is. */
  resetSettings(): void {
    this.cellSize = 3;
    this.errorCorrection = 'M';
    this.model = 2;
  }

  /** Applies one GS ( k function; `data` is cn fn [parameters]. */
  apply(data: Uint8Array): QrFunctionResult {
    const cn = data[0]!;
    const fn = data[1]!;
    if (cn !== 0x31) return { skipped: `GS ( k cn=${cn} fn=${fn} (not QR)` };
    const p = data[2] ?? 0;
    switch (fn) {
      case 65: // model: n1 = 49/50/51
        this.model = p >= 49 ? p - 48 : 2;
        return null;
      case 67: // module size
        this.cellSize = Math.max(1, Math.min(16, p));
        return null;
      case 69: // error correction 48..51
        this.errorCorrection = (['L', 'M', 'Q', 'H'] as const)[p - 48] ?? 'M';
        return null;
      case 80: // store: m(=48) d1..dk
        this.data = data.slice(3);
        return null;
      case 81: // print
        return 'print';
      default:
        return { skipped: `GS ( k QR fn=${fn}` };
    }
  }

  /** The stored payload as text, or null when nothing was stored. */
  payload(): string | null {
    return this.data ? new TextDecoder('utf-8').decode(this.data) : null;
  }
}

/** Side in dots of the symbol for `payload`; throws when the payload cannot be encoded. */
export function qrSymbolSide(
  payload: string,
  errorCorrection: QrSymbol['errorCorrection'],
  cellSize: number,
): number {
  return QRCode.create(payload, { errorCorrectionLevel: errorCorrection }).modules.size * cellSize;
}
