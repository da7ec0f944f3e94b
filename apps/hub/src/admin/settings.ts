// The centre's settings JSON (centre.settings): the notice and the dashboard's thresholds.
// Read defensively: a hand-edited or older database may hold anything in that column.
import type { Store } from '../db/store.ts';

export interface CentreSettings {
  notice: string | null;
  /** "Served within target wait": a called ticket that waited at most this long. */
  targetWaitMinutes: number;
  /** A ticket waiting longer than this is an alert on the dashboard. */
  alertWaitMinutes: number;
  /** A counter idle or paused for longer than this while its fields have people waiting. */
  idleAlertMinutes: number;
  /** A paired device not seen for longer than this. */
  deviceSilentMinutes: number;
}

export type Thresholds = Omit<CentreSettings, 'notice'>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  targetWaitMinutes: 15,
  alertWaitMinutes: 20,
  idleAlertMinutes: 5,
  deviceSilentMinutes: 10,
};

export const THRESHOLD_KEYS = Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[];

/** The settings object as stored, or {} when the column is not a JSON object. */
export function parseSettingsJson(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const minutes = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 24 * 60 ? value : fallback;

export function settingsFromJson(raw: string): CentreSettings {
  const s = parseSettingsJson(raw);
  const notice = typeof s.notice === 'string' && s.notice.trim() ? s.notice.trim() : null;
  return {
    notice,
    targetWaitMinutes: minutes(s.targetWaitMinutes, DEFAULT_THRESHOLDS.targetWaitMinutes),
    alertWaitMinutes: minutes(s.alertWaitMinutes, DEFAULT_THRESHOLDS.alertWaitMinutes),
    idleAlertMinutes: minutes(s.idleAlertMinutes, DEFAULT_THRESHOLDS.idleAlertMinutes),
    deviceSilentMinutes: minutes(s.deviceSilentMinutes, DEFAULT_THRESHOLDS.deviceSilentMinutes),
  };
}

/** The centre's notice and thresholds, with defaults for whatever is missing or invalid. */
export function centreSettings(store: Store): CentreSettings {
  return settingsFromJson(store.centre().settings);
}

export function thresholdsOf(settings: CentreSettings): Thresholds {
  const { notice: _notice, ...thresholds } = settings;
  return thresholds;
}
