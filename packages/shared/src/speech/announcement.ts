// What the wall display says when a ticket is called: the text and the clips to play, in order.
import {
  EN_PHRASES,
  EN_SMALL,
  EN_TENS,
  enNumberClip,
  letterClip,
  letterNameVi,
  numberWordClip,
  PREFIX_LETTERS,
  VI_PHRASES,
} from './clips.ts';
import {
  type Dialect,
  MAX_SPOKEN_NUMBER,
  type NumberMode,
  readDigitsVi,
  readNumberVi,
} from './numbers-vi.ts';

export interface VoiceSettings {
  dialect: Dialect;
  numberMode: NumberMode;
  /** Say the call again in English after the Vietnamese. */
  english: boolean;
}

export const DEFAULT_VOICE_SETTINGS: Readonly<VoiceSettings> = Object.freeze({
  dialect: 'south',
  numberMode: 'words',
  english: false,
});

export interface AnnouncementCall {
  /** As shown: "1012", or with a field prefix "A012". */
  displayNumber: string;
  counterNumber: number;
  recall: boolean;
}

export interface AnnouncementSegment {
  lang: 'vi' | 'en';
  /** The words to speak (numbers spelled out), for a speech engine. */
  text: string;
  /** Clip ids to play in order (the chime is not one of them). */
  clips: string[];
}

export interface AnnouncementPlan {
  /** A caption of the whole announcement, numbers as digits. */
  text: string;
  segments: AnnouncementSegment[];
}

export type DisplayNumberPart = { kind: 'letter'; letter: string } | { kind: 'digits'; digits: string };

/**
 * Splits a display number into prefix letters and digit runs. Other characters (spaces,
 * dashes) are not read; a display number with nothing readable is refused.
 */
export function parseDisplayNumber(displayNumber: string): DisplayNumberPart[] {
  const parts: DisplayNumberPart[] = [];
  for (const match of displayNumber
    .normalize('NFC')
    .toUpperCase()
    .matchAll(/[0-9]+|\p{L}/gu)) {
    const token = match[0];
    if (/^[0-9]/.test(token)) parts.push({ kind: 'digits', digits: token });
    else if (PREFIX_LETTERS.includes(token)) parts.push({ kind: 'letter', letter: token });
  }
  if (parts.length === 0) throw new RangeError(`display number "${displayNumber}" has nothing to read`);
  return parts;
}

function checkCounter(counterNumber: number): void {
  if (!Number.isInteger(counterNumber) || counterNumber < 0 || counterNumber > MAX_SPOKEN_NUMBER) {
    throw new RangeError(
      `counter number must be an integer from 0 to ${MAX_SPOKEN_NUMBER}, got ${counterNumber}`,
    );
  }
}

/**
 * Vietnamese words of a display number. In words mode a digit run is read as its value, so the
 * padding zeros of "A012" are not spoken (a mười hai); a run too long for a number is read digit
 * by digit. In digits mode every shown digit is read (a không một hai).
 */
function displayNumberVi(
  parts: DisplayNumberPart[],
  settings: VoiceSettings,
): { words: string[]; clips: string[] } {
  const words: string[] = [];
  const clips: string[] = [];
  for (const part of parts) {
    if (part.kind === 'letter') {
      words.push(letterNameVi(part.letter, settings.dialect));
      clips.push(letterClip(part.letter, 'vi'));
      continue;
    }
    const value = Number(part.digits);
    const read =
      settings.numberMode === 'digits' || value > MAX_SPOKEN_NUMBER
        ? readDigitsVi(part.digits)
        : readNumberVi(value, { dialect: settings.dialect });
    words.push(...read);
    clips.push(...read.map(numberWordClip));
  }
  return { words, clips };
}

/** English: letters by name, the ticket's digits one by one as shown ("A012" = A zero one two). */
function displayNumberEn(parts: DisplayNumberPart[]): { words: string[]; clips: string[] } {
  const words: string[] = [];
  const clips: string[] = [];
  for (const part of parts) {
    if (part.kind === 'letter') {
      words.push(part.letter === 'Đ' ? 'D' : part.letter);
      clips.push(letterClip(part.letter, 'en'));
      continue;
    }
    for (const digit of part.digits) {
      const word = EN_SMALL[Number(digit)]!;
      words.push(word);
      clips.push(enNumberClip(word));
    }
  }
  return { words, clips };
}

/** English counter numbers: words up to 99 (twenty one), digit by digit above. */
function counterEn(n: number): string[] {
  if (n < 20) return [EN_SMALL[n]!];
  if (n < 100) {
    const tens = EN_TENS[Math.floor(n / 10)]!;
    return n % 10 === 0 ? [tens] : [tens, EN_SMALL[n % 10]!];
  }
  return [...String(n)].map((d) => EN_SMALL[Number(d)]!);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "Gọi lại: mời công dân …" — a recall puts its phrase first and carries on in lower case. */
function withRecall(recall: boolean, phrase: string, body: string): string {
  return recall ? `${phrase}: ${lowerFirst(body)}` : body;
}

/** The caption: "Mời công dân có số thứ tự 1012 đến quầy số 3" (then the English sentence when on). */
export function announcementText(
  call: AnnouncementCall,
  settings: VoiceSettings = DEFAULT_VOICE_SETTINGS,
): string {
  return announcementPlan(call, settings).text;
}

export function announcementPlan(
  call: AnnouncementCall,
  settings: VoiceSettings = DEFAULT_VOICE_SETTINGS,
): AnnouncementPlan {
  checkCounter(call.counterNumber);
  const parts = parseDisplayNumber(call.displayNumber);
  const shown = call.displayNumber.trim();
  const counterShown = String(call.counterNumber);

  const viSentence = (ticket: string, counter: string) =>
    withRecall(
      call.recall,
      VI_PHRASES.recall.text,
      `${VI_PHRASES.invite.text} ${ticket} ${VI_PHRASES.toCounter.text} ${counter}`,
    );
  const ticketVi = displayNumberVi(parts, settings);
  const counterVi = readNumberVi(call.counterNumber, { dialect: settings.dialect });
  const segments: AnnouncementSegment[] = [
    {
      lang: 'vi',
      text: viSentence(ticketVi.words.join(' '), counterVi.join(' ')),
      clips: [
        ...(call.recall ? [VI_PHRASES.recall.id] : []),
        VI_PHRASES.invite.id,
        ...ticketVi.clips,
        VI_PHRASES.toCounter.id,
        ...counterVi.map(numberWordClip),
      ],
    },
  ];
  const captions = [viSentence(shown, counterShown)];

  if (settings.english) {
    const enSentence = (ticket: string, counter: string) =>
      withRecall(
        call.recall,
        EN_PHRASES.recall.text,
        `${EN_PHRASES.invite.text} ${ticket}, ${EN_PHRASES.toCounter.text} ${counter}`,
      );
    const ticketEn = displayNumberEn(parts);
    const counterWords = counterEn(call.counterNumber);
    segments.push({
      lang: 'en',
      text: enSentence(ticketEn.words.join(' '), counterWords.join(' ')),
      clips: [
        ...(call.recall ? [EN_PHRASES.recall.id] : []),
        EN_PHRASES.invite.id,
        ...ticketEn.clips,
        EN_PHRASES.toCounter.id,
        ...counterWords.map(enNumberClip),
      ],
    });
    captions.push(enSentence(shown, counterShown));
  }
  return { text: captions.join('. '), segments };
}
