// The director's live overview (GET /api/v1/overview): waiting per field, counters and how long
// they have been idle, alerts from live data and the centre's thresholds, and today against the
// same weekday a week ago up to the same time of day.
import type { Overview, OverviewAlert } from '@luot/shared';
import {
  averageSeconds,
  isOpenAt,
  OpeningHours,
  serviceDayOf,
  startOfServiceDay,
  wholeSeconds,
} from '@luot/shared';
import type { DeviceRow } from '../db/store.ts';
import type { Hub } from '../hub.ts';
import { centreSettings, thresholdsOf } from './settings.ts';

export { DAY_UNTIL_SQL, WAITING_BY_FIELD_SQL } from '../db/overview.ts';

const PRINTER_PROBLEMS: Record<string, { vi: string; en: string }> = {
  paper_out: { vi: 'hết giấy', en: 'out of paper' },
  cover_open: { vi: 'nắp đang mở', en: 'cover open' },
  offline: { vi: 'không kết nối được', en: 'offline' },
  connection_lost: { vi: 'mất kết nối khi đang in', en: 'connection lost while printing' },
  timeout: { vi: 'không phản hồi', en: 'not answering' },
  bad_uri: { vi: 'địa chỉ máy in không đúng', en: 'wrong printer address' },
  error: { vi: 'lỗi', en: 'error' },
};

const DEVICE_KINDS: Record<DeviceRow['kind'], { vi: string; en: string }> = {
  kiosk: { vi: 'Kiosk', en: 'Kiosk' },
  counter: { vi: 'Thiết bị quầy', en: 'Counter device' },
  display: { vi: 'Màn hình', en: 'Display' },
};

const minutes = (ms: number) => Math.floor(ms / 60_000);
const iso = (ms: number) => new Date(ms).toISOString();

/** The day 7 days before a YYYY-MM-DD date. */
function weekBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 7)).toISOString().slice(0, 10);
}

export function overviewQuery(hub: Hub): () => Overview {
  const { store } = hub;
  const data = store.data.overview;

  return () =>
    store.db.transaction((): Overview => {
      const now = hub.now();
      const centre = store.centre();
      const tz = centre.time_zone;
      const settings = centreSettings(store);
      const alertWaitMs = settings.alertWaitMinutes * 60_000;
      const idleMs = settings.idleAlertMinutes * 60_000;
      const silentMs = settings.deviceSilentMinutes * 60_000;
      const alerts: OverviewAlert[] = [];
      const severity = (elapsed: number, threshold: number) =>
        elapsed >= 2 * threshold ? ('critical' as const) : ('warning' as const);

      // ---- fields
      const waiting = new Map(data.waitingByField(now - alertWaitMs).map((r) => [r.service_id, r]));
      const services = store.serviceRows();
      const fields = services
        .filter((s) => s.active === 1 || waiting.has(s.id))
        .map((s) => {
          const w = waiting.get(s.id);
          return {
            serviceId: s.id,
            name: s.name,
            waiting: w?.waiting ?? 0,
            longestWaitSeconds: w ? wholeSeconds(now - w.oldest) : null,
          };
        });
      for (const s of services) {
        const w = waiting.get(s.id);
        if (!w || w.over === 0) continue;
        const longest = now - w.oldest;
        alerts.push({
          kind: 'long_wait',
          severity: severity(longest, alertWaitMs),
          message: `${s.name}: ${w.over} người chờ quá ${settings.alertWaitMinutes} phút, lâu nhất ${minutes(longest)} phút`,
          messageEn: `${s.name_en || s.name}: ${w.over} waiting over ${settings.alertWaitMinutes} min, longest ${minutes(longest)} min`,
          at: iso(w.oldest),
          ref: s.id,
        });
      }

      // ---- counters
      const targeted = new Map(data.waitingForCounter().map((r) => [r.counter_id, r]));
      const counters = store.counters().map((counter) => {
        if (counter.state === 'closed' || counter.currentTicket) return { ...counter, idleSeconds: null };
        const since = data.lastActionAt(counter.id) ?? null;
        if (since === null) return { ...counter, idleSeconds: null };
        // People this counter could be serving: its fields' line, and tickets sent to it.
        let people = targeted.get(counter.id)?.waiting ?? 0;
        let oldest = targeted.get(counter.id)?.oldest ?? Number.POSITIVE_INFINITY;
        for (const serviceId of counter.serviceIds) {
          const w = waiting.get(serviceId);
          if (!w || w.free === 0) continue;
          people += w.free;
          oldest = Math.min(oldest, w.oldest_free ?? Number.POSITIVE_INFINITY);
        }
        // The alert counts from when both were true: nobody called, and somebody waiting.
        const from = Math.max(since, oldest);
        if (people > 0 && now - from > idleMs) {
          const m = minutes(now - from);
          const paused = counter.state === 'paused';
          const reason = paused && counter.pauseReason ? ` (${counter.pauseReason})` : '';
          alerts.push({
            kind: paused ? 'counter_paused' : 'counter_idle',
            severity: severity(now - from, idleMs),
            message: paused
              ? `${counter.name} tạm dừng${reason} ${m} phút trong khi có ${people} người chờ`
              : `${counter.name} không gọi số ${m} phút trong khi có ${people} người chờ`,
            messageEn: paused
              ? `Counter ${counter.number} paused${reason} for ${m} min while ${people} people wait`
              : `Counter ${counter.number} idle for ${m} min while ${people} people wait`,
            at: iso(from),
            ref: counter.id,
          });
        }
        return { ...counter, idleSeconds: wholeSeconds(now - since) };
      });

      // ---- devices
      for (const row of data.printerAlerts()) {
        const problem = PRINTER_PROBLEMS[row.code] ?? { vi: row.code, en: row.code };
        alerts.push({
          kind: 'printer',
          severity: row.code === 'error' || !(row.code in PRINTER_PROBLEMS) ? 'warning' : 'critical',
          message: `Máy in của ${row.device_name}: ${problem.vi}`,
          messageEn: `Printer of ${row.device_name}: ${problem.en}`,
          at: iso(row.at),
          ref: row.device_id,
        });
      }
      const hours = OpeningHours.safeParse(safeJson(centre.opening_hours));
      // Devices are switched off when the centre is closed: silence then is no news.
      if (isOpenAt(hours.success ? hours.data : [], now, tz)) {
        for (const device of data.activeDevices()) {
          if (hub.connectedDevices.has(device.id)) continue;
          const seen = device.last_seen_at ?? device.created_at;
          if (now - seen <= silentMs) continue;
          const kind = DEVICE_KINDS[device.kind];
          const m = minutes(now - seen);
          alerts.push({
            kind: 'device_silent',
            severity: severity(now - seen, silentMs),
            message: `${kind.vi} “${device.name}” mất kết nối ${m} phút`,
            messageEn: `${kind.en} “${device.name}” not seen for ${m} min`,
            at: iso(seen),
            ref: device.id,
          });
        }
      }
      alerts.sort(
        (a, b) =>
          Number(b.severity === 'critical') - Number(a.severity === 'critical') || a.at.localeCompare(b.at),
      );

      // ---- today against the same weekday last week, up to the same time of day
      const day = serviceDayOf(now, tz);
      const t = data.day(day);
      const lastWeekDay = weekBefore(day);
      const cutoff = startOfServiceDay(lastWeekDay, tz) + (now - startOfServiceDay(day, tz));
      const w = data.dayUntil(lastWeekDay, cutoff);
      return {
        serviceDay: day,
        at: iso(now),
        thresholds: thresholdsOf(settings),
        fields,
        counters,
        alerts,
        today: {
          issued: t.issued ?? 0,
          served: t.served ?? 0,
          noShow: t.no_show ?? 0,
          waiting: t.waiting ?? 0,
          avgWaitSeconds: averageSeconds(t.wait_sum ?? 0, t.wait_count),
        },
        lastWeek: {
          date: lastWeekDay,
          issued: w.issued ?? 0,
          served: w.served ?? 0,
          noShow: w.no_show ?? 0,
          avgWaitSeconds: averageSeconds(w.wait_sum ?? 0, w.wait_count),
        },
      };
    })();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
