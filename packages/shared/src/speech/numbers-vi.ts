// Vietnamese number reading for spoken announcements (rules and examples in docs/voice.md).

/** South (ngàn, lẻ, bốn mươi bốn) is the default; North says nghìn, linh, bốn mươi tư. */
export type Dialect = 'south' | 'north';
/** 'words': 1012 = một nghìn không trăm mười hai; 'digits': một không một hai. */
export type NumberMode = 'words' | 'digits';

export const MAX_SPOKEN_NUMBER = 99_999;

/** The standalone name of each digit, also used digit by digit. */
export const DIGIT_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

const DIALECT_WORDS = {
  south: { thousand: 'ngàn', zeroTens: 'lẻ', fourAfterTens: 'bốn' },
  north: { thousand: 'nghìn', zeroTens: 'linh', fourAfterTens: 'tư' },
} as const satisfies Record<Dialect, { thousand: string; zeroTens: string; fourAfterTens: string }>;

/**
 * The words that read `n` (0..99999) aloud, one syllable per entry, NFC.
 * Tens are read with "mươi" (hai mươi), never "chục".
 */
export function readNumberVi(n: number, opts: { dialect?: Dialect; mode?: NumberMode } = {}): string[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) {
    throw new RangeError(`readNumberVi: expected an integer from 0 to ${MAX_SPOKEN_NUMBER}, got ${n}`);
  }
  if (opts.mode === 'digits') return readDigitsVi(String(n));
  const words = DIALECT_WORDS[opts.dialect ?? 'south'];
  if (n === 0) return ['không'];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const out: string[] = [];
  if (thousands > 0) {
    out.push(...readGroup(thousands, true, words.zeroTens, words.fourAfterTens), words.thousand);
  }
  if (rest > 0) out.push(...readGroup(rest, thousands === 0, words.zeroTens, words.fourAfterTens));
  return out;
}

/** Every digit of a digit string by its standalone name ("012" = không một hai). */
export function readDigitsVi(digits: string): string[] {
  if (!/^[0-9]+$/.test(digits)) throw new RangeError(`readDigitsVi: expected digits, got "${digits}"`);
  return [...digits].map((d) => DIGIT_WORDS[Number(d)]!);
}

/**
 * One group of up to three digits (1..999). A leading group drops an empty hundreds place
 * (21 = hai mươi mốt); an inner group keeps it (1021 = một nghìn không trăm hai mươi mốt).
 */
function readGroup(value: number, leading: boolean, zeroTens: string, fourAfterTens: string): string[] {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor(value / 10) % 10;
  const units = value % 10;
  const out: string[] = [];
  const saysHundreds = hundreds > 0 || !leading;
  if (saysHundreds) out.push(DIGIT_WORDS[hundreds]!, 'trăm');
  if (tens === 0) {
    // 105 = một trăm linh năm; a bare 5 is just "năm".
    if (units > 0) {
      if (saysHundreds) out.push(zeroTens);
      out.push(DIGIT_WORDS[units]!);
    }
    return out;
  }
  if (tens === 1) out.push('mười');
  else out.push(DIGIT_WORDS[tens]!, 'mươi');
  if (units === 0) return out;
  if (units === 5) out.push('lăm');
  else if (units === 1 && tens >= 2) out.push('mốt');
  else if (units === 4 && tens >= 2) out.push(fourAfterTens);
  else out.push(DIGIT_WORDS[units]!);
  return out;
}
