import { describe, expect, it } from 'vitest';
import { chimeUrl, clipUrl, htmlAudioBackend, webSpeechBackend } from './backends.ts';

/** Just enough of HTMLAudioElement for the backend: events, play(), pause(), error. */
class FakeAudioElement extends EventTarget {
  preload = '';
  currentTime = 5;
  volume = 1;
  error: { message: string } | null = null;
  plays = 0;
  paused = true;
  playResult: Promise<void> = Promise.resolve();
  constructor(readonly src: string) {
    super();
  }
  play(): Promise<void> {
    this.plays++;
    this.paused = false;
    return this.playResult;
  }
  pause(): void {
    this.paused = true;
  }
}

function audioBackend() {
  const made: FakeAudioElement[] = [];
  const backend = htmlAudioBackend({
    createAudio: (url) => {
      const audio = new FakeAudioElement(url);
      made.push(audio);
      return audio as unknown as HTMLAudioElement;
    },
  });
  return { backend, made };
}

describe('clip URLs', () => {
  it('put Vietnamese clips under the dialect and English ones under en', () => {
    expect(clipUrl('/display/voice', 'south', 'mot')).toBe('/display/voice/south/mot.ogg');
    expect(clipUrl('/display/voice/', 'north', 'nghin')).toBe('/display/voice/north/nghin.ogg');
    expect(clipUrl('/display/voice', 'north', 'en-seven')).toBe('/display/voice/en/en-seven.ogg');
    expect(chimeUrl('/display/voice')).toBe('/display/voice/chime.ogg');
  });
});

describe('htmlAudioBackend', () => {
  it('resolves on ended and reuses the element, from the start', async () => {
    const { backend, made } = audioBackend();
    const first = backend.play('/v/south/mot.ogg');
    expect(made[0]!.currentTime).toBe(0);
    made[0]!.dispatchEvent(new Event('ended'));
    await first;
    made[0]!.currentTime = 3;
    const second = backend.play('/v/south/mot.ogg');
    expect(made).toHaveLength(1);
    expect(made[0]!.currentTime).toBe(0);
    made[0]!.dispatchEvent(new Event('ended'));
    await second;
  });

  it('rejects on error and makes a fresh element next time', async () => {
    const { backend, made } = audioBackend();
    const playing = backend.play('/v/south/missing.ogg');
    made[0]!.error = { message: 'not found' };
    made[0]!.dispatchEvent(new Event('error'));
    await expect(playing).rejects.toThrow(/missing\.ogg: not found/);
    const again = backend.play('/v/south/missing.ogg');
    expect(made).toHaveLength(2);
    made[1]!.dispatchEvent(new Event('ended'));
    await again;
  });

  it('passes on NotAllowedError from play() and settles on stop()', async () => {
    const { backend, made } = audioBackend();
    backend.preload!(['/v/chime.ogg']);
    const blocked = Object.assign(new Error('no gesture'), { name: 'NotAllowedError' });
    made[0]!.playResult = Promise.reject(blocked);
    await expect(backend.play('/v/chime.ogg')).rejects.toMatchObject({ name: 'NotAllowedError' });
    made[0]!.playResult = Promise.resolve();
    const playing = backend.play('/v/chime.ogg');
    backend.stop!();
    await expect(playing).rejects.toMatchObject({ name: 'AbortError' });
    expect(made[0]!.paused).toBe(true);
  });
});

describe('webSpeechBackend', () => {
  type Utterance = {
    text: string;
    lang: string;
    voice: unknown;
    onend?: () => void;
    onerror?: (e: unknown) => void;
  };
  function speech(langs: string[], outcome: 'end' | string = 'end') {
    const spoken: Utterance[] = [];
    const synth = {
      getVoices: () => langs.map((lang) => ({ lang, name: lang })),
      speak: (u: Utterance) => {
        spoken.push(u);
        queueMicrotask(() => (outcome === 'end' ? u.onend?.() : u.onerror?.({ error: outcome })));
      },
      cancel: () => undefined,
    };
    const backend = webSpeechBackend({
      synth: synth as unknown as SpeechSynthesis,
      createUtterance: (text) => ({ text, lang: '', voice: null }) as unknown as SpeechSynthesisUtterance,
    });
    return { backend, spoken };
  }

  it('is available only with a Vietnamese voice', () => {
    expect(speech(['en-US', 'fr-FR']).backend.available()).toBe(false);
    expect(speech(['en-US', 'vi-VN']).backend.available()).toBe(true);
    expect(speech(['vi']).backend.available()).toBe(true);
  });

  it('speaks with the language and its voice', async () => {
    const { backend, spoken } = speech(['en-US', 'vi-VN']);
    await backend.speak('Mời công dân', 'vi-VN');
    expect(spoken[0]).toMatchObject({ text: 'Mời công dân', lang: 'vi-VN', voice: { lang: 'vi-VN' } });
  });

  it('turns not-allowed into NotAllowedError', async () => {
    const { backend } = speech(['vi-VN'], 'not-allowed');
    await expect(backend.speak('x', 'vi-VN')).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(speech(['vi-VN'], 'synthesis-failed').backend.speak('x', 'vi-VN')).rejects.toThrow(
      /synthesis-failed/,
    );
  });
});
