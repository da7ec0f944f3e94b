// GET /api/v1/reports against a real hub: three scripted days (reports-fixture.ts) with every
// figure worked out by hand, today's open tickets, a late rating of a kept day, the target
// from the centre's settings, the day close, who may read, and bad periods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, issue } from './api-helpers.ts';
import { DAYS, type ReportScript, runReportScript } from './reports-fixture.ts';

let s: ReportScript;
let director: string;
let beforeLate: any;
const names = { services: new Map<string, string>(), procedures: new Map<string, string>() };

const report = async (query: string, token = director) =>
  expectOk(await s.t.api('GET', `/api/v1/reports${query}`, { token }));

beforeAll(async () => {
  s = await runReportScript(async (script) => {
    const token = await script.director();
    // Monday and Tuesday are read (and kept) before Thursday's late rating of F.
    beforeLate = expectOk(
      await script.t.api('GET', `/api/v1/reports?from=${DAYS.mon}&to=${DAYS.tue}`, { token }),
    );
  });
  director = await s.director();
  for (const service of expectOk(await s.t.api('GET', '/api/v1/services', { token: director })).services) {
    names.services.set(service.id, service.name);
    for (const p of service.procedures) names.procedures.set(p.id, p.name);
  }
});
afterAll(() => s.t.close());

const ratings = (r1: number, r2: number, r3: number, r4: number) => ({ '1': r1, '2': r2, '3': r3, '4': r4 });

describe('GET /api/v1/reports', () => {
  it('gives every figure of Monday to Thursday exactly', async () => {
    const r = await report(`?from=${DAYS.mon}&to=${DAYS.thu}`);
    const officerFigures = {
      // rp-an at c2: A, E, I
      an: {
        issued: 3,
        served: 2,
        noShow: 0,
        cancelled: 0,
        expired: 0,
        avgWaitSeconds: 1396.7, // (300 + 3600 + 290) / 3
        p90WaitSeconds: 3600,
        avgServiceSeconds: 470, // (600 + 340) / 2
        withinTargetShare: 0.6667, // 300 and 290 of 3 waits within 15 min
        ratings: ratings(0, 1, 0, 1),
        satisfiedShare: 0.5,
      },
      // rp-binh at c1: B, C, G, H
      binh: {
        issued: 4,
        served: 1,
        noShow: 2,
        cancelled: 0,
        expired: 0,
        avgWaitSeconds: 680, // (540 + 580 + 1500 + 100) / 4
        p90WaitSeconds: 1500,
        avgServiceSeconds: 120,
        withinTargetShare: 0.75,
        ratings: ratings(0, 0, 1, 0),
        satisfiedShare: 1,
      },
      // rp-cuong at c4: F (D was cancelled while waiting: no counter)
      cuong: {
        issued: 1,
        served: 1,
        noShow: 0,
        cancelled: 0,
        expired: 0,
        avgWaitSeconds: 4270, // called again 4300 s after its issue at 30 s
        p90WaitSeconds: 4270,
        avgServiceSeconds: 600,
        withinTargetShare: 0,
        ratings: ratings(1, 0, 0, 0),
        satisfiedShare: 0,
      },
    };
    expect(r).toEqual({
      from: DAYS.mon,
      to: DAYS.thu,
      days: 4,
      targetWaitMinutes: 15,
      totals: {
        issued: 10,
        served: 4,
        noShow: 2,
        cancelled: 1,
        expired: 0,
        // Waits 100, 290, 300, 540, 580, 1500, 3600, 4270: sum 11180 over 8.
        avgWaitSeconds: 1397.5,
        p90WaitSeconds: 4270, // the ceil(7.2) = 8th
        avgServiceSeconds: 415, // (600 + 120 + 340 + 600) / 4
        withinTargetShare: 0.625, // 5 of 8 within 900 s
        ratings: ratings(1, 1, 1, 1),
        satisfiedShare: 0.5,
      },
      byService: [
        {
          // A, B, E, G, I
          serviceId: 'hotich',
          name: names.services.get('hotich'),
          issued: 5,
          served: 2,
          noShow: 2,
          cancelled: 0,
          expired: 0,
          avgWaitSeconds: 1246, // (300 + 540 + 3600 + 1500 + 290) / 5
          p90WaitSeconds: 3600,
          avgServiceSeconds: 470,
          withinTargetShare: 0.6,
          ratings: ratings(0, 1, 0, 1),
          satisfiedShare: 0.5,
        },
        {
          // C, H
          serviceId: 'chungthuc',
          name: names.services.get('chungthuc'),
          issued: 2,
          served: 1,
          noShow: 0,
          cancelled: 0,
          expired: 0,
          avgWaitSeconds: 340,
          p90WaitSeconds: 580,
          avgServiceSeconds: 120,
          withinTargetShare: 1,
          ratings: ratings(0, 0, 1, 0),
          satisfiedShare: 1,
        },
        {
          // D, F (transferred from xaydung: counted in its field at the end), J
          serviceId: 'datdai',
          name: names.services.get('datdai'),
          issued: 3,
          served: 1,
          noShow: 0,
          cancelled: 1,
          expired: 0,
          avgWaitSeconds: 4270,
          p90WaitSeconds: 4270,
          avgServiceSeconds: 600,
          withinTargetShare: 0,
          ratings: ratings(1, 0, 0, 0),
          satisfiedShare: 0,
        },
      ],
      byCounter: [
        { counterId: 'c1', number: 1, name: 'Quầy 1', ...officerFigures.binh },
        { counterId: 'c2', number: 2, name: 'Quầy 2', ...officerFigures.an },
        { counterId: 'c4', number: 4, name: 'Quầy 4', ...officerFigures.cuong },
      ],
      byOfficer: [
        { officerId: s.officers.an, displayName: 'Cán bộ rp-an', ...officerFigures.an },
        { officerId: s.officers.binh, displayName: 'Cán bộ rp-binh', ...officerFigures.binh },
        { officerId: s.officers.cuong, displayName: 'Cán bộ rp-cuong', ...officerFigures.cuong },
      ],
      byProcedure: ['chungthuc-1', 'datdai-1', 'hotich-1', 'hotich-2', 'hotich-3'].map((id) => ({
        procedureId: id,
        serviceId: id.split('-')[0],
        name: names.procedures.get(id),
        count: 1,
      })),
      byHour: [
        { hour: 8, issued: 3, served: 0, avgWaitSeconds: 3123.3 }, // E, F, G: 9370 / 3
        { hour: 9, issued: 4, served: 4, avgWaitSeconds: 473.3 }, // A, B, C (D never called); A C E F done at 9
        { hour: 10, issued: 0, served: 0, avgWaitSeconds: null },
        { hour: 11, issued: 0, served: 0, avgWaitSeconds: null },
        { hour: 12, issued: 0, served: 0, avgWaitSeconds: null },
        { hour: 13, issued: 3, served: 0, avgWaitSeconds: 195 }, // H, I
      ],
      byDay: [
        { date: DAYS.mon, issued: 4, served: 2, noShow: 1, avgWaitSeconds: 473.3 },
        { date: DAYS.tue, issued: 3, served: 2, noShow: 1, avgWaitSeconds: 3123.3 },
        { date: DAYS.thu, issued: 3, served: 0, noShow: 0, avgWaitSeconds: 195 },
      ],
      waitDistribution: [
        { fromMinutes: 0, toMinutes: 5, count: 2 }, // 100, 290
        { fromMinutes: 5, toMinutes: 10, count: 3 }, // 300 (exactly 5 min), 540, 580
        { fromMinutes: 10, toMinutes: 15, count: 0 },
        { fromMinutes: 15, toMinutes: 20, count: 0 },
        { fromMinutes: 20, toMinutes: 30, count: 1 }, // 1500
        { fromMinutes: 30, toMinutes: 45, count: 0 },
        { fromMinutes: 45, toMinutes: 60, count: 0 },
        { fromMinutes: 60, toMinutes: null, count: 2 }, // 3600 (exactly 60 min), 4270
      ],
    });
  });

  it('a late rating of a ticket of a day already read is counted', async () => {
    // Read before Thursday's rating of F (Tuesday's ticket): then without it.
    expect(beforeLate.totals).toMatchObject({
      issued: 7,
      ratings: ratings(0, 1, 1, 1),
      satisfiedShare: 0.6667,
    });
    const after = await report(`?from=${DAYS.mon}&to=${DAYS.tue}`);
    expect(after.totals).toMatchObject({ issued: 7, ratings: ratings(1, 1, 1, 1), satisfiedShare: 0.5 });
  });

  it('the same period read again gives the same answer, and a day alone its own figures', async () => {
    const first = await report(`?from=${DAYS.mon}&to=${DAYS.thu}`);
    expect(await report(`?from=${DAYS.mon}&to=${DAYS.thu}`)).toEqual(first);
    const tuesday = await report(`?from=${DAYS.tue}&to=${DAYS.tue}`);
    expect(tuesday).toMatchObject({
      days: 1,
      totals: {
        issued: 3,
        served: 2,
        noShow: 1,
        avgWaitSeconds: 3123.3,
        p90WaitSeconds: 4270,
        avgServiceSeconds: 470, // (340 + 600) / 2
        withinTargetShare: 0,
      },
      byDay: [{ date: DAYS.tue, issued: 3, served: 2, noShow: 1, avgWaitSeconds: 3123.3 }],
    });
    // Wednesday had no ticket.
    const wednesday = await report('?from=2025-03-12&to=2025-03-12');
    expect(wednesday).toEqual({
      from: '2025-03-12',
      to: '2025-03-12',
      days: 1,
      targetWaitMinutes: 15,
      totals: {
        issued: 0,
        served: 0,
        noShow: 0,
        cancelled: 0,
        expired: 0,
        avgWaitSeconds: null,
        p90WaitSeconds: null,
        avgServiceSeconds: null,
        withinTargetShare: null,
        ratings: ratings(0, 0, 0, 0),
        satisfiedShare: null,
      },
      byService: [],
      byCounter: [],
      byOfficer: [],
      byProcedure: [],
      byHour: [],
      byDay: [],
      waitDistribution: [0, 5, 10, 15, 20, 30, 45, 60].map((fromMinutes, i, all) => ({
        fromMinutes,
        toMinutes: all[i + 1] ?? null,
        count: 0,
      })),
    });
  });

  it('defaults to today, for a director and an admin alike', async () => {
    const today = await report('');
    expect(today).toEqual(await report(`?from=${DAYS.thu}&to=${DAYS.thu}`));
    expect(today.totals).toMatchObject({ issued: 3, served: 0, avgWaitSeconds: 195, p90WaitSeconds: 290 });
    expect(await report('', await s.t.login())).toEqual(today);
  });

  it('"within target" follows the centre’s targetWaitMinutes', async () => {
    const admin = await s.t.login();
    const setTarget = async (minutes: number) =>
      expectOk(
        await s.t.api('PUT', '/api/v1/centre', {
          token: admin,
          body: { thresholds: { targetWaitMinutes: minutes } },
        }),
      );
    await setTarget(5);
    try {
      const r = await report(`?from=${DAYS.mon}&to=${DAYS.thu}`);
      expect(r.targetWaitMinutes).toBe(5);
      // At most 300 s: 100, 290 and 300 (exactly the target counts as within).
      expect(r.totals.withinTargetShare).toBe(0.375);
      expect(r.byService[0].withinTargetShare).toBe(0.4); // hotich: 300, 290 of 5
    } finally {
      await setTarget(15);
    }
    expect((await report(`?from=${DAYS.mon}&to=${DAYS.thu}`)).totals.withinTargetShare).toBe(0.625);
  });

  it('refuses officers and devices (403) and anonymous callers (401)', async () => {
    const { kiosk, display, pad } = s.devices;
    for (const token of [await s.officer(), kiosk, display, pad]) {
      expectError(
        await s.t.api('GET', `/api/v1/reports?from=${DAYS.mon}&to=${DAYS.thu}`, { token }),
        403,
        'forbidden',
      );
    }
    expectError(await s.t.api('GET', '/api/v1/reports'), 401, 'unauthorized');
  });

  it.each([
    ['?from=2025-03-10', /^to: required/],
    ['?to=2025-03-10', /^from: required/],
    ['?from=2025-03-10&to=2025-02-30', /^to: a date as YYYY-MM-DD/],
    ['?from=10-03-2025&to=2025-03-12', /^from: a date as YYYY-MM-DD/],
    ['?from=2025-03-12&to=2025-03-10', /^to: must not be before from/],
    ['?from=2024-01-01&to=2025-01-01', /^to: a report covers at most 366 days/],
    ['?from=2025-03-10&to=2025-03-12&by=week', /unknown field/],
    ['?from=2025-03-10&from=2025-03-11&to=2025-03-12', /^from: /],
  ])('400 for %s', async (query, message) => {
    expectError(
      await s.t.api('GET', `/api/v1/reports${query}`, { token: director }),
      400,
      'validation_failed',
      message,
    );
  });

  it('a leap year of 366 days is allowed', async () => {
    const r = await report('?from=2024-01-01&to=2024-12-31');
    expect(r).toMatchObject({ days: 366, totals: { issued: 0 } });
  });

  // Runs last: moves the clock to Friday, which closes Thursday.
  it('after the day close, the open tickets count as expired', async () => {
    s.at('2025-03-14', '07:00:00');
    await issue(s.t, s.devices.kiosk, { serviceId: 'hotich' }); // the first command of Friday closes Thursday
    const token = await s.director();
    const thursday = expectOk(
      await s.t.api('GET', `/api/v1/reports?from=${DAYS.thu}&to=${DAYS.thu}`, { token }),
    );
    expect(thursday.totals).toMatchObject({
      issued: 3,
      served: 0,
      expired: 3, // H (serving), I (called), J (waiting)
      avgWaitSeconds: 195, // H and I had been called
    });
    // Read twice (the second time from the kept day): still the same.
    expect(
      expectOk(await s.t.api('GET', `/api/v1/reports?from=${DAYS.thu}&to=${DAYS.thu}`, { token })),
    ).toEqual(thursday);
  });
});
