// display.css takes its colours from the shared theme (packages/ui/src/theme.test.ts holds the pairs to 7:1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('display colours', () => {
  it('display.css uses the theme’s custom properties, not colours of its own', () => {
    const css = readFileSync(new URL('./display.css', import.meta.url), 'utf8');
    const own = [...css.matchAll(/#[0-9a-f]{3,6}\b/gi)].map((m) => m[0].toLowerCase());
    // Black behind media and the dimming overlay only.
    expect(new Set(own)).toEqual(new Set(['#000']));
  });
});
