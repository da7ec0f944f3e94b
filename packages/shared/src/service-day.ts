// The service day: numbering resets at midnight in the centre's time zone.

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday .. 6 = Saturday, in the zone. */
  weekday: number;
}

export function zonedParts(at: Date | number, timeZone = DEFAULT_TIME_ZONE): ZonedParts {
  const parts = formatter(timeZone).formatToParts(typeof at === 'number' ? new Date(at) : at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  return {
    year,
    month,
    day,
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** The last day looked up per zone, with its bounds: most calls fall in the same day. */
const lastDay = new Map<string, { day: string; start: number; end: number }>();

/** The service day (YYYY-MM-DD) that `at` falls in, in the centre's zone. */
export function serviceDayOf(at: Date | number, timeZone = DEFAULT_TIME_ZONE): string {
  const t = typeof at === 'number' ? at : at.getTime();
  const hit = lastDay.get(timeZone);
  if (hit && t >= hit.start && t < hit.end) return hit.day;
  const p = zonedParts(t, timeZone);
  const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  lastDay.set(timeZone, {
    day,
    start: startOfServiceDay(day, timeZone),
    end: startOfServiceDay(nextDay(day), timeZone),
  });
  return day;
}

/** Offset of the zone from UTC at `at`, in milliseconds. */
function zoneOffsetMs(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a service day starts (local midnight) in the zone, as epoch ms. */
export function startOfServiceDay(day: string, timeZone = DEFAULT_TIME_ZONE): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even across a DST change (none in Vietnam, but zones vary).
  let t = guess - zoneOffsetMs(guess, timeZone);
  t = guess - zoneOffsetMs(t, timeZone);
  return t;
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
