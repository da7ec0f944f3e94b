// What needs the city's attention now (issue 15's alerts, served at GET /api/city/v1/alerts):
// a centre silent for more than 15 minutes (a city setting) while centres are open, a closed day
// whose figures did not reconcile, a centre whose longest wait passes the threshold (a setting). Opening hours are the
// government office hours every commune and ward centre keeps (Mon–Fri 07:00–11:30 and
// 13:00–17:00, Sat 07:30–11:30, Asia/Ho_Chi_Minh); a centre never counts as silent outside them.
import { isOpenAt, type LiveSnapshot, type OpeningHours } from '@luot/shared';
import type { CityDatabase } from './db/database.ts';

export const OFFICE_HOURS: OpeningHours = [
  { days: [1, 2, 3, 4, 5], open: '07:00', close: '11:30' },
  { days: [1, 2, 3, 4, 5], open: '13:00', close: '17:00' },
  { days: [6], open: '07:30', close: '11:30' },
];
export const SILENT_AFTER_MS = 15 * 60_000;
export const LONG_WAIT_SECONDS = 30 * 60;
const ZONE = 'Asia/Ho_Chi_Minh';

export type CityAlert =
  | { kind: 'silent'; centre: { code: string; name: string }; since: string | null }
  | { kind: 'unreconciled'; centre: { code: string; name: string }; date: string }
  | { kind: 'long_wait'; centre: { code: string; name: string }; longestWaitSeconds: number; at: string };

export async function cityAlerts(
  db: CityDatabase,
  now: number,
  thresholds: { silentMinutes: number; longWaitMinutes: number } = {
    silentMinutes: SILENT_AFTER_MS / 60_000,
    longWaitMinutes: LONG_WAIT_SECONDS / 60,
  },
): Promise<CityAlert[]> {
  const alerts: CityAlert[] = [];
  const silentMs = thresholds.silentMinutes * 60_000;
  const longWaitSeconds = thresholds.longWaitMinutes * 60;
  const centres = await db.query<{
    code: string;
    name: string;
    last_report_at: Date | string | null;
    live: LiveSnapshot | null;
  }>('SELECT code, name, last_report_at, live FROM centres WHERE public_key IS NOT NULL ORDER BY code');
  const open = isOpenAt(OFFICE_HOURS, now, ZONE);
  for (const c of centres) {
    const centre = { code: c.code, name: c.name };
    const last = c.last_report_at === null ? null : new Date(c.last_report_at).getTime();
    if (open && (last === null || now - last > silentMs)) {
      alerts.push({ kind: 'silent', centre, since: last === null ? null : new Date(last).toISOString() });
    }
    const live = c.live;
    if (live && now - Date.parse(live.at) <= silentMs && (live.longestWaitSeconds ?? 0) > longWaitSeconds) {
      alerts.push({ kind: 'long_wait', centre, longestWaitSeconds: live.longestWaitSeconds!, at: live.at });
    }
  }
  const days = await db.query<{ code: string; name: string; date: string }>(
    `SELECT c.code, c.name, d.date::text AS date FROM centre_days d JOIN centres c ON c.id = d.centre_id
     WHERE NOT d.reconciled AND d.date >= (to_timestamp($1 / 1000.0) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 30
     ORDER BY d.date DESC, c.code`,
    [now],
  );
  for (const d of days)
    alerts.push({ kind: 'unreconciled', centre: { code: d.code, name: d.name }, date: d.date });
  return alerts;
}
