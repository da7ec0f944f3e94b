// theme.css on its own terms: the custom properties it declares on :root are the theme; every
// text/background pair the apps put together reaches 7:1 (WCAG AAA); type and touch targets are
// big; and every `var(--luot-…)` a stylesheet of the apps or of this package uses is declared
// here. Tests run under Node only; reading stylesheets with node:fs is fine here (not in src code).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const THEME = new URL('./theme.css', import.meta.url);
const REPO = new URL('../../../', import.meta.url);
const css = readFileSync(THEME, 'utf8');

/** The custom properties theme.css declares on :root, name → value. */
const declared = new Map(
  [...(/:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '').matchAll(/(--luot-[\w-]+)\s*:\s*([^;]+);/g)].map(
    (m) => [m[1]!, m[2]!.trim()] as const,
  ),
);

function declaredValue(name: string): string {
  const value = declared.get(name);
  if (value === undefined) throw new Error(`theme.css does not declare ${name} on :root`);
  return value;
}

function pixels(name: string): number {
  const match = /^(\d+(?:\.\d+)?)px$/.exec(declaredValue(name));
  if (!match) throw new Error(`${name} is not in px: ${declaredValue(name)}`);
  return Number(match[1]);
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb` or `#rgb`. */
function relativeLuminance(hex: string): number {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  let h = m[1]!;
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => channel(Number.parseInt(h.slice(i, i + 2), 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio (1..21). */
function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** [text, background, where]: the pairs the apps' stylesheets use for text. */
const CONTRAST_PAIRS: readonly (readonly [string, string, string])[] = [
  ['--luot-text', '--luot-bg', 'text on the page'],
  ['--luot-text', '--luot-surface', 'text on a surface'],
  ['--luot-text-muted', '--luot-bg', 'muted text on the page'],
  ['--luot-text-muted', '--luot-surface', 'muted text on a surface'],
  ['--luot-on-primary', '--luot-primary', 'primary button; an open counter on the wall display'],
  ['--luot-on-priority', '--luot-priority', 'priority button; a paused counter on the wall display'],
  ['--luot-on-secondary', '--luot-secondary', 'secondary button'],
  ['--luot-on-disabled', '--luot-disabled', 'disabled button; a closed counter on the wall display'],
  ['--luot-banner-text', '--luot-banner-bg', 'connection banner; the latest call on the wall display'],
  ['--luot-banner-text', '--luot-bg', 'the latest call while it flashes'],
  ['--luot-bg', '--luot-text', 'the wall display: light text on the darkest colour'],
  ['--luot-surface', '--luot-text', 'the wall display: panel titles'],
  ['--luot-on-danger', '--luot-danger', 'error message'],
];

/** Stylesheets (and components) of the web apps and of this package, relative to the repository. */
function themedSources(): string[] {
  const dirs = ['packages/ui/src', ...readdirSync(new URL('apps/', REPO)).map((app) => `apps/${app}/src`)];
  return dirs
    .filter((dir) => existsSync(new URL(dir, REPO)))
    .flatMap((dir) =>
      readdirSync(new URL(dir, REPO), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(css|tsx)$/.test(file))
        .map((file) => `${dir}/${file}`),
    );
}

describe('theme.css', () => {
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
      expect(contrastRatio(declaredValue(fg), declaredValue(bg))).toBeGreaterThanOrEqual(7);
    },
  );

  it('declares every colour as a hex value', () => {
    const colours = [...declared].filter(([name]) => !/^--luot-(font|touch|gap|radius|page)/.test(name));
    expect(colours.length).toBeGreaterThanOrEqual(18);
    for (const [name, value] of colours) expect(value, name).toMatch(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
  });

  it('has big type and touch targets of at least 96 px', () => {
    expect(pixels('--luot-touch-target')).toBeGreaterThanOrEqual(96);
    expect(pixels('--luot-font-small')).toBeGreaterThanOrEqual(24);
    expect(pixels('--luot-font-body')).toBeGreaterThanOrEqual(32);
    expect(pixels('--luot-font-button')).toBeGreaterThanOrEqual(pixels('--luot-font-body'));
    expect(pixels('--luot-font-title')).toBeGreaterThan(pixels('--luot-font-button'));
    expect(pixels('--luot-font-number')).toBeGreaterThanOrEqual(200);
  });

  it('declares every --luot- custom property the apps and components use or override', () => {
    const sources = themedSources();
    // The four apps' stylesheets and this one at least: a broken walk must not pass quietly.
    expect(sources.filter((file) => file.endsWith('.css')).length).toBeGreaterThanOrEqual(5);
    const missing: string[] = [];
    for (const file of sources) {
      const text = readFileSync(new URL(file, REPO), 'utf8');
      const used = [...text.matchAll(/var\(\s*(--luot-[\w-]+)/g), ...text.matchAll(/(--luot-[\w-]+)\s*:/g)];
      for (const [, name] of used) if (!declared.has(name!)) missing.push(`${file}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('has the portrait and landscape breakpoints and big buttons', () => {
    expect(css).toMatch(/@media \(orientation: portrait\) and \(min-width: 1080px\)/);
    expect(css).toMatch(/@media \(orientation: landscape\) and \(min-width: 1920px\)/);
    expect(css).toMatch(/\.luot-big-button \{[^}]*min-height: calc\(var\(--luot-touch-target\) \* 1\.5\)/);
    expect(css).toMatch(/\.luot-language-toggle__button \{[^}]*min-height: var\(--luot-touch-target\)/);
  });

  it('brings Be Vietnam Pro in three weights, from files that exist', () => {
    const faces = [...css.matchAll(/@font-face \{[^}]*url\("([^"]+)"\)[^}]*font-weight: ([^;]+);/g)];
    expect(faces.map((f) => f[2])).toEqual(['300 500', '600 700', '800 900']);
    for (const [, url] of faces) expect(existsSync(new URL(url!, THEME))).toBe(true);
  });
});
