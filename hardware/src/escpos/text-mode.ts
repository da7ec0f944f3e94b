// Text for printers with a Vietnamese code page (Windows-1258), and an ASCII fallback.
//
// node-thermal-printer's own character-set path looks each character up in a list of code pages
// and switches code page (ESC t) whenever the current one lacks it, which turns Vietnamese into
// garbage. Windows-1258 holds the base letters (â ê ô ơ ư ă đ …) and the five tone marks as
// combining characters, but only a few precomposed toned letters (à á è é í ó ú …). So: NFC, keep
// what cp1258 has, otherwise write base letter + combining tone mark, then iconv `windows-1258`.
import iconv from 'iconv-lite';

/** ESC t 52: select character code table 52 (Windows-1258) on Epson-compatible printers. */
export const SELECT_CP1258 = Uint8Array.of(0x1b, 0x74, 52);
/** ESC t 0: PC437 (USA), the code page every printer has; used with ASCII text. */
export const SELECT_PC437 = Uint8Array.of(0x1b, 0x74, 0);

/** The five Vietnamese tone marks, all of which Windows-1258 has as combining characters. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const COMBINING = /[\u0300-\u036f]/;

/** Every character Windows-1258 can encode (decoded from bytes 0x00..0xff). */
const CP1258_CHARS: ReadonlySet<string> = (() => {
  const all = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'windows-1258');
  return new Set(Array.from(all).filter((c) => c !== '\ufffd'));
})();

/** True when Windows-1258 has this single character. */
export function cp1258Has(ch: string): boolean {
  return CP1258_CHARS.has(ch);
}

/**
 * Rewrite text into characters Windows-1258 has: NFC first; a precomposed letter cp1258 lacks
 * becomes its base letter (with circumflex, breve or horn kept, e.g. "ệ" -> "ê") followed by its
 * tone mark as a combining character (U+0323). Characters cp1258 cannot show at all are kept
 * (iconv turns them into "?").
 */
export function toCp1258Form(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (CP1258_CHARS.has(ch)) {
      out += ch;
      continue;
    }
    const parts = Array.from(ch.normalize('NFD'));
    const tones = parts.filter((p) => TONE_MARKS.has(p));
    const rest = parts.filter((p) => !TONE_MARKS.has(p)).join('');
    const base = rest.normalize('NFC');
    if (tones.length === 0 || !Array.from(base).every((c) => CP1258_CHARS.has(c))) {
      out += ch;
      continue;
    }
    out += base + tones.join('');
  }
  return out;
}

/**
 * Encode text as Windows-1258 bytes. With `selectCodePage` (default true) the bytes start with
 * ESC t 52. Newlines pass through as LF.
 */
export function encodeCp1258(text: string, opts: { selectCodePage?: boolean } = {}): Buffer {
  const body = iconv.encode(toCp1258Form(text), 'windows-1258');
  return opts.selectCodePage === false ? body : Buffer.concat([SELECT_CP1258, body]);
}

/** Decode Windows-1258 bytes (text only, no ESC t prefix) to an NFC string. */
export function decodeCp1258(bytes: Uint8Array): string {
  return iconv
    .decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1258')
    .normalize('NFC');
}

const ASCII_PUNCTUATION: Record<string, string> = {
  '·': '-',
  '•': '-',
  '–': '-',
  '—': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '\u00a0': ' ',
  '₫': 'd',
};

/** Strip Vietnamese diacritics: "Đăng ký" -> "Dang ky", ư -> u, ơ -> o; other non-ASCII -> "?". */
export function toAscii(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch <= '\u007f') {
      out += ch;
    } else if (ch === 'đ') {
      out += 'd';
    } else if (ch === 'Đ') {
      out += 'D';
    } else if (ASCII_PUNCTUATION[ch] !== undefined) {
      out += ASCII_PUNCTUATION[ch];
    } else {
      const stripped = Array.from(ch.normalize('NFD'))
        .filter((c) => !COMBINING.test(c))
        .join('');
      out += /^[\x20-\x7e]+$/.test(stripped) ? stripped : '?';
    }
  }
  return out;
}

/** Printer columns taken by a string: combining marks take none. */
export function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) if (!COMBINING.test(ch)) n++;
  return n;
}
