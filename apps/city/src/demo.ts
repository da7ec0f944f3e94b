// A demo city: a dozen Cần Thơ ward and commune centres that enrol and report their last weeks
// through the real protocol (signed reports over HTTP to this city), so that a newcomer sees a
// populated city. Tickets are drawn from a seeded generator: every run of the same days gives the
// same figures. Each day's report carries the centre's own figures for that day, which reconcile.
import {
  addTicket,
  avgServiceSeconds,
  avgWaitSeconds,
  emptySums,
  p90WaitSeconds,
  type Report,
  type ReportDay,
  type ReportTicket,
  ratingsOf,
} from '@luot/shared';
import { newCentreKeyPair, signRequest } from '@luot/shared/node';
import type { City } from './city.ts';

export const DEMO_CENTRES: readonly { code: string; name: string; size: number }[] = [
  { code: 'HUNGPHU', name: 'Phường Hưng Phú', size: 1.4 },
  { code: 'CAIKHE', name: 'Phường Cái Khế', size: 1.1 },
  { code: 'TANAN', name: 'Phường Tân An', size: 1.0 },
  { code: 'ANBINH', name: 'Phường An Bình', size: 0.9 },
  { code: 'BINHTHUY', name: 'Phường Bình Thủy', size: 1.0 },
  { code: 'PHONGNAM', name: 'Xã Phong Nam', size: 0.5 },
  { code: 'VITAN', name: 'Phường Vị Tân', size: 0.7 },
  { code: 'DAITHANH', name: 'Phường Đại Thành', size: 0.6 },
  { code: 'TRUONGLONGTAY', name: 'Xã Trường Long Tây', size: 0.4 },
  { code: 'CODO', name: 'Xã Cờ Đỏ', size: 0.6 },
  { code: 'VITHUY', name: 'Xã Vị Thủy', size: 0.5 },
  { code: 'HOALUU', name: 'Xã Hòa Lựu', size: 0.45 },
];

const FIELDS = [
  { code: 'HOTICH', name: 'Hộ tịch', share: 0.26, serviceMin: 9 },
  { code: 'CHUNGTHUC', name: 'Chứng thực', share: 0.24, serviceMin: 4 },
  { code: 'DATDAI', name: 'Đất đai', share: 0.12, serviceMin: 14 },
  { code: 'CUTRU', name: 'Cư trú', share: 0.12, serviceMin: 7 },
  { code: 'BAOTRO', name: 'Bảo trợ xã hội', share: 0.08, serviceMin: 10 },
  { code: 'KINHDOANH', name: 'Hộ kinh doanh', share: 0.06, serviceMin: 12 },
  { code: 'TRAKETQUA', name: 'Nhận kết quả', share: 0.12, serviceMin: 2 },
];

/** The service day's UTC start of the centre's local midnight (Asia/Ho_Chi_Minh, UTC+7). */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const localDay = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);

/** mulberry32: a small seeded generator, so the demo is the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seedOf = (text: string) =>
  [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261);

/** The field whose share of arrivals holds `u` (0 ≤ u < 1). */
function pickField(u: number): (typeof FIELDS)[number] {
  let left = u;
  for (const field of FIELDS) {
    left -= field.share;
    if (left < 0) return field;
  }
  return FIELDS[0]!;
}

/** One day of a centre: tickets (all closed) and the centre's own figures of the day. */
export function demoDay(
  code: string,
  size: number,
  day: string,
): { tickets: Omit<ReportTicket, 'version'>[]; figures: ReportDay } {
  const rnd = random(seedOf(`${code}|${day}`));
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const base = weekday === 0 ? 0 : weekday === 6 ? 90 : 240;
  const count = Math.round(base * size * (0.8 + 0.4 * rnd()));
  const start = dayStart(day);
  const tickets: Omit<ReportTicket, 'version'>[] = [];
  // Counters free at: a few counters, more in bigger centres; waits grow when they are busy.
  const counters = Array.from({ length: Math.max(2, Math.round(5 * size)) }, () => start + 7 * 3600_000);
  for (let i = 0; i < count; i += 1) {
    // Arrivals from 07:00 to 16:30, more in the morning.
    const u = rnd();
    const hour = 7 + 9.5 * (u < 0.65 ? rnd() * 0.45 : 0.45 + rnd() * 0.55);
    const issuedAt = Math.round(start + hour * 3600_000);
    const field = pickField(rnd());
    const fate = rnd();
    const c = counters.indexOf(Math.min(...counters));
    const calledAt = Math.max(issuedAt + 20_000, counters[c]!) + Math.round(rnd() * 60_000);
    const serviceMs = Math.round(field.serviceMin * 60_000 * (0.5 + rnd()));
    const status = fate < 0.9 ? 'done' : fate < 0.95 ? 'no_show' : fate < 0.97 ? 'cancelled' : 'expired';
    const called = status === 'done' || status === 'no_show';
    if (called) counters[c] = calledAt + (status === 'done' ? serviceMs : 60_000);
    const r = rnd();
    tickets.push({
      id: `${code.toLowerCase()}-${day.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
      serviceDay: day,
      service: { code: field.code, name: field.name },
      procedureCodes: [],
      priority: rnd() < 0.08 ? 'elderly' : null,
      channel: 'kiosk',
      status,
      issuedAt: new Date(issuedAt).toISOString(),
      calledAt: called ? new Date(calledAt).toISOString() : null,
      startedAt: status === 'done' ? new Date(calledAt + 30_000).toISOString() : null,
      finishedAt: status === 'done' ? new Date(calledAt + 30_000 + serviceMs).toISOString() : null,
      counterNumber: called ? c + 1 : null,
      officer: called ? `o-demo${code.slice(0, 4).toLowerCase()}${c + 1}`.padEnd(18, 'x').slice(0, 18) : null,
      recallCount: 0,
      rating: status === 'done' && r < 0.45 ? (r < 0.27 ? 4 : r < 0.4 ? 3 : r < 0.43 ? 2 : 1) : null,
    });
  }
  return { tickets, figures: { date: day, ...figuresOf(tickets) } };
}

/** A day's figures as a hub computes them: the shared definitions of figures.ts. */
export function figuresOf(tickets: readonly Omit<ReportTicket, 'version'>[]): Omit<ReportDay, 'date'> {
  const sums = emptySums();
  const waits: number[] = [];
  const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
  for (const t of tickets) {
    const wait = addTicket(sums, {
      status: t.status,
      issuedAt: Date.parse(t.issuedAt),
      calledAt: ms(t.calledAt),
      startedAt: ms(t.startedAt),
      finishedAt: ms(t.finishedAt),
      rating: t.rating,
    });
    if (wait !== null) waits.push(wait);
  }
  return {
    issued: sums.issued,
    served: sums.served,
    noShow: sums.noShow,
    cancelled: sums.cancelled,
    expired: sums.expired,
    avgWaitSeconds: avgWaitSeconds(sums),
    p90WaitSeconds: p90WaitSeconds(Float64Array.from(waits)),
    avgServiceSeconds: avgServiceSeconds(sums),
    ratings: ratingsOf(sums),
  };
}

/**
 * Adds the demo centres (once: a city that has them already is left as it is), enrols each
 * with its own key, and sends `days` past days (before today) and a live snapshot through the
 * city's own HTTP API at `url`. Returns the number of tickets sent.
 */
export async function seedDemoCity(
  city: City,
  url: string,
  options: { days: number; now: number },
): Promise<number> {
  const { centres } = await city.listCentres();
  if (centres.some((c) => c.code === DEMO_CENTRES[0]!.code)) return 0;
  let sent = 0;
  const today = localDay(options.now);
  for (const centre of DEMO_CENTRES) {
    const made = await city.createCentre(centre.code, centre.name);
    const keys = newCentreKeyPair();
    await city.enrol(made.enrolmentCode, keys.publicKey, `demo-${centre.code}`);
    let seq = 0;
    for (let back = options.days; back >= 1; back -= 1) {
      const day = localDay(dayStart(today) + 12 * 3600_000 - back * 86_400_000);
      const { tickets, figures } = demoDay(centre.code, centre.size, day);
      const fromSeq = seq + 1;
      const versioned = tickets.map((t) => ({ ...t, version: ++seq }));
      seq += 1; // the day close
      await post(url, centre.code, keys.privateKey, options.now, {
        centre: centre.code,
        fromSeq,
        toSeq: seq,
        sentAt: new Date(options.now).toISOString(),
        tickets: versioned,
        days: [figures],
        live: null,
      });
      sent += tickets.length;
    }
    await post(url, centre.code, keys.privateKey, options.now, {
      centre: centre.code,
      fromSeq: seq + 1,
      toSeq: seq,
      sentAt: new Date(options.now).toISOString(),
      tickets: [],
      days: [],
      live: demoLive(centre.code, centre.size, options.now),
    });
  }
  return sent;
}

/** A plausible "now" for the centre: counters open during opening hours (Mon–Sat 07:00–17:00). */
export function demoLive(code: string, size: number, now: number) {
  const local = new Date(now + 7 * 3600_000);
  const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
  const open = local.getUTCDay() !== 0 && hour >= 7 && hour < 17;
  const rnd = random(seedOf(`${code}|${Math.floor(now / 600_000)}`));
  const waiting = open ? Math.round(rnd() * 22 * size) : 0;
  return {
    at: new Date(now).toISOString(),
    waiting,
    countersOpen: open ? Math.max(1, Math.round(5 * size * (0.5 + rnd() / 2))) : 0,
    longestWaitSeconds: waiting > 0 ? Math.round(60 + rnd() * 1500 * size) : null,
  };
}

async function post(
  url: string,
  code: string,
  privateKey: string,
  now: number,
  report: Report,
): Promise<void> {
  const body = JSON.stringify(report);
  const headers = signRequest({
    method: 'POST',
    path: '/api/city/v1/reports',
    body,
    keyId: code,
    privateKey,
    created: Math.floor(now / 1000),
  });
  const res = await fetch(`${url}/api/city/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  if (res.status !== 200) throw new Error(`demo report of ${code}: ${res.status} ${await res.text()}`);
}

/**
 * Keeps the demo centres live: each start gives every demo centre a new key (a new enrolment
 * code replaces the old key, as for a real centre) and from then on sends its live snapshot every
 * `everyMs`, so the public page shows current figures while the demo runs. Returns a stop.
 */
export async function keepDemoLive(
  city: City,
  url: string,
  options: { everyMs?: number; now?: () => number } = {},
): Promise<() => void> {
  const now = options.now ?? Date.now;
  const keys = new Map<string, string>();
  for (const centre of DEMO_CENTRES) {
    const made = await city.createCentre(centre.code, centre.name);
    const pair = newCentreKeyPair();
    await city.enrol(made.enrolmentCode, pair.publicKey, `demo-${centre.code}`);
    keys.set(centre.code, pair.privateKey);
  }
  const tick = async () => {
    const { centres } = await city.listCentres();
    for (const centre of DEMO_CENTRES) {
      const acked = centres.find((c) => c.code === centre.code)?.ackedSeq ?? 0;
      const at = now();
      await post(url, centre.code, keys.get(centre.code)!, at, {
        centre: centre.code,
        fromSeq: acked + 1,
        toSeq: acked,
        sentAt: new Date(at).toISOString(),
        tickets: [],
        days: [],
        live: demoLive(centre.code, centre.size, at),
      });
    }
  };
  await tick();
  const timer = setInterval(() => {
    tick().catch(() => {});
  }, options.everyMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
