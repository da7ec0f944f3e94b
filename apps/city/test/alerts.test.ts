// GET /api/city/v1/alerts on a real city (PGlite) with a clock the test moves: a centre silent
// for more than 15 minutes during office hours (never outside them), a long wait past 30 minutes,
// a closed day that did not reconcile; viewers may read them, anonymous callers may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCity } from '../src/server.ts';
import { adminToken, enrolCentre, json, report, startTestCity, type TestCentre } from './harness.ts';

let t = Date.parse('2026-12-03T02:00:00.000Z'); // Thursday 09:00 in Cần Thơ
let city: RunningCity;
let token: string;
let nk: TestCentre;
let ck: TestCentre;

const alerts = async () =>
  (
    await json<{ alerts: Record<string, unknown>[] }>(
      city.url,
      'GET',
      '/api/city/v1/alerts',
      undefined,
      token,
    )
  ).body.alerts;
const live = (longestWaitSeconds: number | null) => ({
  at: new Date(t).toISOString(),
  waiting: 4,
  countersOpen: 2,
  longestWaitSeconds,
});

beforeAll(async () => {
  city = await startTestCity({}, () => t);
  token = await adminToken(city.url);
  nk = await enrolCentre(city.url, token, 'NK', 'Phường Ninh Kiều');
  ck = await enrolCentre(city.url, token, 'CK', 'Phường Cái Khế');
  await enrolCentre(city.url, token, 'TA', 'Phường Tân An'); // enrolled, never reported
});
afterAll(() => city?.stop());

describe('city alerts', () => {
  it('a centre that never reported is silent during office hours; a long wait is raised', async () => {
    const created = Math.floor(t / 1000);
    expect(
      (await nk.send(report('NK', { fromSeq: 1, toSeq: 0, live: live(2400) }), { created })).status,
    ).toBe(200);
    expect((await ck.send(report('CK', { fromSeq: 1, toSeq: 0, live: live(300) }), { created })).status).toBe(
      200,
    );
    expect(await alerts()).toEqual([
      {
        kind: 'long_wait',
        centre: { code: 'NK', name: 'Phường Ninh Kiều' },
        longestWaitSeconds: 2400,
        at: new Date(t).toISOString(),
      },
      { kind: 'silent', centre: { code: 'TA', name: 'Phường Tân An' }, since: null },
    ]);
  });

  it('a centre silent for more than 15 minutes is raised with when it was last heard', async () => {
    const heard = new Date(t).toISOString();
    t += 16 * 60_000;
    expect(
      (
        await ck.send(report('CK', { fromSeq: 1, toSeq: 0, live: live(120) }), {
          created: Math.floor(t / 1000),
        })
      ).status,
    ).toBe(200);
    const now = await alerts();
    expect(now).toContainEqual({
      kind: 'silent',
      centre: { code: 'NK', name: 'Phường Ninh Kiều' },
      since: heard,
    });
    expect(now.some((a) => a.kind === 'long_wait')).toBe(false); // NK's snapshot is no longer current
    expect(now.some((a) => a.kind === 'silent' && (a.centre as { code: string }).code === 'CK')).toBe(false);
  });

  it('nobody is silent at night; an unreconciled day stays raised', async () => {
    t = Date.parse('2026-12-03T14:00:00.000Z'); // 21:00
    token = await adminToken(city.url); // the morning's token has ended
    const day = {
      date: '2026-12-02',
      issued: 5,
      served: 5,
      noShow: 0,
      cancelled: 0,
      expired: 0,
      avgWaitSeconds: 60,
      p90WaitSeconds: 60,
      avgServiceSeconds: 60,
      ratings: { '1': 0, '2': 0, '3': 0, '4': 0 },
    };
    expect(
      (await ck.send(report('CK', { fromSeq: 1, toSeq: 1, days: [day] }), { created: Math.floor(t / 1000) }))
        .status,
    ).toBe(200);
    expect(await alerts()).toEqual([
      { kind: 'unreconciled', centre: { code: 'CK', name: 'Phường Cái Khế' }, date: '2026-12-02' },
    ]);
  });

  it('is for signed-in city users', async () => {
    expect((await json(city.url, 'GET', '/api/city/v1/alerts')).status).toBe(401);
  });
});
