// Report periods, as calendar days of the centre (YYYY-MM-DD). "Today" is the hub's service day,
// not the browser's clock, so a dashboard on a wrongly set PC still asks for the right days.
import { MAX_REPORT_DAYS } from '@luot/shared';

export const PERIOD_KINDS = ['today', 'yesterday', 'week', 'month', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  from: string;
  to: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Rejects 2025-02-30 and the like: the date must round-trip.
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : null;
}

export function isDay(day: string): boolean {
  return toUtc(day) !== null;
}

export function addDays(day: string, n: number): string {
  const ms = toUtc(day);
  if (ms === null) throw new Error(`not a day: ${day}`);
  return new Date(ms + n * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted (1 for a single day). */
export function daysBetween(from: string, to: string): number {
  const a = toUtc(from);
  const b = toUtc(to);
  if (a === null || b === null) return Number.NaN;
  return Math.round((b - a) / 86_400_000) + 1;
}

/** The period of a preset, relative to the service day `today`; weeks start on Monday. */
export function presetPeriod(kind: Exclude<PeriodKind, 'custom'>, today: string): Period {
  switch (kind) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case 'week': {
      const weekday = new Date(toUtc(today) ?? Number.NaN).getUTCDay(); // 0 = Sunday
      return { from: addDays(today, -((weekday + 6) % 7)), to: today };
    }
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

export type PeriodProblem = 'from' | 'to' | 'order' | 'tooLong';

/** Why a custom period cannot be asked for, or null when it can. */
export function periodProblem(period: Period): PeriodProblem | null {
  if (!isDay(period.from)) return 'from';
  if (!isDay(period.to)) return 'to';
  const days = daysBetween(period.from, period.to);
  if (days < 1) return 'order';
  if (days > MAX_REPORT_DAYS) return 'tooLong';
  return null;
}

/** "23/11/2025" as people type a date here (also "3/1/2025" and "2025-01-03"); null if not a date. */
export function parseDayInput(text: string): string | null {
  const t = text.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const day = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : t;
  return isDay(day) ? day : null;
}

/** "2025-11-23" -> "23/11/2025", for the date fields. */
export function dayInput(day: string): string {
  const m = DAY_RE.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}
