// Code pages (ESC t n) and the decoding of received text bytes under them.

import iconv from 'iconv-lite';

/** ESC t n → iconv-lite encoding (from the Epson code page table); 0 and unknown → latin1. */
const CODE_PAGES: Record<number, string> = {
  0: 'latin1',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  13: 'cp857',
  14: 'cp737',
  15: 'iso-8859-7',
  16: 'windows-1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  33: 'cp775',
  34: 'cp855',
  35: 'cp861',
  36: 'cp862',
  37: 'cp864',
  38: 'cp869',
  39: 'iso-8859-2',
  40: 'iso-8859-15',
  44: 'cp1125',
  45: 'windows-1250',
  46: 'windows-1251',
  47: 'windows-1253',
  48: 'windows-1254',
  49: 'windows-1255',
  50: 'windows-1256',
  51: 'windows-1257',
  52: 'windows-1258',
  53: 'rk1048',
};

/** False for code pages that `decodeText` falls back to latin1 for. */
export function isKnownCodePage(codePage: number): boolean {
  return codePage in CODE_PAGES;
}

/** Decodes text bytes received under code page `n` (NFC, so Windows-1258 combining tone marks compose). */
export function decodeText(bytes: Uint8Array, codePage: number): string {
  const encoding = CODE_PAGES[codePage] ?? 'latin1';
  const text = iconv.encodingExists(encoding)
    ? iconv.decode(Buffer.from(bytes), encoding)
    : Buffer.from(bytes).toString('latin1');
  return text.normalize('NFC');
}
