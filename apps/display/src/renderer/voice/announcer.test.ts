import { DEFAULT_VOICE_SETTINGS } from '@luot/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Announcer,
  type AnnouncerOptions,
  type AnnouncerSettings,
  type AnnouncerState,
} from './announcer.ts';
import type { AudioBackend, SpeechBackend } from './backends.ts';

interface Playing {
  url: string;
  resolve(): void;
  reject(error: Error): void;
}

/** A backend whose clips play until the test says they ended. */
class FakeAudio implements AudioBackend {
  readonly log: string[] = [];
  readonly overlaps: string[] = [];
  stops = 0;
  unlocks = 0;
  preloaded: string[] = [];
  private active: Playing | null = null;
  private readonly started: Playing[] = [];
  private readonly waiters: ((p: Playing) => void)[] = [];

  play(url: string): Promise<void> {
    if (this.active) this.overlaps.push(`${url} while ${this.active.url}`);
    this.log.push(`start ${short(url)}`);
    return new Promise<void>((resolve, reject) => {
      const playing: Playing = {
        url,
        resolve: () => {
          this.log.push(`end ${short(url)}`);
          if (this.active === playing) this.active = null;
          resolve();
        },
        reject: (error) => {
          this.log.push(`fail ${short(url)}`);
          if (this.active === playing) this.active = null;
          reject(error);
        },
      };
      this.active = playing;
      const waiter = this.waiters.shift();
      if (waiter) waiter(playing);
      else this.started.push(playing);
    });
  }

  stop(): void {
    this.stops++;
    this.active = null;
  }

  preload(urls: string[]): void {
    this.preloaded.push(...urls);
  }

  unlock(): void {
    this.unlocks++;
  }

  /** The next clip that starts playing. */
  next(): Promise<Playing> {
    const started = this.started.shift();
    if (started) return Promise.resolve(started);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Lets `count` clips play to the end; returns their short names. */
  async finish(count: number): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const playing = await this.next();
      names.push(short(playing.url));
      playing.resolve();
    }
    return names;
  }
}

const short = (url: string) => url.replace('/display/voice/', '').replace(/\.ogg$/, '');

const SETTINGS: AnnouncerSettings = { ...DEFAULT_VOICE_SETTINGS, engine: 'clips' };
const CALL_1012 = [
  'chime',
  ...'moi-cong-dan-co-so-thu-tu mot ngan khong tram muoi-huyen hai den-quay-so ba'
    .split(' ')
    .map((id) => `south/${id}`),
];

let announcer: Announcer | null = null;
let clock = 1000;

function setup(over: Partial<AnnouncerOptions> = {}) {
  const backend = new FakeAudio();
  const problems: string[] = [];
  announcer = new Announcer({
    backend,
    settings: SETTINGS,
    voiceBase: '/display/voice',
    now: () => clock++,
    onProblem: (message) => problems.push(message),
    ...over,
  });
  return { backend, problems, announcer };
}

/** Resolves with the first state (now or after a change) that satisfies `predicate`. */
function until(a: Announcer, predicate: (state: AnnouncerState) => boolean): Promise<AnnouncerState> {
  return new Promise((resolve) => {
    const check = (state: AnnouncerState) => {
      if (predicate(state)) {
        unsubscribe();
        resolve(state);
      }
    };
    const unsubscribe = a.subscribe(check);
    check(a.getState());
  });
}

/** Resolves once the announcer has nothing playing and nothing queued. */
const idle = (a: Announcer) => until(a, (state) => !state.current && state.queued.length === 0);

const call = (displayNumber: string, counterNumber = 3, recall = false) => ({
  displayNumber,
  counterNumber,
  recall,
});

afterEach(() => {
  announcer?.dispose();
  announcer = null;
  vi.useRealTimers();
});

describe('Announcer', () => {
  it('plays the chime, then the Vietnamese clips in order, and records the history', async () => {
    const { backend, announcer } = setup();
    expect(announcer.enqueue(call('1012'))).toBe(true);
    expect(announcer.getState().current?.text).toBe('Mời công dân có số thứ tự 1012 đến quầy số 3');
    expect(await backend.finish(CALL_1012.length)).toEqual(CALL_1012);
    const state = await idle(announcer);
    expect(state.history).toEqual([
      {
        text: 'Mời công dân có số thứ tự 1012 đến quầy số 3',
        startedAt: expect.any(Number),
        endedAt: expect.any(Number),
      },
    ]);
    expect(state.history[0]!.endedAt).toBeGreaterThan(state.history[0]!.startedAt);
    expect(backend.preloaded[0]).toBe('/display/voice/chime.ogg');
  });

  it('adds the English clips after the Vietnamese when English is on', async () => {
    const { backend, announcer } = setup({ settings: { ...SETTINGS, english: true } });
    announcer.enqueue(call('7', 2));
    expect(await backend.finish(9)).toEqual([
      'chime',
      'south/moi-cong-dan-co-so-thu-tu',
      'south/bay',
      'south/den-quay-so',
      'south/hai',
      'en/en-ticket-number',
      'en/en-seven',
      'en/en-please-go-to-counter',
      'en/en-two',
    ]);
    expect((await idle(announcer)).history[0]!.text).toBe(
      'Mời công dân có số thứ tự 7 đến quầy số 2. Ticket number 7, please go to counter 2',
    );
  });

  it('never plays two calls at once and keeps their order', async () => {
    const { backend, announcer } = setup();
    announcer.enqueue(call('1012'));
    announcer.enqueue(call('1013', 5));
    expect(announcer.getState().queued.map((q) => q.call.displayNumber)).toEqual(['1013']);
    const names = await backend.finish(CALL_1012.length * 2);
    await idle(announcer);
    expect(backend.overlaps).toEqual([]);
    expect(names.slice(0, CALL_1012.length)).toEqual(CALL_1012);
    expect(names[CALL_1012.length]).toBe('chime');
    expect(names.at(-1)).toBe('south/nam');
    // start/end strictly alternate: nothing starts before the previous clip ended
    backend.log.forEach((entry, i) => {
      expect(entry.startsWith(i % 2 === 0 ? 'start ' : 'end ')).toBe(true);
    });
    expect(announcer.getState().history.map((h) => h.text)).toEqual([
      'Mời công dân có số thứ tự 1012 đến quầy số 3',
      'Mời công dân có số thứ tự 1013 đến quầy số 5',
    ]);
  });

  it('puts a recall behind what is already queued', async () => {
    const { backend, announcer } = setup();
    announcer.enqueue(call('1012'));
    announcer.enqueue(call('1013'));
    expect(announcer.enqueue(call('1012', 3, true))).toBe(true);
    expect(announcer.getState().queued.map((q) => [q.call.displayNumber, q.call.recall])).toEqual([
      ['1013', false],
      ['1012', true],
    ]);
    await backend.finish(CALL_1012.length * 2);
    expect(await backend.finish(3)).toEqual(['chime', 'south/goi-lai', 'south/moi-cong-dan-co-so-thu-tu']);
  });

  it('does not queue the same call twice, nor an event key it has seen', async () => {
    const { backend, announcer } = setup();
    expect(announcer.enqueue({ ...call('1012'), key: '41' })).toBe(true);
    expect(announcer.enqueue({ ...call('1012'), key: '41' })).toBe(false);
    expect(announcer.enqueue(call('1012'))).toBe(false); // playing now
    expect(announcer.enqueue(call('1013'))).toBe(true);
    expect(announcer.enqueue(call('1013'))).toBe(false); // queued
    expect(announcer.enqueue(call('1013', 4))).toBe(true); // another counter is another call
    expect(announcer.getState().queued).toHaveLength(2);
    await backend.finish(CALL_1012.length * 3);
    await idle(announcer);
    // a replayed event after a reconnect stays silent; a real recall is a new event
    expect(announcer.enqueue({ ...call('1012'), key: '41' })).toBe(false);
    expect(announcer.enqueue({ ...call('1012', 3, true), key: '57' })).toBe(true);
  });

  it('skips a clip that fails to load and carries on', async () => {
    const { backend, problems, announcer } = setup();
    announcer.enqueue(call('1012'));
    const names: string[] = [];
    for (let i = 0; i < CALL_1012.length; i++) {
      const playing = await backend.next();
      names.push(short(playing.url));
      if (playing.url.endsWith('/ngan.ogg')) playing.reject(new Error('404 Not Found'));
      else playing.resolve();
    }
    expect(names).toEqual(CALL_1012);
    expect(problems).toEqual(['skipped /display/voice/south/ngan.ogg']);
    expect((await idle(announcer)).history).toHaveLength(1);
  });

  it('gives up on a clip that never ends after the timeout', async () => {
    vi.useFakeTimers();
    const { backend, problems, announcer } = setup({ clipTimeoutMs: 8000 });
    announcer.enqueue(call('5'));
    (await backend.next()).resolve(); // chime
    await backend.next(); // "mời công dân …" hangs
    await vi.advanceTimersByTimeAsync(7999);
    expect(backend.stops).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(backend.stops).toBe(1);
    expect(problems).toEqual(['skipped /display/voice/south/moi-cong-dan-co-so-thu-tu.ogg']);
    expect(await backend.finish(3)).toEqual(['south/nam', 'south/den-quay-so', 'south/ba']);
    expect((await idle(announcer)).history).toHaveLength(1);
  });

  it('waits for unlock() when the browser blocks autoplay, keeping the queue', async () => {
    const { backend, announcer } = setup();
    const states: boolean[] = [];
    announcer.subscribe((s) => states.push(s.blocked));
    announcer.enqueue(call('1012'));
    const notAllowed = Object.assign(new Error('play() needs a user gesture'), { name: 'NotAllowedError' });
    (await backend.next()).reject(notAllowed);
    await until(announcer, (state) => state.blocked);
    announcer.enqueue(call('1013'));
    const state = announcer.getState();
    expect(state.current).toBeNull();
    expect(state.queued.map((q) => q.call.displayNumber)).toEqual(['1012', '1013']);
    expect(state.queued[0]!.startedAt).toBeNull();
    announcer.unlock();
    expect(backend.unlocks).toBe(1);
    expect(announcer.getState().blocked).toBe(false);
    expect(await backend.finish(CALL_1012.length)).toEqual(CALL_1012);
    await backend.finish(CALL_1012.length);
    expect((await idle(announcer)).history).toHaveLength(2);
    expect(states).toContain(true);
  });

  describe('speech engine', () => {
    function fakeSpeech(available: boolean, fail = false) {
      const spoken: [string, string][] = [];
      const speech: SpeechBackend = {
        available: () => available,
        speak: async (text, lang) => {
          spoken.push([text, lang]);
          if (fail) throw new Error('synthesis-failed');
        },
      };
      return { speech, spoken };
    }
    const speechSettings: AnnouncerSettings = { ...SETTINGS, engine: 'speech', english: true };

    it('speaks the plan after the chime when a Vietnamese voice exists', async () => {
      const { speech, spoken } = fakeSpeech(true);
      const { backend, announcer } = setup({ speech, settings: speechSettings });
      announcer.enqueue(call('1012'));
      expect(await backend.finish(1)).toEqual(['chime']);
      await idle(announcer);
      expect(spoken).toEqual([
        ['Mời công dân có số thứ tự một ngàn không trăm mười hai đến quầy số ba', 'vi-VN'],
        ['Ticket number one zero one two, please go to counter three', 'en-US'],
      ]);
      expect(backend.log).toEqual(['start chime', 'end chime']);
    });

    it('falls back to clips without a Vietnamese voice', async () => {
      const { speech, spoken } = fakeSpeech(false);
      const { backend, announcer } = setup({ speech, settings: { ...speechSettings, english: false } });
      announcer.enqueue(call('1012'));
      expect(await backend.finish(CALL_1012.length)).toEqual(CALL_1012);
      await idle(announcer);
      expect(spoken).toEqual([]);
    });

    it('plays the clips of a sentence the speech engine failed to say', async () => {
      const { speech, spoken } = fakeSpeech(true, true);
      const { backend, problems, announcer } = setup({
        speech,
        settings: { ...speechSettings, english: false },
      });
      announcer.enqueue(call('1012'));
      expect(await backend.finish(CALL_1012.length)).toEqual(CALL_1012);
      await idle(announcer);
      expect(spoken).toHaveLength(1);
      expect(problems[0]).toMatch(/^speech failed/);
    });
  });

  it('applies new settings to calls not yet started', async () => {
    const { backend, announcer } = setup();
    announcer.enqueue(call('1012'));
    announcer.enqueue(call('1005'));
    announcer.setSettings({ ...SETTINGS, dialect: 'north' });
    await backend.finish(CALL_1012.length);
    const names = await backend.finish(8);
    expect(names).toContain('north/linh');
    expect(names).toContain('north/nghin');
  });

  it('keeps the last 50 announcements and a stable snapshot between changes', async () => {
    const backend: AudioBackend = { play: async () => undefined };
    const a = new Announcer({ backend, settings: SETTINGS, voiceBase: '/display/voice' });
    announcer = a;
    for (let n = 1; n <= 60; n++) {
      a.enqueue(call(String(n)));
      await idle(a);
    }
    const state = a.getState();
    expect(state).toBe(a.getState());
    expect(state.history).toHaveLength(50);
    expect(state.history[0]!.text).toContain('số thứ tự 11 ');
  });

  it('refuses calls it cannot read and stops everything on dispose', async () => {
    const { backend, problems, announcer } = setup();
    expect(announcer.enqueue(call('---'))).toBe(false);
    expect(problems[0]).toMatch(/cannot announce/);
    const seen: AnnouncerState[] = [];
    const unsubscribe = announcer.subscribe((s) => seen.push(s));
    announcer.enqueue(call('1012'));
    announcer.enqueue(call('1013'));
    await backend.next();
    unsubscribe();
    const before = seen.length;
    announcer.dispose();
    expect(seen).toHaveLength(before);
    expect(backend.stops).toBe(1);
    expect(announcer.getState()).toMatchObject({ current: null, queued: [] });
    expect(announcer.enqueue(call('1014'))).toBe(false);
  });
});
