import { startOfServiceDay } from '@luot/shared';
import { describe, expect, it } from 'vitest';
import { type CentreModel, expectedArrivals, planDay, windowsOf } from './plan.ts';
import { loadTraffic, ratingFor } from './profile.ts';
import { Rng } from './random.ts';

const traffic = loadTraffic();
const TZ = 'Asia/Ho_Chi_Minh';

/** The demo centre as the hub seeds it from the same catalogue. */
function demoCentre(): CentreModel {
  const codes = traffic.fields.map((f) => f.code);
  return {
    timeZone: TZ,
    openingHours: traffic.centre.openingHours,
    fields: codes.map((code) => ({
      id: code.toLowerCase(),
      code,
      procedureIds: [1, 2, 3].map((j) => `${code.toLowerCase()}-${j}`),
    })),
    counters: [{ id: 'c1', number: 1, fieldIds: codes.map((c) => c.toLowerCase()) }],
  };
}

const at = (day: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return startOfServiceDay(day, TZ) + (h * 60 + m) * 60_000;
};

describe('planDay', () => {
  it('gives the same citizens for the same seed and day, others for another seed', () => {
    const a = planDay('2026-03-02', demoCentre(), traffic, { seed: 'x', scale: 1 });
    const b = planDay('2026-03-02', demoCentre(), traffic, { seed: 'x', scale: 1 });
    const c = planDay('2026-03-02', demoCentre(), traffic, { seed: 'y', scale: 1 });
    expect(b).toEqual(a);
    expect(c.citizens.map((x) => x.arrival)).not.toEqual(a.citizens.map((x) => x.arrival));
  });

  it('puts every arrival inside the opening hours, in order, with the profile’s volume', () => {
    const monday = planDay('2026-03-02', demoCentre(), traffic, { seed: '1', scale: 1 });
    expect(monday.windows).toEqual([
      { open: at('2026-03-02', '07:00'), close: at('2026-03-02', '11:30') },
      { open: at('2026-03-02', '13:00'), close: at('2026-03-02', '17:00') },
    ]);
    expect(monday.expected).toBeCloseTo(260 * 1.15);
    expect(monday.citizens.length).toBeGreaterThan(monday.expected * 0.8);
    expect(monday.citizens.length).toBeLessThan(monday.expected * 1.2);
    const arrivals = monday.citizens.map((c) => c.arrival);
    expect(arrivals).toEqual([...arrivals].sort((x, y) => x - y));
    for (const t of arrivals) {
      expect(monday.windows.some((w) => t >= w.open && t < w.close)).toBe(true);
    }
    // The 8 o'clock hour is the busiest of the profile, the 11 o'clock half hour nearly empty.
    const inHour = (h: number) =>
      arrivals.filter((t) => t >= at('2026-03-02', `${h}:00`) && t < at('2026-03-02', `${h + 1}:00`)).length;
    expect(inHour(8)).toBeGreaterThan(inHour(11) * 3);
  });

  it('keeps Saturday to the morning, Sunday closed, and scales arrivals', () => {
    const saturday = planDay('2026-03-07', demoCentre(), traffic, { seed: '1', scale: 1 });
    expect(saturday.windows).toEqual([{ open: at('2026-03-07', '07:30'), close: at('2026-03-07', '11:30') }]);
    expect(saturday.expected).toBe(90);
    const sunday = planDay('2026-03-08', demoCentre(), traffic, { seed: '1', scale: 1 });
    expect(sunday.windows).toEqual([]);
    expect(sunday.citizens).toEqual([]);
    const windows = windowsOf('2026-03-03', demoCentre(), []);
    expect(expectedArrivals('2026-03-03', windows, traffic, 2.5)).toBeCloseTo(260 * 1.05 * 2.5);
  });

  it('draws fields by their share, priorities and behaviour at plausible rates', () => {
    const citizens = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].flatMap(
      (day) => planDay(day, demoCentre(), traffic, { seed: '7', scale: 1 }).citizens,
    );
    const share = (pred: (c: (typeof citizens)[number]) => boolean) =>
      citizens.filter(pred).length / citizens.length;
    expect(share((c) => c.visit.fieldId === 'chungthuc')).toBeCloseTo(0.24, 1);
    expect(share((c) => c.visit.fieldId === 'nguoicocong')).toBeLessThan(0.05);
    expect(share((c) => c.priority !== null)).toBeGreaterThan(0.03);
    expect(share((c) => c.priority !== null)).toBeLessThan(0.12);
    expect(share((c) => c.transfer !== null)).toBeCloseTo(0.03, 1);
    expect(share((c) => c.hears === 'missed')).toBeGreaterThan(0.01);
    expect(share((c) => c.channel === 'online')).toBeGreaterThan(0.01);
    for (const c of citizens) {
      expect(c.visit.procedureIds.length).toBeGreaterThanOrEqual(1);
      expect(c.visit.procedureIds.every((p) => p.startsWith(`${c.visit.fieldId}-`))).toBe(true);
      if (c.transfer) expect(c.transfer.fieldId).not.toBe(c.visit.fieldId);
    }
  });

  it('offers only fields that a staffed counter serves', () => {
    const centre = { ...demoCentre(), counters: [{ id: 'c6', number: 6, fieldIds: ['cutru'] }] };
    const plan = planDay('2026-03-02', centre, traffic, { seed: '1', scale: 1 });
    expect(plan.citizens.length).toBeGreaterThan(200);
    expect(new Set(plan.citizens.map((c) => c.visit.fieldId))).toEqual(new Set(['cutru']));
    expect(plan.citizens.every((c) => c.transfer === null)).toBe(true);
  });
});

describe('random and ratings', () => {
  it('repeats a stream for its name', () => {
    const a = new Rng('s');
    const b = new Rng('s');
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(new Rng('t').next()).not.toBe(new Rng('s').next());
  });

  it('log-normal draws have the asked mean; Poisson counts the asked mean', () => {
    const rng = new Rng('m');
    const draws = Array.from({ length: 20_000 }, () => rng.lognormal(600, 0.6));
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeGreaterThan(580);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeLessThan(620);
    const counts = Array.from({ length: 2000 }, () => rng.poisson(12));
    expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeCloseTo(12, 0);
  });

  it('rates mostly 3–4, lower after a long wait', () => {
    const rng = new Rng('r');
    const short = Array.from({ length: 5000 }, () => ratingFor(rng.next(), 5));
    const long = Array.from({ length: 5000 }, () => ratingFor(rng.next(), 60));
    const pleased = (xs: number[]) => xs.filter((x) => x >= 3).length / xs.length;
    expect(pleased(short)).toBeGreaterThan(0.9);
    expect(pleased(long)).toBeLessThan(pleased(short));
    expect(pleased(long)).toBeGreaterThan(0.6);
  });
});
