// The high-contrast theme for big touch screens (kiosk 1080×1920 portrait, displays 1920×1080
// landscape). theme.css declares the same custom properties (a test holds that); components use
// the CSS, and these values are for code that needs numbers (canvas, tests).

/** Colours: every text/background pair in CONTRAST_PAIRS reaches at least 7:1 (WCAG AAA). */
export const colors = {
  bg: '#ffffff',
  surface: '#eef1f5',
  text: '#0a1a2f',
  textMuted: '#2e3b4e',
  primary: '#0b3d91',
  onPrimary: '#ffffff',
  priority: '#8c1d18',
  onPriority: '#ffffff',
  secondary: '#ffffff',
  onSecondary: '#0b3d91',
  disabled: '#d5dae1',
  onDisabled: '#1f2937',
  bannerBg: '#ffd60a',
  bannerText: '#000000',
  danger: '#9b1111',
  onDanger: '#ffffff',
  focus: '#ff9e00',
  border: '#0a1a2f',
} as const;

/** [text, background, where] pairs used for body text. */
export const CONTRAST_PAIRS: readonly (readonly [string, string, string])[] = [
  [colors.text, colors.bg, 'text on page'],
  [colors.text, colors.surface, 'text on surface'],
  [colors.textMuted, colors.bg, 'muted text on page'],
  [colors.textMuted, colors.surface, 'muted text on surface'],
  [colors.onPrimary, colors.primary, 'primary button'],
  [colors.onPriority, colors.priority, 'priority button'],
  [colors.onSecondary, colors.secondary, 'secondary button'],
  [colors.onDisabled, colors.disabled, 'disabled button'],
  [colors.bannerText, colors.bannerBg, 'connection banner'],
  [colors.onDanger, colors.danger, 'error message'],
];

/** Type scale in px (at 1080 px wide; the landscape breakpoint keeps them). */
export const fontSizes = {
  small: 28,
  body: 36,
  button: 44,
  title: 60,
  number: 220,
} as const;

/** The smallest touch target, in CSS px (elderly users, gloves, shaky hands). */
export const TOUCH_TARGET_PX = 96;

export const SCREENS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

/** The custom properties theme.css declares on :root. */
export const themeVariables: Record<string, string> = {
  '--luot-bg': colors.bg,
  '--luot-surface': colors.surface,
  '--luot-text': colors.text,
  '--luot-text-muted': colors.textMuted,
  '--luot-primary': colors.primary,
  '--luot-on-primary': colors.onPrimary,
  '--luot-priority': colors.priority,
  '--luot-on-priority': colors.onPriority,
  '--luot-secondary': colors.secondary,
  '--luot-on-secondary': colors.onSecondary,
  '--luot-disabled': colors.disabled,
  '--luot-on-disabled': colors.onDisabled,
  '--luot-banner-bg': colors.bannerBg,
  '--luot-banner-text': colors.bannerText,
  '--luot-danger': colors.danger,
  '--luot-on-danger': colors.onDanger,
  '--luot-focus': colors.focus,
  '--luot-border': colors.border,
  '--luot-font-small': `${fontSizes.small}px`,
  '--luot-font-body': `${fontSizes.body}px`,
  '--luot-font-button': `${fontSizes.button}px`,
  '--luot-font-title': `${fontSizes.title}px`,
  '--luot-font-number': `${fontSizes.number}px`,
  '--luot-touch-target': `${TOUCH_TARGET_PX}px`,
};

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb` or `#rgb`. */
export function relativeLuminance(hex: string): number {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  let h = m[1]!;
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => channel(Number.parseInt(h.slice(i, i + 2), 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio (1..21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
