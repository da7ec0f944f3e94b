import { describe, expect, it } from 'vitest';
import {
  announcementPlan,
  announcementText,
  DEFAULT_VOICE_SETTINGS,
  type VoiceSettings,
} from './announcement.ts';
import { clipCatalog, clipIdsFor, PREFIX_LETTERS, type VoiceFolder } from './clips.ts';

const call = (displayNumber: string, counterNumber = 3, recall = false) => ({
  displayNumber,
  counterNumber,
  recall,
});
const settings = (over: Partial<VoiceSettings> = {}): VoiceSettings => ({
  ...DEFAULT_VOICE_SETTINGS,
  ...over,
});

describe('announcement wording', () => {
  it('defaults to the Southern dialect, numbers in words, no English', () => {
    expect(DEFAULT_VOICE_SETTINGS).toEqual({ dialect: 'south', numberMode: 'words', english: false });
  });

  it('captions the call with the number as shown', () => {
    expect(announcementText(call('1012'))).toBe('Mời công dân có số thứ tự 1012 đến quầy số 3');
    expect(announcementText(call('1012', 3, true))).toBe(
      'Gọi lại: mời công dân có số thứ tự 1012 đến quầy số 3',
    );
  });

  it('adds the English sentence to the caption when English is on', () => {
    expect(announcementText(call('A012', 12), settings({ english: true }))).toBe(
      'Mời công dân có số thứ tự A012 đến quầy số 12. Ticket number A012, please go to counter 12',
    );
  });

  it('plans the Vietnamese clips in speaking order', () => {
    const plan = announcementPlan(call('1012'));
    expect(plan.segments).toEqual([
      {
        lang: 'vi',
        text: 'Mời công dân có số thứ tự một ngàn không trăm mười hai đến quầy số ba',
        clips: [
          'moi-cong-dan-co-so-thu-tu',
          'mot',
          'ngan',
          'khong',
          'tram',
          'muoi-huyen',
          'hai',
          'den-quay-so',
          'ba',
        ],
      },
    ]);
  });

  it('reads the North with nghìn and linh', () => {
    const plan = announcementPlan(call('1005', 24), settings({ dialect: 'north' }));
    expect(plan.segments[0]!.text).toBe(
      'Mời công dân có số thứ tự một nghìn không trăm linh năm đến quầy số hai mươi tư',
    );
    expect(plan.segments[0]!.clips).toContain('linh');
    expect(plan.segments[0]!.clips.at(-1)).toBe('tu');
  });

  it('puts "gọi lại" first on a recall', () => {
    const plan = announcementPlan(call('1012', 3, true), settings({ english: true }));
    expect(plan.segments[0]!.clips.slice(0, 2)).toEqual(['goi-lai', 'moi-cong-dan-co-so-thu-tu']);
    expect(plan.segments[0]!.text.startsWith('Gọi lại: mời công dân')).toBe(true);
    expect(plan.segments[1]!.clips[0]).toBe('en-calling-again');
    expect(plan.segments[1]!.text).toBe(
      'Calling again: ticket number one zero one two, please go to counter three',
    );
  });

  it('reads a prefix by letter name and the number without its padding zeros', () => {
    const plan = announcementPlan(call('A012'));
    expect(plan.segments[0]!.text).toBe('Mời công dân có số thứ tự a mười hai đến quầy số ba');
    expect(plan.segments[0]!.clips.slice(1, 4)).toEqual(['chu-a', 'muoi-huyen', 'hai']);
    expect(announcementPlan(call('UT1234')).segments[0]!.clips.slice(1, 3)).toEqual(['chu-u', 'chu-t']);
    expect(announcementPlan(call('Đ007')).segments[0]!.clips.slice(1, 3)).toEqual(['chu-dd', 'bay']);
  });

  it('reads every shown digit, zeros included, in digits mode', () => {
    const plan = announcementPlan(call('A012', 12), settings({ numberMode: 'digits' }));
    expect(plan.segments[0]!.text).toBe('Mời công dân có số thứ tự a không một hai đến quầy số mười hai');
  });

  it('reads English digits one by one and counters in words up to 99', () => {
    const en = (counter: number) =>
      announcementPlan(call('B305', counter), settings({ english: true })).segments[1]!.text;
    expect(en(3)).toBe('Ticket number B three zero five, please go to counter three');
    expect(en(21)).toBe('Ticket number B three zero five, please go to counter twenty one');
    expect(en(40)).toBe('Ticket number B three zero five, please go to counter forty');
    expect(en(105)).toBe('Ticket number B three zero five, please go to counter one zero five');
  });

  it('reads a run of digits too long for words digit by digit', () => {
    const plan = announcementPlan(call('123456'));
    expect(plan.segments[0]!.text).toContain('một hai ba bốn năm sáu');
  });

  it('refuses display numbers with nothing to read and impossible counters', () => {
    expect(() => announcementPlan(call(''))).toThrow(RangeError);
    expect(() => announcementPlan(call('--'))).toThrow(RangeError);
    expect(() => announcementPlan(call('1012', -1))).toThrow(RangeError);
    expect(() => announcementPlan(call('1012', 1.5))).toThrow(RangeError);
  });
});

describe('clip catalogue', () => {
  const folders: VoiceFolder[] = ['south', 'north', 'en'];

  it('has unique, ASCII kebab-case ids, English ones prefixed en-', () => {
    const ids = clipCatalog().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of clipCatalog()) {
      expect(entry.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entry.id.startsWith('en-')).toBe(entry.lang === 'en');
    }
  });

  it('keeps Northern words out of the South folder and the reverse', () => {
    expect(clipIdsFor('south')).not.toContain('nghin');
    expect(clipIdsFor('south')).not.toContain('linh');
    expect(clipIdsFor('north')).not.toContain('ngan');
    expect(clipIdsFor('north')).not.toContain('le');
    expect(clipIdsFor('en').every((id) => id.startsWith('en-'))).toBe(true);
  });

  it('holds every clip any plan can reference (0..99999, both dialects and modes, recall, English)', () => {
    const sets = Object.fromEntries(folders.map((f) => [f, new Set(clipIdsFor(f))])) as Record<
      VoiceFolder,
      Set<string>
    >;
    const missing = new Set<string>();
    const check = (s: VoiceSettings, displayNumber: string, counter: number, recall: boolean) => {
      const plan = announcementPlan(call(displayNumber, counter, recall), s);
      for (const segment of plan.segments) {
        const set = segment.lang === 'en' ? sets.en : sets[s.dialect];
        for (const id of segment.clips) if (!set.has(id)) missing.add(`${segment.lang}/${s.dialect}: ${id}`);
      }
    };
    for (const dialect of ['south', 'north'] as const) {
      for (const numberMode of ['words', 'digits'] as const) {
        const s: VoiceSettings = { dialect, numberMode, english: true };
        // Every ticket number, and every counter number in the same pass; recall alternates
        // and each recall=false plan's clips are a subset of the recall=true plan's.
        for (let n = 0; n <= 99_999; n++) check(s, String(n), n, n % 2 === 0);
        check(s, '0', 0, false);
        for (const letter of PREFIX_LETTERS) check(s, `${letter}012`, 1, true);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
