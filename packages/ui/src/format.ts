// Dates and times as people in Vietnam read them, in the centre's time zone.
import type { Language } from './i18n.ts';

export const CENTRE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const WEEKDAYS_VI = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Calendar fields of `date` in `timeZone` (numbers only, so no dependence on ICU's locale data). */
export function zonedParts(date: Date, timeZone = CENTRE_TIME_ZONE) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const year = get('year');
  const month = get('month');
  const day = get('day');
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour: get('hour') % 24, minute: get('minute'), second: get('second'), weekday };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * vi: `{date: "Thứ Hai, 12/05/2025", time: "09:05"}`; en: `{date: "Monday, 12 May 2025", time: "09:05"}`.
 */
export function formatClock(
  date: Date,
  language: Language = 'vi',
  timeZone = CENTRE_TIME_ZONE,
): { date: string; time: string } {
  const p = zonedParts(date, timeZone);
  const time = `${pad(p.hour)}:${pad(p.minute)}`;
  if (language === 'en')
    return { date: `${WEEKDAYS_EN[p.weekday]}, ${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`, time };
  return { date: `${WEEKDAYS_VI[p.weekday]}, ${pad(p.day)}/${pad(p.month)}/${p.year}`, time };
}
