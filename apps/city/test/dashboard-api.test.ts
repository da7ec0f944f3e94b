// The dashboard's API on a real city (PGlite) fed through the signed report path: the overview's
// figures, shares and ranking, a centre's breakdowns, the exports, the settings, the users and the
// revocation of a key; what a viewer may not do; bad periods and unknown centres.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCity } from '../src/server.ts';
import {
  adminToken,
  enrolCentre,
  json,
  report,
  reportTicket,
  startTestCity,
  type TestCentre,
} from './harness.ts';

const t = Date.parse('2026-12-03T02:00:00.000Z'); // Thursday 09:00 in Cần Thơ
let city: RunningCity;
let token: string;
let nk: TestCentre;
let ck: TestCentre;

const at = (hhmm: string, day = '2026-12-01') => `${day}T${hhmm}:00.000Z`;
const get = <T = Record<string, unknown>>(path: string, as = token) =>
  json<T>(city.url, 'GET', path, undefined, as);
type Row = Record<string, unknown> & { code: string };

beforeAll(async () => {
  city = await startTestCity({}, () => t);
  token = await adminToken(city.url);
  nk = await enrolCentre(city.url, token, 'NK', 'Phường Ninh Kiều');
  ck = await enrolCentre(city.url, token, 'CK', 'Phường Cái Khế');
  await enrolCentre(city.url, token, 'TA', 'Phường Tân An'); // enrolled, never reported
  const created = Math.floor(t / 1000);
  const tickets = [
    // 08:00 local, waited 5 min, very satisfied
    reportTicket({
      id: 'a1',
      issuedAt: at('01:00'),
      calledAt: at('01:05'),
      startedAt: at('01:06'),
      finishedAt: at('01:10'),
      rating: 4,
    }),
    // 08:10, waited 20 min, two procedures, not quite satisfied
    reportTicket({
      id: 'a2',
      issuedAt: at('01:10'),
      calledAt: at('01:30'),
      startedAt: at('01:31'),
      finishedAt: at('01:40'),
      procedureCodes: ['1.001193', '1.000894'],
      rating: 2,
      version: 2,
    }),
    // 09:00, another field, called after 10 min and did not come
    reportTicket({
      id: 'a3',
      service: { code: 'CT', name: 'Chứng thực' },
      procedureCodes: ['2.000815'],
      status: 'no_show',
      issuedAt: at('02:00'),
      calledAt: at('02:10'),
      startedAt: null,
      finishedAt: null,
      rating: null,
      version: 3,
    }),
    // 10:00, never called
    reportTicket({
      id: 'a4',
      procedureCodes: [],
      status: 'expired',
      issuedAt: at('03:00'),
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      rating: null,
      version: 4,
    }),
    // the next day, 08:00, waited 2 min, satisfied
    reportTicket({
      id: 'a5',
      serviceDay: '2026-12-02',
      issuedAt: at('01:00', '2026-12-02'),
      calledAt: at('01:02', '2026-12-02'),
      startedAt: at('01:03', '2026-12-02'),
      finishedAt: at('01:09', '2026-12-02'),
      rating: 3,
      version: 5,
    }),
  ];
  const live = {
    at: new Date(t - 60_000).toISOString(),
    waiting: 7,
    countersOpen: 3,
    longestWaitSeconds: 840,
  };
  expect((await nk.send(report('NK', { toSeq: 5, tickets, live }), { created })).status).toBe(200);
  const one = reportTicket({ id: 'b1', issuedAt: at('01:00'), calledAt: at('01:01'), rating: null });
  expect((await ck.send(report('CK', { tickets: [one] }), { created })).status).toBe(200);
});
afterAll(() => city?.stop());

describe('the overview', () => {
  it('gives each centre its figures, shares, rank and live state, and the city total', async () => {
    const r = await get<{ centres: Row[]; total: Row; targetWaitMinutes: number }>(
      '/api/city/v1/overview?from=2026-12-01&to=2026-12-02',
    );
    expect(r.status).toBe(200);
    expect(r.body.targetWaitMinutes).toBe(15);
    const byCode = new Map(r.body.centres.map((c) => [c.code, c]));
    expect(byCode.get('NK')).toMatchObject({
      name: 'Phường Ninh Kiều',
      enrolled: true,
      issued: 5,
      served: 3,
      noShow: 1,
      expired: 1,
      avgWaitSeconds: 555, // (5 + 20 + 10 + 2 min) / 4
      p90WaitSeconds: 1200, // nearest rank ⌈0.9 × 4⌉ = the 4th
      withinTargetShare: 0.75, // 3 of 4 called within 15 min
      noShowShare: 0.25,
      satisfiedShare: 0.6667, // ratings 4 and 3 of 4, 2, 3
      rank: 2,
      live: { waiting: 7, countersOpen: 3, longestWaitSeconds: 840 },
    });
    expect(byCode.get('CK')).toMatchObject({
      issued: 1,
      withinTargetShare: 1,
      satisfiedShare: null,
      rank: 1,
    });
    expect(byCode.get('TA')).toMatchObject({
      issued: 0,
      withinTargetShare: null,
      rank: null,
      live: null,
      lastReportAt: null,
    });
    expect(r.body.total).toMatchObject({ issued: 6, served: 4, noShow: 1, withinTargetShare: 0.8 });
  });

  it('follows the city’s target wait: 25 minutes puts both centres fully within, shorter wait first', async () => {
    const put = await json(
      city.url,
      'PUT',
      '/api/city/v1/settings',
      { targetWaitMinutes: 25, longWaitMinutes: 30, silentMinutes: 15 },
      token,
    );
    expect(put.status).toBe(200);
    const r = await get<{ centres: Row[]; targetWaitMinutes: number }>(
      '/api/city/v1/overview?from=2026-12-01&to=2026-12-02',
    );
    expect(r.body.targetWaitMinutes).toBe(25);
    expect(
      r.body.centres.filter((c) => c.rank !== null).map((c) => [c.code, c.rank, c.withinTargetShare]),
    ).toEqual([
      ['CK', 1, 1],
      ['NK', 2, 1],
    ]);
    await json(
      city.url,
      'PUT',
      '/api/city/v1/settings',
      { targetWaitMinutes: 15, longWaitMinutes: 30, silentMinutes: 15 },
      token,
    );
  });

  it('refuses a reversed or too long period with a clear error', async () => {
    expect((await get('/api/city/v1/overview?from=2026-12-02&to=2026-12-01')).status).toBe(400);
    const long = await get<{ error: { message: string } }>(
      '/api/city/v1/overview?from=2025-01-01&to=2026-12-01',
    );
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/at most 400 days/);
    expect((await get('/api/city/v1/overview?from=2026-13-01&to=2026-12-01')).status).toBe(400);
    expect((await get('/api/city/v1/overview?from=2026-12-01&to=2026-12-02', '')).status).toBe(401);
  });
});

describe('a centre’s report', () => {
  it('breaks the period down by day, field, procedure code and local hour, adding up to the total', async () => {
    const r = await get<{
      total: Row;
      days: (Row & { key: string })[];
      fields: Row[];
      procedures: Row[];
      hours: Row[];
    }>('/api/city/v1/centres/NK/report?from=2026-12-01&to=2026-12-31');
    expect(r.status).toBe(200);
    expect(r.body.total).toMatchObject({ issued: 5, withinTargetShare: 0.75 });
    expect(r.body.days.map((d) => [d.key, d.issued, d.reconciled])).toEqual([
      ['2026-12-01', 4, null],
      ['2026-12-02', 1, null],
    ]);
    expect(r.body.fields.map((f) => [f.key, f.name, f.issued, f.served])).toEqual([
      ['HT', 'Hộ tịch', 4, 3],
      ['CT', 'Chứng thực', 1, 0],
    ]);
    expect(r.body.procedures.map((p) => [p.key, p.issued])).toEqual([
      ['1.001193', 3],
      ['1.000894', 1],
      ['2.000815', 1],
    ]);
    expect(r.body.hours.map((h) => [h.key, h.issued, h.avgWaitSeconds])).toEqual([
      ['08', 3, 540], // 5, 20 and 2 min
      ['09', 1, 600],
      ['10', 1, null],
    ]);
    const sum = (rows: Row[]) => rows.reduce((n, x) => n + (x.issued as number), 0);
    expect(sum(r.body.days)).toBe(5);
    expect(sum(r.body.fields)).toBe(5);
    expect(sum(r.body.hours)).toBe(5);
  });

  it('marks a closed day reconciled or not once the centre sent its figures', async () => {
    const figures = {
      issued: 1,
      served: 1,
      noShow: 0,
      cancelled: 0,
      expired: 0,
      avgWaitSeconds: 120,
      p90WaitSeconds: 120,
      avgServiceSeconds: 360,
      ratings: { '1': 0, '2': 0, '3': 1, '4': 0 },
    };
    const sent = await nk.send(
      report('NK', { fromSeq: 6, toSeq: 6, days: [{ date: '2026-12-02', ...figures, issued: 2 }] }),
      { created: Math.floor(t / 1000) },
    );
    expect(sent.status).toBe(200);
    const r = await get<{ days: Row[] }>('/api/city/v1/centres/NK/report?from=2026-12-02&to=2026-12-02');
    expect(r.body.days.map((d) => d.reconciled)).toEqual([false]);
  });

  it('answers 404 for an unknown centre and 400 for a malformed code', async () => {
    expect((await get('/api/city/v1/centres/XX/report?from=2026-12-01&to=2026-12-01')).status).toBe(404);
    expect((await get('/api/city/v1/centres/a%20b/report?from=2026-12-01&to=2026-12-01')).status).toBe(400);
  });
});

describe('exports', () => {
  it('gives an Excel workbook per centre with the figures and the city total', async () => {
    const res = await fetch(
      `${city.url}/api/city/v1/export?from=2026-12-01&to=2026-12-02&by=centre&format=xlsx`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="luot-thanh-pho-centre-2026-12-01-2026-12-02.xlsx"',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const nkRow = rows.find((r) => r[1] === 'NK')!;
    expect(nkRow.slice(1, 5)).toEqual(['NK', 'Phường Ninh Kiều', 5, 3]);
    expect(rows.at(-1)!.slice(2, 4)).toEqual(['Toàn thành phố', 6]);
  });

  it('gives CSV per field and per procedure code, UTF-8 with a BOM', async () => {
    for (const [by, expected] of [
      ['field', 'HT,Hộ tịch,5,4'],
      ['procedure', '1.001193,,4,4'],
    ] as const) {
      const res = await fetch(
        `${city.url}/api/city/v1/export?from=2026-12-01&to=2026-12-02&by=${by}&format=csv`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text).toContain(expected);
      expect(text).toContain('Toàn thành phố');
    }
    expect((await get('/api/city/v1/export?from=2026-12-01&to=2026-12-02&format=pdf')).status).toBe(400);
  });
});

describe('administration', () => {
  it('a viewer reads the dashboard but may not change settings, users or keys', async () => {
    const made = await json(
      city.url,
      'POST',
      '/api/city/v1/users',
      {
        username: 'xem',
        displayName: 'Sở KH&CN',
        role: 'viewer',
        password: 'bao-cao-hang-thang',
      },
      token,
    );
    expect(made.status).toBe(201);
    const login = await json<{ token: string }>(city.url, 'POST', '/api/city/v1/auth/login', {
      username: 'xem',
      password: 'bao-cao-hang-thang',
    });
    const viewer = login.body.token;
    expect((await get('/api/city/v1/overview?from=2026-12-01&to=2026-12-02', viewer)).status).toBe(200);
    expect((await get('/api/city/v1/settings', viewer)).status).toBe(200);
    expect((await get('/api/city/v1/users', viewer)).status).toBe(403);
    expect(
      (
        await json(
          city.url,
          'PUT',
          '/api/city/v1/settings',
          { targetWaitMinutes: 5, longWaitMinutes: 30, silentMinutes: 15 },
          viewer,
        )
      ).status,
    ).toBe(403);
    expect((await json(city.url, 'POST', '/api/city/v1/centres/NK/revoke', {}, viewer)).status).toBe(403);
    expect((await get<{ settings: Row }>('/api/city/v1/settings')).body.settings).toMatchObject({
      targetWaitMinutes: 15,
    });
  });

  it('refuses bad settings and bad users, changing nothing', async () => {
    expect(
      (
        await json(
          city.url,
          'PUT',
          '/api/city/v1/settings',
          { targetWaitMinutes: 0, longWaitMinutes: 30, silentMinutes: 15 },
          token,
        )
      ).status,
    ).toBe(400);
    expect(
      (await json(city.url, 'PUT', '/api/city/v1/settings', { targetWaitMinutes: 15 }, token)).status,
    ).toBe(400);
    const weak = await json(
      city.url,
      'POST',
      '/api/city/v1/users',
      { username: 'yeu', displayName: 'Y', role: 'viewer', password: '123' },
      token,
    );
    expect(weak.status).toBe(400);
    const same = await json(
      city.url,
      'POST',
      '/api/city/v1/users',
      { username: 'xem', displayName: 'X', role: 'admin', password: 'mot-mat-khau-khac' },
      token,
    );
    expect(same.status).toBe(409);
    const users = await get<{ users: Row[] }>('/api/city/v1/users');
    expect(users.body.users.map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'],
      ['xem', 'viewer'],
    ]);
  });

  it('a revoked centre is no longer enrolled and its reports are refused', async () => {
    const revoked = await json(city.url, 'POST', '/api/city/v1/centres/CK/revoke', {}, token);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ centre: { code: 'CK', enrolled: false } });
    const refused = await ck.send(report('CK', { fromSeq: 2, toSeq: 2 }), { created: Math.floor(t / 1000) });
    expect(refused.status).toBe(401);
    const overview = await get<{ centres: Row[] }>('/api/city/v1/overview?from=2026-12-01&to=2026-12-01');
    expect(overview.body.centres.find((c) => c.code === 'CK')).toMatchObject({ enrolled: false, issued: 1 });
    expect((await json(city.url, 'POST', '/api/city/v1/centres/XX/revoke', {}, token)).status).toBe(404);
  });

  it('an admin cannot remove themself; two admins removing each other at once leave one', async () => {
    const users = await get<{ users: Row[] }>('/api/city/v1/users');
    const me = users.body.users.find((u) => u.username === 'admin')!;
    expect((await json(city.url, 'DELETE', `/api/city/v1/users/${me.id}`, undefined, token)).status).toBe(
      409,
    );
    const other = await json<{ user: Row }>(
      city.url,
      'POST',
      '/api/city/v1/users',
      {
        username: 'admin2',
        displayName: 'Quản trị 2',
        role: 'admin',
        password: 'quan-tri-thu-hai',
      },
      token,
    );
    const otherToken = (
      await json<{ token: string }>(city.url, 'POST', '/api/city/v1/auth/login', {
        username: 'admin2',
        password: 'quan-tri-thu-hai',
      })
    ).body.token;
    const answers = await Promise.all([
      json(city.url, 'DELETE', `/api/city/v1/users/${other.body.user.id}`, undefined, token),
      json(city.url, 'DELETE', `/api/city/v1/users/${me.id}`, undefined, otherToken),
    ]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const admins = await city.city.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM city_users WHERE role = 'admin'",
    );
    expect(admins[0]!.n).toBe(1);
  });
});
