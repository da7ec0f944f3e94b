// Browser playback for the announcer: audio clips through HTMLAudioElement, speech through Web Speech.
import type { VoiceFolder } from '@luot/shared';

export interface AudioBackend {
  /** Resolves when the clip has played to the end; rejects when it cannot load or play. */
  play(clipUrl: string): Promise<void>;
  /** Stops what is playing (its play() settles). */
  stop?(): void;
  /** Starts loading clips that are about to be played. */
  preload?(clipUrls: string[]): void;
  /** Called inside a user gesture so that later play() calls are allowed. */
  unlock?(): void;
}

export interface SpeechBackend {
  speak(text: string, lang: 'vi-VN' | 'en-US'): Promise<void>;
  /** True when a Vietnamese voice exists. */
  available(): boolean;
  cancel?(): void;
}

/** `${voiceBase}/<south|north>/<id>.ogg`; English clips (ids `en-…`) live under `en`. */
export function clipUrl(voiceBase: string, dialect: VoiceFolder, id: string): string {
  const folder = id.startsWith('en-') ? 'en' : dialect;
  return `${voiceBase.replace(/\/+$/, '')}/${folder}/${id}.ogg`;
}

export const CHIME_FILE = 'chime.ogg';

export function chimeUrl(voiceBase: string): string {
  return `${voiceBase.replace(/\/+$/, '')}/${CHIME_FILE}`;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A 10 ms silent WAV, played inside a user gesture to unlock audio. */
const SILENCE =
  'data:audio/wav;base64,UklGRnQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YVAAAACAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgA==';

/**
 * Plays clips with one HTMLAudioElement per URL, kept for reuse so that a word heard before
 * starts without a network round trip. A failed element is dropped and made again next time.
 */
export function htmlAudioBackend(
  options: { createAudio?: (url: string) => HTMLAudioElement; volume?: number } = {},
): AudioBackend {
  const createAudio = options.createAudio ?? ((url: string) => new Audio(url));
  const cache = new Map<string, HTMLAudioElement>();
  let abortCurrent: (() => void) | null = null;

  const element = (url: string): HTMLAudioElement => {
    let audio = cache.get(url);
    if (audio?.error) {
      cache.delete(url);
      audio = undefined;
    }
    if (!audio) {
      audio = createAudio(url);
      audio.preload = 'auto';
      if (options.volume !== undefined) audio.volume = options.volume;
      cache.set(url, audio);
    }
    return audio;
  };

  return {
    play(url) {
      const audio = element(url);
      return new Promise<void>((resolve, reject) => {
        const finish = (settle: () => void) => {
          audio.removeEventListener('ended', onEnded);
          audio.removeEventListener('error', onError);
          abortCurrent = null;
          settle();
        };
        const onEnded = () => finish(resolve);
        const onError = () => {
          cache.delete(url);
          finish(() =>
            reject(new Error(`cannot play ${url}: ${audio.error?.message || 'load or decode error'}`)),
          );
        };
        audio.addEventListener('ended', onEnded);
        audio.addEventListener('error', onError);
        abortCurrent = () => {
          audio.pause();
          finish(() => reject(namedError('AbortError', `stopped ${url}`)));
        };
        audio.currentTime = 0;
        audio.play().catch((error: unknown) => {
          if (abortCurrent) finish(() => reject(error));
        });
      });
    },
    stop() {
      abortCurrent?.();
    },
    preload(urls) {
      for (const url of urls) element(url);
    },
    unlock() {
      void createAudio(SILENCE)
        .play()
        .catch(() => undefined);
    },
  };
}

/** Speech through window.speechSynthesis, available only when a Vietnamese voice is installed. */
export function webSpeechBackend(
  options: { synth?: SpeechSynthesis; createUtterance?: (text: string) => SpeechSynthesisUtterance } = {},
): SpeechBackend {
  const synth = options.synth ?? window.speechSynthesis;
  const createUtterance = options.createUtterance ?? ((text: string) => new SpeechSynthesisUtterance(text));
  const voiceFor = (lang: string) => {
    const voices = synth.getVoices();
    const prefix = lang.slice(0, 2).toLowerCase();
    return (
      voices.find((v) => v.lang.toLowerCase() === lang.toLowerCase()) ??
      voices.find((v) => v.lang.toLowerCase().startsWith(prefix)) ??
      null
    );
  };
  return {
    available: () => voiceFor('vi-VN') !== null,
    speak(text, lang) {
      return new Promise<void>((resolve, reject) => {
        const utterance = createUtterance(text);
        utterance.lang = lang;
        const voice = voiceFor(lang);
        if (voice) utterance.voice = voice;
        utterance.onend = () => resolve();
        utterance.onerror = (event) => {
          if (event.error === 'not-allowed')
            reject(namedError('NotAllowedError', 'speech needs a user gesture'));
          else if (event.error === 'interrupted' || event.error === 'canceled') resolve();
          else reject(new Error(`speech failed: ${event.error}`));
        };
        synth.speak(utterance);
      });
    },
    cancel: () => synth.cancel(),
  };
}
