// The centre's opening hours on the kiosk: whether it is open now (by the kiosk's clock, so the
// fields flip at 11:30 without asking the hub) and the line the idle screen shows.
import { isOpenAt, type OpeningHours } from '@luot/shared';
import type { Language } from '@luot/ui';

/** Open unless the centre's hours say otherwise; unknown (not loaded yet) counts as open. */
export function openNow(
  centre: { openingHours: OpeningHours; timeZone: string } | null,
  at: number,
): boolean {
  return centre === null || isOpenAt(centre.openingHours, at, centre.timeZone);
}

/** Milliseconds until the next whole minute: hours open and close on minutes. */
export const msToNextMinute = (at: number): number => 60_000 - (at % 60_000);

const WEEK = [1, 2, 3, 4, 5, 6, 0]; // Monday first
const DAY_NAMES: Record<Language, string[]> = {
  vi: ['Chủ nhật', 'Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

function dayRange(first: number, last: number, language: Language): string {
  const names = DAY_NAMES[language];
  if (first === last) return names[first]!;
  // "Thứ 2–6" rather than "Thứ 2–Thứ 6"
  if (language === 'vi' && first !== 0 && last !== 0) return `Thứ ${first + 1}–${last + 1}`;
  return `${names[first]}–${names[last]}`;
}

/**
 * "Thứ 2–6 07:00–11:30, 13:00–17:00; Thứ 7 07:30–11:30": consecutive days with the same
 * windows together, Monday first; '' when no hours are configured.
 */
export function formatOpeningHours(hours: OpeningHours, language: Language): string {
  const windowsOf = (day: number) =>
    hours
      .filter((w) => w.days.includes(day))
      .map((w) => [w.open, w.close] as const)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([open, close]) => `${open}–${close}`)
      .join(', ');
  const groups: { first: number; last: number; windows: string }[] = [];
  for (const day of WEEK) {
    const windows = windowsOf(day);
    const previous = groups.at(-1);
    if (previous && previous.windows === windows && WEEK.indexOf(previous.last) === WEEK.indexOf(day) - 1) {
      previous.last = day;
    } else {
      groups.push({ first: day, last: day, windows });
    }
  }
  return groups
    .filter((g) => g.windows !== '')
    .map((g) => `${dayRange(g.first, g.last, language)} ${g.windows}`)
    .join('; ');
}
