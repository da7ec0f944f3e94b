// Figures as a director reads them: durations in minutes, shares in percent, counts with the
// Vietnamese thousands separator, changes against last week.
import type { Language } from '@luot/ui';

export const DASH = '—';

/** 1234 -> "1.234" (vi) / "1,234" (en). */
export function formatCount(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const s = String(Math.round(Math.abs(value))).replace(
    /\B(?=(\d{3})+(?!\d))/g,
    language === 'vi' ? '.' : ',',
  );
  return value < 0 ? `-${s}` : s;
}

/**
 * A wait or service time: "45 giây", "12 phút", "1 giờ 05 phút" (vi); "45 s", "12 min",
 * "1 h 05 min" (en). Under a minute shows seconds; otherwise whole minutes (rounded).
 */
export function formatDuration(seconds: number | null | undefined, language: Language): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return DASH;
  const vi = language === 'vi';
  if (seconds < 60) return vi ? `${Math.round(seconds)} giây` : `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return vi ? `${minutes} phút` : `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = String(minutes % 60).padStart(2, '0');
  return vi ? `${h} giờ ${m} phút` : `${h} h ${m} min`;
}

/** A share 0..1 as "87%" (vi uses a decimal comma where a decimal is shown: "87,5%"). */
export function formatShare(share: number | null | undefined, language: Language): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return DASH;
  const pct = Math.round(share * 1000) / 10;
  const text = Number.isInteger(pct) ? String(pct) : pct.toFixed(1);
  return `${language === 'vi' ? text.replace('.', ',') : text}%`;
}

export type Trend = 'up' | 'down' | 'same' | 'none';

/** How today compares with last week: the signed difference and its direction. */
export function compare(
  today: number | null | undefined,
  lastWeek: number | null | undefined,
): { diff: number | null; trend: Trend } {
  if (today === null || today === undefined || lastWeek === null || lastWeek === undefined)
    return { diff: null, trend: 'none' };
  const diff = today - lastWeek;
  return { diff, trend: diff > 0 ? 'up' : diff < 0 ? 'down' : 'same' };
}

/** "YYYY-MM-DD" -> "12/05/2025" (vi) or "12 May 2025" (en). */
export function formatDay(day: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [, y, mo, d] = m;
  if (language === 'vi') return `${d}/${mo}/${y}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(d)} ${months[Number(mo) - 1]} ${y}`;
}

/** An ISO time as "HH:MM dd/mm" in the centre's time zone (audit log, devices' last seen). */
export function formatTime(iso: string | null | undefined, language: Language, timeZone: string): string {
  if (!iso) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return DASH;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('day')}/${get('month')}/${get('year')}`;
  return language === 'vi'
    ? `${get('hour')}:${get('minute')} ${day}`
    : `${day} ${get('hour')}:${get('minute')}`;
}

/** How long ago `iso` was, against `nowMs`: "vừa xong", "5 phút trước" / "just now", "5 min ago". */
export function formatAgo(iso: string, nowMs: number, language: Language): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return DASH;
  const seconds = Math.max(0, (nowMs - at) / 1000);
  if (seconds < 60) return language === 'vi' ? 'vừa xong' : 'just now';
  const d = formatDuration(seconds, language);
  return language === 'vi' ? `${d} trước` : `${d} ago`;
}
