// The display page's settings, read from its URL like the kiosk's: a technician sets them once in
// the screen's start URL, e.g. `/display/?layout=counter&counter=3` or `/display/?media=1&dim=22:00-06:00`.
import { hubOrigin, pageProtocol } from '@luot/ui';

export type DisplayLayout = 'hall' | 'counter';
/** `auto`: from the screen's shape (taller than wide: portrait). */
export type OrientationSetting = 'auto' | 'landscape' | 'portrait';
export type VoiceMode = 'clips' | 'speech' | 'off';
export type Dialect = 'south' | 'north';
export type NumberMode = 'words' | 'digits';

/** A daily window in minutes after local midnight; `end` may be before `start` (past midnight). */
export interface DimSchedule {
  start: number;
  end: number;
}

export interface DisplaySettings {
  /**
   * The hub's origin; '' = the page's own origin (the hub serves the display at /display/). Always
   * '' for a page served over http(s): see @luot/ui's hubOrigin.
   */
  hubUrl: string;
  layout: DisplayLayout;
  /** The counter number a counter-top display shows (`?counter=3`); null when not given. */
  counter: number | null;
  orientation: OrientationSetting;
  /** Show the media area (images and videos from the hub's media folder) when it has files. */
  media: boolean;
  /** How long each image stays, in ms. */
  mediaImageMs: number;
  /** Darken the screen during this window of local time (centre's time zone); null: never. */
  dim: DimSchedule | null;
  /** Opacity of the dark overlay while dimmed (0.1 … 0.9). */
  dimLevel: number;
  /** How many earlier calls the hall screen lists under the latest one. */
  recent: number;
  /** Move the whole picture by a few pixels every few minutes (against burn-in). */
  shift: boolean;
  voice: VoiceMode;
  dialect: Dialect;
  numberMode: NumberMode;
  /** Also announce in English, and show English lines under the Vietnamese ones. */
  english: boolean;
  /** `?pair=CODE`: pair with this one-time code when the display has no token yet. */
  pairCode: string | null;
}

export const DEFAULT_SETTINGS: DisplaySettings = {
  hubUrl: '',
  layout: 'hall',
  counter: null,
  orientation: 'auto',
  media: false,
  mediaImageMs: 10_000,
  dim: null,
  dimLevel: 0.6,
  recent: 5,
  shift: true,
  voice: 'clips',
  dialect: 'south',
  numberMode: 'words',
  english: false,
  pairCode: null,
};

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

function flag(value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback;
  const v = value.trim().toLowerCase();
  // `?media` alone means on.
  if (v === '' || TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return fallback;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  const v = (value ?? '').trim().toLowerCase();
  return (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

function intIn(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\s*\d{1,6}\s*$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** `HH:MM` as minutes after midnight (24:00 allowed as an end only). */
function clock(text: string, allow24: boolean): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return null;
  if (h === 24 && min === 0 && allow24) return 24 * 60;
  return h <= 23 ? h * 60 + min : null;
}

/** `22:00-06:00` (past midnight), `12:00-13:30`, `00:00-24:00` (all day); anything else: null. */
export function parseDimSchedule(value: string | null | undefined): DimSchedule | null {
  if (!value) return null;
  const parts = value.split(/[-–]/);
  if (parts.length !== 2) return null;
  const start = clock(parts[0]!, false);
  const end = clock(parts[1]!, true);
  if (start === null || end === null || start === end) return null;
  return { start, end };
}

/**
 * `?layout=hall|counter`, `?counter=N`, `?orientation=auto|landscape|portrait`, `?media=1`,
 * `?mediaSeconds=N`, `?dim=HH:MM-HH:MM`, `?dimLevel=0.1..0.9`, `?recent=N`, `?shift=0`,
 * `?voice=clips|speech|off`, `?dialect=south|north`, `?digits=1`, `?english=1`, `?pair=CODE`,
 * and `?hub=http://HOST:PORT`, read only by a page opened from a file (`protocol`: the page's).
 * Unknown or malformed values fall back to the defaults.
 */
export function parseSettings(search: string, protocol: string = pageProtocol()): DisplaySettings {
  const q = new URLSearchParams(search);
  const layout = oneOf(q.get('layout'), ['hall', 'counter'] as const, DEFAULT_SETTINGS.layout);
  const dimLevel = Number(q.get('dimLevel'));
  const seconds = intIn(q.get('mediaSeconds'), 2, 3600);
  const pair = (q.get('pair') ?? '').trim();
  return {
    hubUrl: hubOrigin(q.get('hub'), protocol),
    layout,
    counter: intIn(q.get('counter'), 0, 9999),
    orientation: oneOf(
      q.get('orientation'),
      ['auto', 'landscape', 'portrait'] as const,
      DEFAULT_SETTINGS.orientation,
    ),
    media: flag(q.get('media'), DEFAULT_SETTINGS.media),
    mediaImageMs: seconds === null ? DEFAULT_SETTINGS.mediaImageMs : seconds * 1000,
    dim: parseDimSchedule(q.get('dim')),
    dimLevel:
      q.get('dimLevel') !== null && Number.isFinite(dimLevel) && dimLevel >= 0.1 && dimLevel <= 0.9
        ? dimLevel
        : DEFAULT_SETTINGS.dimLevel,
    recent: intIn(q.get('recent'), 0, 10) ?? DEFAULT_SETTINGS.recent,
    shift: flag(q.get('shift'), DEFAULT_SETTINGS.shift),
    // A counter-top screen is silent unless asked: the hall screen does the talking.
    voice: oneOf(
      q.get('voice'),
      ['clips', 'speech', 'off'] as const,
      layout === 'counter' ? 'off' : DEFAULT_SETTINGS.voice,
    ),
    dialect: oneOf(q.get('dialect'), ['south', 'north'] as const, DEFAULT_SETTINGS.dialect),
    numberMode: flag(q.get('digits'), false) ? 'digits' : DEFAULT_SETTINGS.numberMode,
    english: flag(q.get('english'), DEFAULT_SETTINGS.english),
    pairCode: pair && pair.length <= 32 ? pair : null,
  };
}

/** The orientation to lay out for: the setting, or the viewport's shape. */
export function effectiveOrientation(
  setting: OrientationSetting,
  width: number,
  height: number,
): 'landscape' | 'portrait' {
  if (setting !== 'auto') return setting;
  return height > width ? 'portrait' : 'landscape';
}

/** Where a browser display keeps its device token: its own key, so a browser that is also a
 * kiosk (same origin) keeps both tokens. */
export const DISPLAY_TOKEN_KEY = 'luot.displayDeviceToken';
