// The catalogue of voice clips: every clip id an announcement can play, with the text to record.
import type { Dialect } from './numbers-vi.ts';

/** A folder of clips: one per Vietnamese dialect, one for English. */
export type VoiceFolder = Dialect | 'en';
export const VOICE_FOLDERS = ['south', 'north', 'en'] as const satisfies readonly VoiceFolder[];

export interface ClipEntry {
  /** Stable ASCII kebab-case id; the file is `<folder>/<id>.ogg`. English ids start with `en-`. */
  id: string;
  lang: 'vi' | 'en';
  /** One text for every folder the clip is in, or a text per dialect (absent = not in that dialect). */
  text: string | { south?: string; north?: string };
}

/** Fixed Vietnamese phrases of the announcement. */
export const VI_PHRASES = {
  recall: { id: 'goi-lai', text: 'Gọi lại' },
  invite: { id: 'moi-cong-dan-co-so-thu-tu', text: 'Mời công dân có số thứ tự' },
  toCounter: { id: 'den-quay-so', text: 'đến quầy số' },
} as const;

/** Number words -> clip id, and the dialects that use the word. */
const NUMBER_WORDS: Record<string, { id: string; only?: Dialect }> = {
  không: { id: 'khong' },
  một: { id: 'mot' },
  mốt: { id: 'mot-sac' },
  hai: { id: 'hai' },
  ba: { id: 'ba' },
  bốn: { id: 'bon' },
  tư: { id: 'tu', only: 'north' },
  năm: { id: 'nam' },
  lăm: { id: 'lam' },
  sáu: { id: 'sau' },
  bảy: { id: 'bay' },
  tám: { id: 'tam' },
  chín: { id: 'chin' },
  mười: { id: 'muoi-huyen' },
  mươi: { id: 'muoi' },
  trăm: { id: 'tram' },
  nghìn: { id: 'nghin', only: 'north' },
  ngàn: { id: 'ngan', only: 'south' },
  linh: { id: 'linh', only: 'north' },
  lẻ: { id: 'le', only: 'south' },
};

/**
 * Vietnamese letter names for ticket prefixes (A012 = "a" then the number). Where the dialects
 * name a letter differently the entry has both.
 */
const LETTERS_VI: Record<string, string | { south: string; north: string }> = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'e',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'di',
  K: 'ca',
  L: 'e lờ',
  M: 'em mờ',
  N: 'en nờ',
  O: 'o',
  P: 'pê',
  Q: 'cu',
  R: 'e rờ',
  S: 'ét xì',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: { south: 'vê đúp', north: 'vê kép' },
  X: 'ích xì',
  Y: 'i dài',
  Z: 'dét',
};

export const EN_PHRASES = {
  recall: { id: 'en-calling-again', text: 'Calling again' },
  invite: { id: 'en-ticket-number', text: 'Ticket number' },
  toCounter: { id: 'en-please-go-to-counter', text: 'please go to counter' },
} as const;

/** English words for 0..19 and the tens 20..90 (index = value / 10). */
export const EN_SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
export const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** The letters a ticket prefix may use; anything else in a display number is not read. */
export const PREFIX_LETTERS: readonly string[] = Object.keys(LETTERS_VI);

/** Clip id of a Vietnamese number word from readNumberVi. */
export function numberWordClip(word: string): string {
  const entry = NUMBER_WORDS[word];
  if (!entry) throw new RangeError(`no clip for the number word "${word}"`);
  return entry.id;
}

/** Clip id of a prefix letter (upper case, Đ included); English clips use the Latin letter (Đ = D). */
export function letterClip(letter: string, lang: 'vi' | 'en'): string {
  if (!(letter in LETTERS_VI)) throw new RangeError(`no clip for the letter "${letter}"`);
  if (lang === 'en') return `en-letter-${letter === 'Đ' ? 'd' : letter.toLowerCase()}`;
  return `chu-${letter === 'Đ' ? 'dd' : letter.toLowerCase()}`;
}

/** The Vietnamese name of a prefix letter in a dialect. */
export function letterNameVi(letter: string, dialect: Dialect): string {
  const name = LETTERS_VI[letter];
  if (name === undefined) throw new RangeError(`no name for the letter "${letter}"`);
  return typeof name === 'string' ? name : name[dialect];
}

export function enNumberClip(word: string): string {
  return `en-${word}`;
}

/** Every clip id with the text to synthesise (or record) for it. */
export function clipCatalog(): ClipEntry[] {
  const entries: ClipEntry[] = [];
  for (const phrase of Object.values(VI_PHRASES))
    entries.push({ id: phrase.id, lang: 'vi', text: phrase.text });
  for (const [word, { id, only }] of Object.entries(NUMBER_WORDS)) {
    entries.push({ id, lang: 'vi', text: only ? { [only]: word } : word });
  }
  for (const [letter, name] of Object.entries(LETTERS_VI)) {
    entries.push({ id: letterClip(letter, 'vi'), lang: 'vi', text: name });
  }
  for (const phrase of Object.values(EN_PHRASES))
    entries.push({ id: phrase.id, lang: 'en', text: phrase.text });
  for (const word of [...EN_SMALL, ...EN_TENS.filter(Boolean)]) {
    entries.push({ id: enNumberClip(word), lang: 'en', text: word });
  }
  for (const letter of PREFIX_LETTERS) {
    if (letter === 'Đ') continue;
    entries.push({ id: letterClip(letter, 'en'), lang: 'en', text: letter });
  }
  return entries;
}

/** The text of a clip in a folder, or null when the clip is not in that folder. */
export function clipText(entry: ClipEntry, folder: VoiceFolder): string | null {
  if ((entry.lang === 'en') !== (folder === 'en')) return null;
  if (typeof entry.text === 'string') return entry.text;
  if (folder === 'en') return null;
  return entry.text[folder] ?? null;
}

/** The ids of every clip in a folder (what gen-voice writes and a plan may reference). */
export function clipIdsFor(folder: VoiceFolder): string[] {
  return clipCatalog()
    .filter((entry) => clipText(entry, folder) !== null)
    .map((entry) => entry.id);
}
