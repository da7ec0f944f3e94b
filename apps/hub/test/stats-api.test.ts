// Day statistics over REST: who may read them, exact figures after a scripted day, and day close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  expectError,
  expectOk,
  issue,
  type ManualClock,
  manualClock,
  officerAt,
} from './api-helpers.ts';
import { startTestHub, type TestHub } from './harness.ts';

// 09:00 on Monday 10 March 2025 in Vietnam (UTC+7).
const START = '2025-03-10T02:00:00.000Z';
const DAY = '2025-03-10';

describe('GET /api/v1/stats/day', () => {
  let t: TestHub;
  let clock: ManualClock;
  let admin: string;
  let director: string;
  let kiosk: string;
  const ids: Record<string, string> = {};
  const officers: Record<string, string> = {};

  beforeAll(async () => {
    clock = manualClock(START);
    t = await startTestHub({ now: clock.now });
    admin = await t.login();
    director = (await t.user('giamdoc', 'director')).token;
    kiosk = await t.pairDevice('kiosk');
    const pad = await t.pairDevice('counter', { counterId: 'c2' });
    const oA = await officerAt(t, 'stats-c2', 'c2'); // hotich
    const oB = await officerAt(t, 'stats-c1', 'c1'); // hotich, chungthuc
    const oC = await officerAt(t, 'stats-c4', 'c4'); // datdai, xaydung
    officers.c2 = oA.id;
    officers.c1 = oB.id;
    officers.c4 = oC.id;

    // The scripted day; times are seconds after 09:00.
    clock.at(0);
    ids.A = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
    clock.at(60);
    ids.B = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
    clock.at(120);
    ids.C = (await issue(t, kiosk, { serviceId: 'chungthuc' })).id;
    clock.at(180);
    ids.D = (await issue(t, kiosk, { serviceId: 'datdai' })).id;
    clock.at(300);
    expect(expectOk(await act(t, oA.token, 'counters/c2/call-next')).ticket.id).toBe(ids.A); // wait 300
    clock.at(360);
    expectOk(await act(t, oA.token, `tickets/${ids.A}/start`));
    clock.at(600);
    expect(expectOk(await act(t, oB.token, 'counters/c1/call-next')).ticket.id).toBe(ids.B); // wait 540
    clock.at(660);
    expectOk(await act(t, oB.token, `tickets/${ids.B}/no-show`));
    clock.at(700);
    expect(expectOk(await act(t, oB.token, 'counters/c1/call-next')).ticket.id).toBe(ids.C); // wait 580
    clock.at(820);
    expectOk(await act(t, oB.token, `tickets/${ids.C}/finish`, { procedureIds: ['chungthuc-1'] })); // 120
    clock.at(900);
    expectOk(await act(t, oC.token, `tickets/${ids.D}/cancel`));
    clock.at(960);
    expectOk(await act(t, oA.token, `tickets/${ids.A}/finish`, { procedureIds: ['hotich-1', 'hotich-2'] })); // 600
    clock.at(1000);
    ids.E = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
    clock.at(1010);
    expectOk(await act(t, pad, `tickets/${ids.A}/rating`, { score: 4 }));
    clock.at(1020);
    // The citizen rates C on its status page (no token).
    expectOk(await t.api('POST', `/api/v1/tickets/${ids.C}/rating`, { body: { score: 3 } }));
  });
  afterAll(() => t.close());

  it('gives exact figures for the scripted day', async () => {
    const stats = expectOk(await t.api('GET', `/api/v1/stats/day?date=${DAY}`, { token: director }));
    expect(stats).toEqual({
      date: DAY,
      issued: 5,
      served: 2,
      noShow: 1,
      cancelled: 1,
      expired: 0,
      waiting: 1,
      avgWaitSeconds: 473.3, // (300 + 540 + 580) / 3
      p90WaitSeconds: 580,
      avgServiceSeconds: 360, // (600 + 120) / 2
      byService: [
        {
          serviceId: 'chungthuc',
          issued: 1,
          served: 1,
          noShow: 0,
          avgWaitSeconds: 580,
          avgServiceSeconds: 120,
        },
        {
          serviceId: 'datdai',
          issued: 1,
          served: 0,
          noShow: 0,
          avgWaitSeconds: null,
          avgServiceSeconds: null,
        },
        { serviceId: 'hotich', issued: 3, served: 1, noShow: 1, avgWaitSeconds: 420, avgServiceSeconds: 600 },
      ],
      byCounter: [
        { counterId: 'c1', issued: 2, served: 1, noShow: 1, avgWaitSeconds: 560, avgServiceSeconds: 120 },
        { counterId: 'c2', issued: 1, served: 1, noShow: 0, avgWaitSeconds: 300, avgServiceSeconds: 600 },
      ],
      byOfficer: expect.any(Array),
      byProcedure: [
        { procedureId: 'chungthuc-1', count: 1 },
        { procedureId: 'hotich-1', count: 1 },
        { procedureId: 'hotich-2', count: 1 },
      ],
      byHour: [{ hour: 9, issued: 5, served: 2 }],
      ratings: { '1': 0, '2': 0, '3': 1, '4': 1 },
      frozen: false,
    });
    const byOfficer = [...stats.byOfficer].sort((a: any, b: any) => a.issued - b.issued);
    expect(byOfficer).toEqual([
      {
        officerId: officers.c2,
        issued: 1,
        served: 1,
        noShow: 0,
        avgWaitSeconds: 300,
        avgServiceSeconds: 600,
      },
      {
        officerId: officers.c1,
        issued: 2,
        served: 1,
        noShow: 1,
        avgWaitSeconds: 560,
        avgServiceSeconds: 120,
      },
    ]);
  });

  it('defaults to today, and an admin may read it too', async () => {
    const today = expectOk(await t.api('GET', '/api/v1/stats/day', { token: admin }));
    const dated = expectOk(await t.api('GET', `/api/v1/stats/day?date=${DAY}`, { token: director }));
    expect(today).toEqual(dated);
  });

  it('a day without tickets gives zeros', async () => {
    const stats = expectOk(await t.api('GET', '/api/v1/stats/day?date=2024-02-29', { token: director }));
    expect(stats).toMatchObject({
      date: '2024-02-29',
      issued: 0,
      served: 0,
      noShow: 0,
      waiting: 0,
      avgWaitSeconds: null,
      p90WaitSeconds: null,
      byService: [],
      byHour: [],
      ratings: { '1': 0, '2': 0, '3': 0, '4': 0 },
    });
  });

  it('refuses officers and devices (403), anonymous (401) and bad dates (400)', async () => {
    const officer = await t.user('stats-officer', 'officer');
    const display = await t.pairDevice('display');
    for (const token of [officer.token, kiosk, display]) {
      expectError(await t.api('GET', `/api/v1/stats/day?date=${DAY}`, { token }), 403, 'forbidden');
    }
    expectError(await t.api('GET', `/api/v1/stats/day?date=${DAY}`), 401, 'unauthorized');
    for (const date of ['2020-13-45', '2025-02-29', '10-03-2025', 'today']) {
      expectError(
        await t.api('GET', `/api/v1/stats/day?date=${date}`, { token: director }),
        400,
        'validation_failed',
        /^date: /,
      );
    }
    expectError(
      await t.api('GET', `/api/v1/stats/day?date=${DAY}&by=week`, { token: director }),
      400,
      'validation_failed',
    );
  });

  // Runs last: moves the clock to the next day.
  it('after the day closes its figures are frozen, with the waiting ticket expired', async () => {
    clock.advance(24 * 3600_000);
    // The first command of the new day closes the old one.
    const next = await issue(t, kiosk, { serviceId: 'hotich' });
    expect(next).toMatchObject({ number: 1001, serviceDay: '2025-03-11' });
    expect(expectOk(await t.api('GET', `/api/v1/tickets/${ids.E}`)).ticket.status).toBe('expired');
    // User tokens last 12 hours: sign in again.
    const fresh = await t.login();
    const stats = expectOk(await t.api('GET', `/api/v1/stats/day?date=${DAY}`, { token: fresh }));
    expect(stats).toMatchObject({
      date: DAY,
      issued: 5,
      served: 2,
      waiting: 0,
      expired: 1,
      avgWaitSeconds: 473.3,
      frozen: true,
    });
    const today = expectOk(await t.api('GET', '/api/v1/stats/day', { token: fresh }));
    expect(today).toMatchObject({ date: '2025-03-11', issued: 1, waiting: 1, frozen: false });
  });
});
