// The display's voice: helper A's Announcer (voice/) set up from the page's settings. Clips are
// served by the hub at /display/voice/ (a centre's own recordings first, then the bundled ones).

import type { DisplaySettings } from './settings.ts';
import { Announcer, htmlAudioBackend, webSpeechBackend } from './voice/index.ts';

/** The announcer for these settings; null when the voice is off. */
export function createAnnouncer(settings: DisplaySettings): Announcer | null {
  if (settings.voice === 'off') return null;
  const hasSpeech = typeof window !== 'undefined' && 'speechSynthesis' in window;
  return new Announcer({
    backend: htmlAudioBackend(),
    ...(settings.voice === 'speech' && hasSpeech ? { speech: webSpeechBackend() } : {}),
    settings: {
      dialect: settings.dialect,
      numberMode: settings.numberMode,
      english: settings.english,
      engine: settings.voice,
    },
    voiceBase: `${settings.hubUrl}/display/voice`,
    onProblem: (message, error) => console.warn(`voice: ${message}`, error ?? ''),
  });
}
