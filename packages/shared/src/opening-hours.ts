// Opening hours of a centre: windows of local time on given weekdays, in the centre's zone.
import { z } from 'zod';
import { nextDay, serviceDayOf, startOfServiceDay, zonedParts } from './service-day.ts';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM');

export const OpeningWindow = z.object({
  /** 0 = Sunday .. 6 = Saturday. */
  days: z.array(z.number().int().min(0).max(6)),
  open: HHMM.describe('HH:MM local, inclusive'),
  close: HHMM.describe('HH:MM local, exclusive'),
});
export type OpeningWindow = z.infer<typeof OpeningWindow>;

/** An empty list means the centre never configured hours: always open. */
export const OpeningHours = z.array(OpeningWindow);
export type OpeningHours = z.infer<typeof OpeningHours>;

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Whether the centre is open at the instant: `open` is inclusive, `close` exclusive. */
export function isOpenAt(hours: OpeningHours, atEpochMs: number, timeZone: string): boolean {
  if (hours.length === 0) return true;
  const p = zonedParts(atEpochMs, timeZone);
  const minute = p.hour * 60 + p.minute;
  return hours.some(
    (w) => w.days.includes(p.weekday) && minute >= minutesOf(w.open) && minute < minutesOf(w.close),
  );
}

/**
 * The next instant (epoch ms, at or after `atEpochMs`) the centre opens, within a week;
 * `atEpochMs` itself when it is open now, null when no window ever opens.
 */
export function nextOpening(hours: OpeningHours, atEpochMs: number, timeZone: string): number | null {
  if (isOpenAt(hours, atEpochMs, timeZone)) return atEpochMs;
  let day = serviceDayOf(atEpochMs, timeZone);
  for (let i = 0; i < 8; i++, day = nextDay(day)) {
    const start = startOfServiceDay(day, timeZone);
    const weekday = zonedParts(start, timeZone).weekday;
    const opens = hours
      .filter((w) => w.days.includes(weekday) && minutesOf(w.open) < minutesOf(w.close))
      .map((w) => start + minutesOf(w.open) * 60_000)
      .filter((t) => t > atEpochMs)
      .sort((a, b) => a - b);
    if (opens[0] !== undefined) return opens[0];
  }
  return null;
}
