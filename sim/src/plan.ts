// The citizens of one simulated day, drawn up front from the seed: when each arrives, for
// which field and procedure, and how they will behave. Pure: no hub, no clock.
import type { Channel, OpeningHours, Priority } from '@luot/shared';
import { PRIORITIES, startOfServiceDay, zonedParts } from '@luot/shared';
import { BEHAVIOUR, type CatalogTraffic, TRANSFER_TARGETS } from './profile.ts';
import { Rng } from './random.ts';

/** The centre as the hub describes it (GET /centre, /services, /counters), reduced. */
export interface CentreModel {
  timeZone: string;
  openingHours: OpeningHours;
  fields: { id: string; code: string; procedureIds: string[] }[];
  /** The counters that have an officer in the simulation, with their fields. */
  counters: { id: string; number: number; fieldIds: string[] }[];
}

export interface Visit {
  fieldId: string;
  /** Procedures recorded at finish (one or two of the field's). */
  procedureIds: string[];
  serviceSeconds: number;
}

export interface Citizen {
  index: number;
  /** Epoch ms. */
  arrival: number;
  channel: Extract<Channel, 'kiosk' | 'online'>;
  priority: Priority | null;
  /** The procedure chosen at the kiosk, or null (field only). */
  kioskProcedureId: string | null;
  visit: Visit;
  /** A second field the officer sends the citizen on to, or null. */
  transfer: Visit | null;
  /** Seconds from the call to sitting down at the counter. */
  walkSeconds: number;
  /** How the citizen answers a call: at once, only the recall, or not at all (no-show). */
  hears: 'first' | 'recall' | 'missed';
  /** After a missed call: minutes until they come back to ask, or null (never). */
  returnsAfterMinutes: number | null;
  /** Leaves after this many ms of waiting without a call; null waits all day. */
  patienceMs: number | null;
  /** Tells staff when leaving (the ticket is cancelled) instead of just going. */
  cancelsWhenLeaving: boolean;
  pressesStart: boolean;
  /** Uniform draw for the rating (mapped with the wait), or null when they do not rate. */
  ratingDraw: number | null;
}

export interface Window {
  open: number;
  close: number;
}

export interface DayPlan {
  day: string;
  weekday: number;
  windows: Window[];
  expected: number;
  citizens: Citizen[];
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The day's opening windows as instants, merged and in order (empty: closed all day). */
export function windowsOf(day: string, centre: CentreModel, fallback: OpeningHours): Window[] {
  const start = startOfServiceDay(day, centre.timeZone);
  const weekday = zonedParts(start + 12 * 3600_000, centre.timeZone).weekday;
  const hours = centre.openingHours.length > 0 ? centre.openingHours : fallback;
  const windows = hours
    .filter((w) => w.days.includes(weekday) && minutesOf(w.open) < minutesOf(w.close))
    .map((w) => ({ open: start + minutesOf(w.open) * 60_000, close: start + minutesOf(w.close) * 60_000 }))
    .sort((a, b) => a.open - b.open);
  const merged: Window[] = [];
  for (const w of windows) {
    const last = merged.at(-1);
    if (last && w.open <= last.close) last.close = Math.max(last.close, w.close);
    else merged.push({ ...w });
  }
  return merged;
}

export function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** The mean number of arrivals the profile gives for a day (before the day's random draw). */
export function expectedArrivals(
  day: string,
  windows: Window[],
  traffic: CatalogTraffic,
  scale: number,
): number {
  if (windows.length === 0) return 0;
  const weekday = weekdayOf(day);
  const base =
    weekday === 6
      ? traffic.arrivalsPerDay.saturday
      : traffic.arrivalsPerDay.weekday * BEHAVIOUR.weekdayFactor[weekday]!;
  return base * scale;
}

/** Arrival-time segments: each opening window cut by hour, weighted by the hourly profile. */
function arrivalSegments(windows: Window[], dayStart: number, traffic: CatalogTraffic) {
  const segments: { from: number; to: number; weight: number }[] = [];
  for (const w of windows) {
    for (let t = w.open; t < w.close; ) {
      // Local hours counted from midnight (the zones Lượt serves have no DST).
      const hour = Math.floor((t - dayStart) / 3600_000);
      const hourEnd = Math.min(w.close, dayStart + (hour + 1) * 3600_000);
      const weight = (traffic.arrivalProfileByHour[String(hour)] ?? 0) * ((hourEnd - t) / 3600_000);
      segments.push({ from: t, to: hourEnd, weight });
      t = hourEnd;
    }
  }
  // A centre open at hours the profile does not know: spread arrivals evenly.
  if (segments.every((s) => s.weight === 0)) for (const s of segments) s.weight = s.to - s.from;
  return segments;
}

function drawPriority(rng: Rng, code: string): Priority | null {
  const shares = { ...BEHAVIOUR.priority, ...BEHAVIOUR.priorityByField[code] };
  const weights = PRIORITIES.map((p) => shares[p] ?? 0);
  const none = Math.max(0, 1 - weights.reduce((a, b) => a + b, 0));
  const i = rng.weightedIndex([...weights, none]);
  return i >= 0 && i < PRIORITIES.length ? PRIORITIES[i]! : null;
}

/** Earlier procedures in the catalogue are the common ones (birth registration, copies). */
function drawProcedure(rng: Rng, procedureIds: string[]): string {
  return procedureIds[rng.weightedIndex(procedureIds.map((_, j) => 1 / (j + 1)))]!;
}

export function planDay(
  day: string,
  centre: CentreModel,
  traffic: CatalogTraffic,
  opts: { seed: string; scale: number },
): DayPlan {
  const windows = windowsOf(day, centre, traffic.centre.openingHours);
  const expected = expectedArrivals(day, windows, traffic, opts.scale);
  const plan: DayPlan = { day, weekday: weekdayOf(day), windows, expected, citizens: [] };
  // Only fields some staffed counter serves: the centre would not offer the others today.
  const staffed = new Set(centre.counters.flatMap((c) => c.fieldIds));
  const fields = centre.fields
    .filter((s) => staffed.has(s.id) && s.procedureIds.length > 0)
    .map((s) => {
      const profile = traffic.fields.find((f) => f.code === s.code);
      return {
        ...s,
        share: profile?.shareOfArrivals ?? 1 / centre.fields.length,
        meanServiceSeconds: (profile?.meanServiceMinutes ?? 8) * 60,
      };
    });
  if (fields.length === 0 || expected === 0) return plan;
  const rng = new Rng(`${opts.seed}:${day}:citizens`);
  const segments = arrivalSegments(windows, startOfServiceDay(day, centre.timeZone), traffic);
  const count = rng.poisson(expected);
  const visitOf = (field: (typeof fields)[number]): Visit => {
    const first = drawProcedure(rng, field.procedureIds);
    const procedureIds = [first];
    if (field.procedureIds.length > 1 && rng.chance(BEHAVIOUR.secondProcedureShare)) {
      const second = drawProcedure(
        rng,
        field.procedureIds.filter((p) => p !== first),
      );
      procedureIds.push(second);
    }
    const mean = field.meanServiceSeconds;
    const serviceSeconds = Math.min(5 * mean, Math.max(45, rng.lognormal(mean, BEHAVIOUR.serviceCv)));
    return { fieldId: field.id, procedureIds, serviceSeconds: Math.round(serviceSeconds) };
  };
  const arrivals: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = segments[rng.weightedIndex(segments.map((x) => x.weight))]!;
    arrivals.push(Math.floor(rng.uniform(s.from, s.to)));
  }
  arrivals.sort((a, b) => a - b);
  arrivals.forEach((arrival, index) => {
    const field = fields[rng.weightedIndex(fields.map((f) => f.share))]!;
    const visit = visitOf(field);
    let transfer: Visit | null = null;
    if (fields.length > 1 && rng.chance(BEHAVIOUR.transferShare)) {
      const preferred = (TRANSFER_TARGETS[field.code] ?? [])
        .map((code) => fields.find((f) => f.code === code))
        .filter((f) => f !== undefined);
      const others = fields.filter((f) => f.id !== field.id);
      const target =
        preferred.length > 0 ? rng.pick(preferred) : others[rng.weightedIndex(others.map((f) => f.share))]!;
      transfer = visitOf(target);
    }
    const absent = rng.chance(BEHAVIOUR.absentShare);
    const missed = absent && rng.chance(BEHAVIOUR.missedShare);
    const waitsAllDay = rng.chance(BEHAVIOUR.waitsAllDayShare);
    const patience = rng.lognormal(BEHAVIOUR.patienceMeanMinutes, BEHAVIOUR.patienceCv);
    plan.citizens.push({
      index,
      arrival,
      channel: rng.chance(BEHAVIOUR.onlineShare) ? 'online' : 'kiosk',
      priority: drawPriority(rng, field.code),
      kioskProcedureId: rng.chance(BEHAVIOUR.procedureAtKioskShare) ? visit.procedureIds[0]! : null,
      visit,
      transfer,
      walkSeconds: Math.round(rng.uniform(10, 50)),
      hears: missed ? 'missed' : absent ? 'recall' : 'first',
      returnsAfterMinutes: missed && rng.chance(BEHAVIOUR.returnShare) ? rng.uniform(2, 12) : null,
      patienceMs: waitsAllDay ? null : Math.round(Math.max(15, patience) * 60_000),
      cancelsWhenLeaving: rng.chance(BEHAVIOUR.cancelShareOfLeavers),
      pressesStart: rng.chance(BEHAVIOUR.startShare),
      ratingDraw: rng.chance(BEHAVIOUR.ratingShare) ? rng.next() : null,
    });
  });
  return plan;
}
