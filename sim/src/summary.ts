// The printed summary: one line per day, then totals and how fast the run went.
import type { DayResult, SimulateResult } from './simulate.ts';

const WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

const minutes = (seconds: number | null) => (seconds === null ? '—' : (seconds / 60).toFixed(1));
const pad = (text: string | number, width: number) => String(text).padStart(width);

export const DAY_HEADER = [
  'ngày / day       cấp số  phục vụ  vắng  hủy  hết hạn  chờ TB  chờ P90  đánh giá',
  '                 issued   served  no-show canc. expired  wait min  p90 min  rated (avg)',
].join('\n');

function ratingSummary(r: DayResult['stats']['ratings']): string {
  const n = r['1'] + r['2'] + r['3'] + r['4'];
  if (n === 0) return '—';
  const avg = (r['1'] + 2 * r['2'] + 3 * r['3'] + 4 * r['4']) / n;
  return `${n} (${avg.toFixed(2)})`;
}

export function dayLine(day: DayResult): string {
  const s = day.stats;
  const head = `${day.date} ${WEEKDAYS[day.weekday]}`;
  if (s.issued === 0) return `${head.padEnd(16)} ${pad(0, 6)}  — đóng cửa / closed`;
  return [
    head.padEnd(16),
    pad(s.issued, 6),
    pad(s.served, 8),
    pad(s.noShow, 5),
    pad(s.cancelled, 4),
    pad(s.expired, 8),
    pad(minutes(s.avgWaitSeconds), 7),
    pad(minutes(s.p90WaitSeconds), 8),
    `  ${ratingSummary(s.ratings)}`,
  ].join(' ');
}

export interface Totals {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  expired: number;
  /** Mean of the days' average waits, weighted by tickets called (served + no-show). */
  avgWaitSeconds: number | null;
  ratings: { '1': number; '2': number; '3': number; '4': number };
}

export function totalsOf(days: DayResult[]): Totals {
  const t: Totals = {
    issued: 0,
    served: 0,
    noShow: 0,
    cancelled: 0,
    expired: 0,
    avgWaitSeconds: null,
    ratings: { '1': 0, '2': 0, '3': 0, '4': 0 },
  };
  let waitSum = 0;
  let waitWeight = 0;
  for (const { stats: s } of days) {
    t.issued += s.issued;
    t.served += s.served;
    t.noShow += s.noShow;
    t.cancelled += s.cancelled;
    t.expired += s.expired;
    for (const k of ['1', '2', '3', '4'] as const) t.ratings[k] += s.ratings[k];
    if (s.avgWaitSeconds !== null) {
      waitSum += s.avgWaitSeconds * (s.served + s.noShow);
      waitWeight += s.served + s.noShow;
    }
  }
  t.avgWaitSeconds = waitWeight > 0 ? Math.round((waitSum / waitWeight) * 10) / 10 : null;
  return t;
}

export function speedOf(result: SimulateResult) {
  const tickets = result.counts.issued;
  return {
    tickets,
    requests: result.requests,
    seconds: Math.round(result.seconds * 10) / 10,
    ticketsPerSecond: Math.round(tickets / result.seconds),
    requestsPerSecond: Math.round(result.requests / result.seconds),
  };
}

export function closingLines(result: SimulateResult): string {
  const t = totalsOf(result.days);
  const c = result.counts;
  const speed = speedOf(result);
  const share = (n: number) => (t.issued > 0 ? `${((100 * n) / t.issued).toFixed(1)}%` : '—');
  return [
    '',
    `Tổng / totals ${result.from} … ${result.to} (${result.days.length} ngày / days, seed ${result.seed}):`,
    `  cấp số / issued ${t.issued} · phục vụ / served ${t.served} · vắng / no-show ${t.noShow} (${share(t.noShow)})` +
      ` · hủy / cancelled ${t.cancelled} · hết hạn / expired ${t.expired}`,
    `  chờ TB / avg wait ${minutes(t.avgWaitSeconds)} min · đánh giá / ratings ${ratingSummary(t.ratings)}`,
    `  gọi / calls ${c.calls} (gọi chỉ định / specific ${c.specificCalls}) · gọi lại / recalls ${c.recalls}` +
      ` · chuyển / transfers ${c.transfers} · khôi phục / reinstated ${c.reinstates} · tạm dừng / pauses ${c.pauses}`,
    `  socket: ${result.realtime.calls} calls and ${result.realtime.recalls} recalls announced, ${result.realtime.gaps} gaps`,
    `Tốc độ / speed: ${speed.tickets} tickets, ${speed.requests} requests in ${speed.seconds} s` +
      ` = ${speed.ticketsPerSecond} tickets/s, ${speed.requestsPerSecond} requests/s`,
    `Dữ liệu / data: ${result.dataDir} (admin and canbo1… sign in with the passwords given; see docs/simulator.md)`,
  ].join('\n');
}
