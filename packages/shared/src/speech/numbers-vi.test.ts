import { describe, expect, it } from 'vitest';
import { type Dialect, readNumberVi } from './numbers-vi.ts';

// An independent reader of Vietnamese number words (words -> number): it knows the
// vocabulary but none of the generator's code, and refuses sequences that make no sense.
const DIGIT_VALUE: Record<string, number> = {
  không: 0,
  một: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  lăm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
};

function parseVi(words: string[]): number {
  let total = 0;
  let group = 0;
  let pending: number | null = null;
  let afterZeroTens = false;
  const fail = (why: string) => {
    throw new Error(`cannot parse "${words.join(' ')}": ${why}`);
  };
  for (const word of words) {
    const digit = DIGIT_VALUE[word];
    if (digit !== undefined) {
      if (pending !== null) fail('two digits in a row');
      pending = digit;
      afterZeroTens = false;
      continue;
    }
    if (afterZeroTens) fail(`"${word}" after linh/lẻ`);
    switch (word) {
      case 'mười':
        if (pending !== null || group % 100 !== 0) fail('misplaced mười');
        group += 10;
        break;
      case 'mươi':
        if (pending === null || pending < 2 || group % 100 !== 0) fail('misplaced mươi');
        group += pending! * 10;
        pending = null;
        break;
      case 'trăm':
        if (pending === null || group !== 0) fail('misplaced trăm');
        group = pending! * 100;
        pending = null;
        break;
      case 'linh':
      case 'lẻ':
        if (pending !== null || group % 100 !== 0) fail('misplaced linh/lẻ');
        afterZeroTens = true;
        break;
      case 'nghìn':
      case 'ngàn':
        if (total !== 0) fail('two thousands');
        total = (group + (pending ?? 0)) * 1000;
        if (total === 0) fail('zero thousand');
        group = 0;
        pending = null;
        break;
      default:
        fail(`unknown word "${word}"`);
    }
  }
  if (afterZeroTens) fail('ends on linh/lẻ');
  return total + group + (pending ?? 0);
}

const DIALECTS: Dialect[] = ['south', 'north'];
const ALL = Array.from({ length: 100_000 }, (_, n) => n);

/** The rules of docs/voice.md, checked word by word for one reading. */
function ruleViolations(n: number, words: string[], dialect: Dialect): string[] {
  const problems: string[] = [];
  const text = words.join(' ');
  const tensOf = (i: number) => words[i - 1];
  for (const [i, word] of words.entries()) {
    if (word !== word.normalize('NFC')) problems.push(`"${word}" is not NFC`);
    const before = tensOf(i);
    if (word === 'mốt' && before !== 'mươi') problems.push('mốt not after mươi');
    if (word === 'một' && before === 'mươi') problems.push('một after mươi');
    if (word === 'lăm' && before !== 'mươi' && before !== 'mười') problems.push('lăm not after tens');
    if (word === 'năm' && (before === 'mươi' || before === 'mười')) problems.push('năm after tens');
    if (word === 'tư' && before !== 'mươi') problems.push('tư not after mươi');
    if (word === 'bốn' && before === 'mươi' && dialect === 'north')
      problems.push('bốn after mươi in the North');
    if (word === 'không' && n !== 0 && words[i + 1] !== 'trăm') problems.push('stray không');
  }
  const zeroTens = dialect === 'north' ? 'linh' : 'lẻ';
  const expectZeroTens = n >= 100 && n % 100 >= 1 && n % 100 <= 9;
  if (words.filter((w) => w === zeroTens).length !== (expectZeroTens ? 1 : 0))
    problems.push(`${zeroTens} misplaced`);
  const expectZeroHundreds = n >= 1000 && n % 1000 !== 0 && n % 1000 < 100;
  if (text.includes('không trăm') !== expectZeroHundreds) problems.push('không trăm misplaced');
  const expectThousand = n >= 1000;
  if (words.includes(dialect === 'north' ? 'nghìn' : 'ngàn') !== expectThousand)
    problems.push('thousand word');
  const foreign = dialect === 'north' ? ['ngàn', 'lẻ'] : ['nghìn', 'linh', 'tư'];
  for (const w of foreign) if (words.includes(w)) problems.push(`"${w}" in the ${dialect}`);
  if (words.includes('chục')) problems.push('chục instead of mươi');
  if (words.includes('mươi') && !/(hai|ba|bốn|năm|sáu|bảy|tám|chín) mươi/.test(text))
    problems.push('bad mươi');
  return problems;
}

describe('readNumberVi, every number from 0 to 99999', () => {
  for (const dialect of DIALECTS) {
    it(`reads back to the same number and follows the rules (${dialect})`, () => {
      const failures: string[] = [];
      for (const n of ALL) {
        const words = readNumberVi(n, { dialect });
        let parsed: number | string;
        try {
          parsed = parseVi(words);
        } catch (error) {
          parsed = (error as Error).message;
        }
        if (parsed !== n) failures.push(`${n}: "${words.join(' ')}" parsed as ${parsed}`);
        const problems = ruleViolations(n, words, dialect);
        if (problems.length > 0) failures.push(`${n}: "${words.join(' ')}": ${problems.join(', ')}`);
        if (failures.length > 20) break;
      }
      expect(failures).toEqual([]);
    });
  }

  it('differ between the dialects only in nghìn/ngàn, linh/lẻ and tư/bốn', () => {
    const toSouth: Record<string, string> = { nghìn: 'ngàn', linh: 'lẻ', tư: 'bốn' };
    const failures: number[] = [];
    for (const n of ALL) {
      const north = readNumberVi(n, { dialect: 'north' }).map((w) => toSouth[w] ?? w);
      if (north.join(' ') !== readNumberVi(n, { dialect: 'south' }).join(' ')) failures.push(n);
    }
    expect(failures).toEqual([]);
  });

  it('reads digit by digit in digits mode, the same in both dialects', () => {
    const names = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
    const failures: number[] = [];
    for (const n of ALL) {
      const words = readNumberVi(n, { mode: 'digits', dialect: n % 2 ? 'north' : 'south' });
      if (words.map((w) => names.indexOf(w)).join('') !== String(n)) failures.push(n);
    }
    expect(failures).toEqual([]);
  });
});

describe('readNumberVi examples', () => {
  const cases: [number, string, string][] = [
    [0, 'không', 'không'],
    [5, 'năm', 'năm'],
    [10, 'mười', 'mười'],
    [11, 'mười một', 'mười một'],
    [14, 'mười bốn', 'mười bốn'],
    [15, 'mười lăm', 'mười lăm'],
    [20, 'hai mươi', 'hai mươi'],
    [21, 'hai mươi mốt', 'hai mươi mốt'],
    [24, 'hai mươi bốn', 'hai mươi tư'],
    [25, 'hai mươi lăm', 'hai mươi lăm'],
    [101, 'một trăm lẻ một', 'một trăm linh một'],
    [104, 'một trăm lẻ bốn', 'một trăm linh bốn'],
    [105, 'một trăm lẻ năm', 'một trăm linh năm'],
    [110, 'một trăm mười', 'một trăm mười'],
    [1000, 'một ngàn', 'một nghìn'],
    [1005, 'một ngàn không trăm lẻ năm', 'một nghìn không trăm linh năm'],
    [1012, 'một ngàn không trăm mười hai', 'một nghìn không trăm mười hai'],
    [1021, 'một ngàn không trăm hai mươi mốt', 'một nghìn không trăm hai mươi mốt'],
    [10000, 'mười ngàn', 'mười nghìn'],
    [14000, 'mười bốn ngàn', 'mười bốn nghìn'],
    [21000, 'hai mươi mốt ngàn', 'hai mươi mốt nghìn'],
    [54321, 'năm mươi bốn ngàn ba trăm hai mươi mốt', 'năm mươi tư nghìn ba trăm hai mươi mốt'],
    [99999, 'chín mươi chín ngàn chín trăm chín mươi chín', 'chín mươi chín nghìn chín trăm chín mươi chín'],
  ];
  it.each(cases)('%i = %s (South) / %s (North)', (n, south, north) => {
    expect(readNumberVi(n).join(' ')).toBe(south);
    expect(readNumberVi(n, { dialect: 'south' }).join(' ')).toBe(south);
    expect(readNumberVi(n, { dialect: 'north' }).join(' ')).toBe(north);
  });

  it('reads 1012 digit by digit in digits mode', () => {
    expect(readNumberVi(1012, { mode: 'digits' })).toEqual(['một', 'không', 'một', 'hai']);
  });

  it.each([-1, 1.5, 100_000, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s with a RangeError', (n) => {
    expect(() => readNumberVi(n)).toThrow(RangeError);
    expect(() => readNumberVi(n)).toThrow(/integer from 0 to 99999/);
  });
});
