// Three scripted service days through the REST API of a real hub (manual clock), for the report
// tests: every wait, service time, rating and hour below is chosen so that the figures can be
// worked out by hand (reports-api.test.ts lists them).
//
//   Mon 2025-03-10, from 09:00   A hotich  issued 0s, called 300 (c2), started 360, done 960 (hotich-1, -2), rated 4
//                                B hotich  issued 60, called 600 (c1), no-show 660
//                                C chungthuc issued 120, called 700 (c1), done 820 from called (chungthuc-1), rated 3
//                                D datdai  issued 180, cancelled 900 while waiting
//   Tue 2025-03-11, from 08:00   E hotich (elderly) issued 0, called 3600 (c2, exactly 60 min), started 3660,
//                                  done 4000 (hotich-3), rated 2
//                                F xaydung issued 30, called 4100 (c4), transferred to datdai 4200, called
//                                  again 4300 (c4), started 4400, done 5000 (datdai-1); rated 1 on Thursday
//                                G hotich  issued 3000, called 4500 (c1), no-show 4560
//   Thu 2025-03-13, from 13:00   H chungthuc issued 0, called 100 (c1), started 200 (still serving)
//   ("today")                    I hotich  issued 10, called 300 (c2) (still called)
//                                J datdai  issued 20 (still waiting)
import { act, expectOk, issue, manualClock, officerAt } from './api-helpers.ts';
import { startTestHub, type TestHub } from './harness.ts';

export const DAYS = { mon: '2025-03-10', tue: '2025-03-11', thu: '2025-03-13' } as const;

/** Epoch ms of a local (UTC+7) time on a day. */
export const local = (day: string, time: string) => Date.parse(`${day}T${time}+07:00`);

export interface ReportScript {
  t: TestHub;
  clock: ReturnType<typeof manualClock>;
  ids: Record<string, string>;
  /** User ids of the three officers: rp-an at c2, rp-binh at c1, rp-cuong at c4. */
  officers: { an: string; binh: string; cuong: string };
  /** A fresh director token (user tokens last 12 hours, and the clock walks days). */
  director(): Promise<string>;
  /** A fresh token of rp-officer, an officer signed in nowhere. */
  officer(): Promise<string>;
  /** Device tokens: a kiosk, a display, a counter device of c1. */
  devices: { kiosk: string; display: string; pad: string };
  /** Sets the clock to a local time plus some seconds. */
  at(day: string, time: string, plusSeconds?: number): void;
}

/** Runs the three days; `beforeLateRating` runs on Thursday before F is rated (a kept day changes). */
export async function runReportScript(
  beforeLateRating?: (s: ReportScript) => Promise<void>,
): Promise<ReportScript> {
  const START = '2025-03-10T01:30:00.000Z';
  const clock = manualClock(START);
  // Citizens rate within 30 minutes of finishing (API.md): a rating lands on a day already read
  // only around midnight. The script keeps its days simple and rates F two days late instead,
  // with the window widened for it (reports-api.test.ts: a late rating changes a kept day).
  const t = await startTestHub({ now: clock.now, engine: { ratingWindowMs: 3 * 86_400_000 } });
  /** The citizen's rating from the ticket's status page (no token). */
  const rate = async (id: string, score: number) =>
    expectOk(await t.api('POST', `/api/v1/tickets/${id}/rating`, { body: { score } }));
  /** Sets the clock to a local time plus some seconds. */
  const at = (day: string, time: string, plusSeconds = 0) =>
    clock.at((local(day, time) - Date.parse(START)) / 1000 + plusSeconds);
  const kiosk = await t.pairDevice('kiosk');
  const pad = await t.pairDevice('counter', { counterId: 'c2' });
  const an = await officerAt(t, 'rp-an', 'c2');
  const binh = await officerAt(t, 'rp-binh', 'c1');
  const cuong = await officerAt(t, 'rp-cuong', 'c4');
  await t.user('rp-giamdoc', 'director');
  await t.user('rp-officer', 'officer'); // signed in nowhere
  // Device tokens last a year; the harness's admin token would not outlive Monday.
  const devices = {
    kiosk,
    display: await t.pairDevice('display'),
    pad: await t.pairDevice('counter', { counterId: 'c1' }),
  };
  const tokens = { an: an.token, binh: binh.token, cuong: cuong.token };
  const relogin = async () => {
    tokens.an = await t.login('rp-an', 'rp-an-password');
    tokens.binh = await t.login('rp-binh', 'rp-binh-password');
    tokens.cuong = await t.login('rp-cuong', 'rp-cuong-password');
  };
  const ids: Record<string, string> = {};
  const called = async (token: string, counter: string, expected: string) => {
    const ticket = expectOk(await act(t, token, `counters/${counter}/call-next`)).ticket;
    if (ticket?.id !== ids[expected])
      throw new Error(`${counter} called ${ticket?.displayNumber}, not ${expected}`);
  };
  const ok = async (token: string, path: string, body?: unknown) => expectOk(await act(t, token, path, body));

  // Monday.
  const mon = (s: number) => at(DAYS.mon, '09:00:00', s);
  mon(0);
  ids.A = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
  mon(60);
  ids.B = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
  mon(120);
  ids.C = (await issue(t, kiosk, { serviceId: 'chungthuc' })).id;
  mon(180);
  ids.D = (await issue(t, kiosk, { serviceId: 'datdai' })).id;
  mon(300);
  await called(tokens.an, 'c2', 'A');
  mon(360);
  await ok(tokens.an, `tickets/${ids.A}/start`);
  mon(600);
  await called(tokens.binh, 'c1', 'B');
  mon(660);
  await ok(tokens.binh, `tickets/${ids.B}/no-show`);
  mon(700);
  await called(tokens.binh, 'c1', 'C');
  mon(820);
  await ok(tokens.binh, `tickets/${ids.C}/finish`, { procedureIds: ['chungthuc-1'] });
  mon(900);
  await ok(tokens.cuong, `tickets/${ids.D}/cancel`);
  mon(960);
  await ok(tokens.an, `tickets/${ids.A}/finish`, { procedureIds: ['hotich-1', 'hotich-2'] });
  mon(1010);
  await ok(pad, `tickets/${ids.A}/rating`, { score: 4 });
  mon(1020);
  await rate(ids.C!, 3);

  // Tuesday.
  const tue = (s: number) => at(DAYS.tue, '08:00:00', s);
  tue(0);
  await relogin();
  ids.E = (await issue(t, kiosk, { serviceId: 'hotich', priority: 'elderly' })).id;
  tue(30);
  ids.F = (await issue(t, kiosk, { serviceId: 'xaydung' })).id;
  tue(3000);
  ids.G = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
  tue(3600);
  await called(tokens.an, 'c2', 'E');
  tue(3660);
  await ok(tokens.an, `tickets/${ids.E}/start`);
  tue(4000);
  await ok(tokens.an, `tickets/${ids.E}/finish`, { procedureIds: ['hotich-3'] });
  tue(4010);
  await ok(pad, `tickets/${ids.E}/rating`, { score: 2 });
  tue(4100);
  await called(tokens.cuong, 'c4', 'F');
  tue(4200);
  await ok(tokens.cuong, `tickets/${ids.F}/transfer`, { serviceId: 'datdai' });
  tue(4300);
  await called(tokens.cuong, 'c4', 'F');
  tue(4400);
  await ok(tokens.cuong, `tickets/${ids.F}/start`);
  tue(4500);
  await called(tokens.binh, 'c1', 'G');
  tue(4560);
  await ok(tokens.binh, `tickets/${ids.G}/no-show`);
  tue(5000);
  await ok(tokens.cuong, `tickets/${ids.F}/finish`, { procedureIds: ['datdai-1'] });

  // Thursday: today, with tickets still open.
  const thu = (s: number) => at(DAYS.thu, '13:00:00', s);
  thu(0);
  await relogin();
  ids.H = (await issue(t, kiosk, { serviceId: 'chungthuc' })).id;
  thu(10);
  ids.I = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
  thu(20);
  ids.J = (await issue(t, kiosk, { serviceId: 'datdai' })).id;
  thu(100);
  await called(tokens.binh, 'c1', 'H');
  thu(200);
  await ok(tokens.binh, `tickets/${ids.H}/start`);
  thu(300);
  await called(tokens.an, 'c2', 'I');

  const script: ReportScript = {
    t,
    clock,
    ids,
    officers: { an: an.id, binh: binh.id, cuong: cuong.id },
    director: () => t.login('rp-giamdoc', 'rp-giamdoc-password'),
    officer: () => t.login('rp-officer', 'rp-officer-password'),
    devices,
    at,
  };
  if (beforeLateRating) await beforeLateRating(script);
  thu(360);
  await rate(ids.F!, 1);
  return script;
}
