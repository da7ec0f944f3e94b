// Every text colour pair display.css uses reaches 7:1 (WCAG AAA) with the shared theme's colours,
// and display.css takes its colours from the theme (no new ones).
import { readFileSync } from 'node:fs';
import { colors, contrastRatio } from '@luot/ui';
import { describe, expect, it } from 'vitest';

const PAIRS: [string, string, string][] = [
  [colors.bg, colors.text, 'text on the page'],
  [colors.surface, colors.text, 'panel titles on the page'],
  [colors.bannerText, colors.bannerBg, 'the latest call'],
  [colors.bannerText, colors.bg, 'the latest call while it flashes'],
  [colors.onPrimary, colors.primary, 'an open counter'],
  [colors.onPriority, colors.priority, 'a paused counter'],
  [colors.onDisabled, colors.disabled, 'a closed counter'],
  [colors.text, colors.bg, 'the notice'],
  [colors.onDanger, colors.danger, 'a pairing error'],
];

describe('display colours', () => {
  it.each(PAIRS)('%s on %s (%s) is at least 7:1', (fg, bg) => {
    expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(7);
  });

  it('display.css uses the theme’s custom properties, not colours of its own', () => {
    const css = readFileSync(new URL('./display.css', import.meta.url), 'utf8');
    const own = [...css.matchAll(/#[0-9a-f]{3,6}\b/gi)].map((m) => m[0].toLowerCase());
    // Black behind media and under the dimming overlay only.
    expect(new Set(own)).toEqual(new Set(['#000']));
  });
});
