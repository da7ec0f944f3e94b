// Tests run under Node only; reading the stylesheet with node:fs is fine here (not in src code).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTRAST_PAIRS,
  colors,
  contrastRatio,
  fontSizes,
  relativeLuminance,
  SCREENS,
  TOUCH_TARGET_PX,
  themeVariables,
} from './theme.ts';

const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');

describe('theme', () => {
  it('computes WCAG contrast like the reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 5);
    expect(() => relativeLuminance('blue')).toThrow();
  });

  it.each(CONTRAST_PAIRS.map(([fg, bg, where]) => [where, fg, bg]))(
    '%s reaches 7:1 (%s on %s)',
    (_where, fg, bg) => {
      expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(7);
    },
  );

  it('has big type and touch targets of at least 96 px', () => {
    expect(TOUCH_TARGET_PX).toBeGreaterThanOrEqual(96);
    expect(fontSizes.body).toBeGreaterThanOrEqual(32);
    expect(fontSizes.number).toBeGreaterThanOrEqual(200);
    expect(SCREENS.portrait).toEqual({ width: 1080, height: 1920 });
    expect(SCREENS.landscape).toEqual({ width: 1920, height: 1080 });
  });

  it('theme.css declares every custom property of theme.ts with the same value on :root', () => {
    const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    const declared = Object.fromEntries(
      [...root.matchAll(/(--luot-[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2]!.trim()]),
    );
    for (const [name, value] of Object.entries(themeVariables)) expect(declared[name], name).toBe(value);
    expect(declared['--luot-bg']).toBe(colors.bg);
  });

  it('theme.css has the portrait and landscape breakpoints and big buttons', () => {
    expect(css).toMatch(/@media \(orientation: portrait\) and \(min-width: 1080px\)/);
    expect(css).toMatch(/@media \(orientation: landscape\) and \(min-width: 1920px\)/);
    expect(css).toMatch(/\.luot-big-button \{[^}]*min-height: calc\(var\(--luot-touch-target\) \* 1\.5\)/);
    expect(css).toMatch(/\.luot-language-toggle__button \{[^}]*min-height: var\(--luot-touch-target\)/);
  });

  it('theme.css brings Be Vietnam Pro in three weights, from files that exist', () => {
    const faces = [...css.matchAll(/@font-face \{[^}]*url\("([^"]+)"\)[^}]*font-weight: ([^;]+);/g)];
    expect(faces.map((f) => f[2])).toEqual(['300 500', '600 700', '800 900']);
    for (const [, url] of faces)
      expect(existsSync(new URL(url!, new URL('./theme.css', import.meta.url)))).toBe(true);
  });
});
