// The city's API over real HTTP, on PGlite and on a real PostgreSQL server: sign-in, centres,
// enrolment, signed reports (replays, reordering, gaps), figures and reconciliation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCity } from '../src/server.ts';
import {
  adminToken,
  enrolCentre,
  json,
  type PostgresCluster,
  report,
  reportTicket,
  startPostgres,
  startTestCity,
  type TestCentre,
} from './harness.ts';

const STORES = ['pglite', 'postgres'] as const;

describe.each(STORES)('city API on %s', (store) => {
  let cluster: PostgresCluster | null = null;
  let city: RunningCity;
  let token: string;
  let centre: TestCentre;

  beforeAll(async () => {
    if (store === 'postgres') {
      cluster = await startPostgres();
      city = await startTestCity({ databaseUrl: await cluster.createDatabase('city_api') });
    } else {
      city = await startTestCity();
    }
    token = await adminToken(city.url);
    centre = await enrolCentre(city.url, token, 'NK', 'Phường Ninh Kiều');
  });
  afterAll(async () => {
    await city?.stop();
    await cluster?.stop();
  });

  it('answers health and its OpenAPI document', async () => {
    const health = await json(city.url, 'GET', '/api/city/v1/health');
    expect(health).toEqual({ status: 200, body: { status: 'ok', version: expect.any(String) } });
    const doc = await json<{ paths: Record<string, unknown> }>(city.url, 'GET', '/api/city/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/city/v1/reports',
        '/api/city/v1/enrol',
        '/api/city/v1/stats',
        '/api/city/v1/centres',
      ]),
    );
  });

  it('refuses a wrong password, unknown tokens and readers that would write', async () => {
    const bad = await json(city.url, 'POST', '/api/city/v1/auth/login', {
      username: 'admin',
      password: 'wrong-one-x',
    });
    expect(bad.status).toBe(401);
    expect((await json(city.url, 'GET', '/api/city/v1/centres')).status).toBe(401);
    expect((await json(city.url, 'GET', '/api/city/v1/centres', undefined, 'nonsense')).status).toBe(401);
  });

  it('lists the centre as enrolled; an enrolment code works once', async () => {
    const list = await json<{ centres: { code: string; enrolled: boolean; ackedSeq: number }[] }>(
      city.url,
      'GET',
      '/api/city/v1/centres',
      undefined,
      token,
    );
    expect(list.body.centres).toEqual([
      { code: 'NK', name: 'Phường Ninh Kiều', enrolled: true, lastReportAt: null, ackedSeq: 0 },
    ]);
    const made = await json<{ enrolmentCode: string }>(
      city.url,
      'POST',
      '/api/city/v1/centres',
      { code: 'CK', name: 'Phường Cái Khế' },
      token,
    );
    const key = centre.publicKey;
    const first = await json(city.url, 'POST', '/api/city/v1/enrol', {
      enrolmentCode: made.body.enrolmentCode,
      publicKey: key,
    });
    expect(first.status).toBe(201);
    const again = await json(city.url, 'POST', '/api/city/v1/enrol', {
      enrolmentCode: made.body.enrolmentCode,
      publicKey: key,
    });
    expect(again.status).toBe(401);
  });

  it('stores a signed report, keeps the highest version, refuses a gap with ackedSeq', async () => {
    const t1 = reportTicket({
      id: 'a1',
      status: 'waiting',
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      rating: null,
      version: 1,
    });
    const first = await centre.send(report('NK', { fromSeq: 1, toSeq: 2, tickets: [t1] }));
    expect(first).toEqual({ status: 200, body: { ackedSeq: 2 } });
    const done = reportTicket({ id: 'a1', version: 5 });
    expect((await centre.send(report('NK', { fromSeq: 3, toSeq: 5, tickets: [done] }))).body).toEqual({
      ackedSeq: 5,
    });
    // A replay of the older state changes nothing.
    expect((await centre.send(report('NK', { fromSeq: 1, toSeq: 2, tickets: [t1] }))).body).toEqual({
      ackedSeq: 5,
    });
    const stats = await json<{ total: { served: number; ratings: Record<string, number> } }>(
      city.url,
      'GET',
      '/api/city/v1/stats?from=2026-12-01&to=2026-12-01',
      undefined,
      token,
    );
    expect(stats.body.total.served).toBe(1);
    expect(stats.body.total.ratings['4']).toBe(1);
    const gap = await centre.send(report('NK', { fromSeq: 9, toSeq: 10 }));
    expect(gap.status).toBe(409);
    expect(gap.body.ackedSeq).toBe(5);
  });

  it('computes wait, p90 and service figures, and marks a matching day reconciled', async () => {
    // Ten called tickets on 2026-12-02 waiting 1..10 minutes: average 5.5 min, p90 the 9th.
    const tickets = Array.from({ length: 10 }, (_, i) =>
      reportTicket({
        id: `d${i}`,
        serviceDay: '2026-12-02',
        issuedAt: '2026-12-02T01:00:00.000Z',
        calledAt: new Date(Date.parse('2026-12-02T01:00:00.000Z') + (i + 1) * 60_000).toISOString(),
        startedAt: new Date(Date.parse('2026-12-02T01:00:00.000Z') + (i + 1) * 60_000).toISOString(),
        finishedAt: new Date(
          Date.parse('2026-12-02T01:00:00.000Z') + (i + 1) * 60_000 + 90_000,
        ).toISOString(),
        rating: i < 3 ? 3 : null,
        version: 6 + i,
      }),
    );
    const figures = {
      issued: 10,
      served: 10,
      noShow: 0,
      cancelled: 0,
      expired: 0,
      avgWaitSeconds: 330,
      p90WaitSeconds: 540,
      avgServiceSeconds: 90,
      ratings: { '1': 0, '2': 0, '3': 3, '4': 0 },
    };
    const sent = await centre.send(
      report('NK', { fromSeq: 6, toSeq: 16, tickets, days: [{ date: '2026-12-02', ...figures }] }),
    );
    expect(sent.body).toEqual({ ackedSeq: 16 });
    const stats = await json<{ centres: Record<string, unknown>[]; total: Record<string, unknown> }>(
      city.url,
      'GET',
      '/api/city/v1/stats?from=2026-12-02&to=2026-12-02&centre=NK',
      undefined,
      token,
    );
    expect(stats.body.total).toEqual(figures);
    expect(stats.body.centres).toEqual([{ code: 'NK', name: 'Phường Ninh Kiều', ...figures }]);
    const days = await city.city.centreDays('NK');
    expect(days.find((d) => d.date === '2026-12-02')?.reconciled).toBe(true);
    // A day whose figures differ from the city's own stays unreconciled.
    await centre.send(
      report('NK', { fromSeq: 17, toSeq: 17, days: [{ date: '2026-12-02', ...figures, issued: 11 }] }),
    );
    expect((await city.city.centreDays('NK')).find((d) => d.date === '2026-12-02')?.reconciled).toBe(false);
  });

  it('a viewer reads figures but may not add centres; five wrong passwords lock a user out', async () => {
    await city.city.addUser({
      username: 'xem',
      displayName: 'Người xem',
      role: 'viewer',
      password: 'xem-so-lieu-thanh-pho',
    });
    const viewer = await json<{ token: string; user: { role: string } }>(
      city.url,
      'POST',
      '/api/city/v1/auth/login',
      {
        username: 'xem',
        password: 'xem-so-lieu-thanh-pho',
      },
    );
    expect(viewer.body.user.role).toBe('viewer');
    expect((await json(city.url, 'GET', '/api/city/v1/centres', undefined, viewer.body.token)).status).toBe(
      200,
    );
    const refused = await json(
      city.url,
      'POST',
      '/api/city/v1/centres',
      { code: 'XX', name: 'X' },
      viewer.body.token,
    );
    expect(refused.status).toBe(403);
    for (let i = 0; i < 5; i += 1) {
      const bad = await json(city.url, 'POST', '/api/city/v1/auth/login', {
        username: 'xem',
        password: `sai-mat-khau-${i}`,
      });
      expect(bad.status).toBe(401);
    }
    const locked = await json(city.url, 'POST', '/api/city/v1/auth/login', {
      username: 'xem',
      password: 'xem-so-lieu-thanh-pho',
    });
    expect(locked.status).toBe(429);
  });

  it('refuses a revoked centre’s reports until it enrols a new key, which replaces the old one', async () => {
    const token2 = await adminToken(city.url);
    const vt = await enrolCentre(city.url, token2, 'VT', 'Phường Vị Tân');
    expect((await vt.send(report('VT', { fromSeq: 1, toSeq: 1 }))).status).toBe(200);
    expect(await city.city.revokeKey('VT')).toBe(true);
    const refused = await vt.send(report('VT', { fromSeq: 2, toSeq: 2 }));
    expect(refused.status).toBe(401);
    // A new code and a new key: the old key stays refused, the new one reports.
    const again = await enrolCentre(city.url, token2, 'VT', 'Phường Vị Tân');
    expect((await again.send(report('VT', { fromSeq: 2, toSeq: 2 }))).body).toEqual({ ackedSeq: 2 });
    expect((await vt.send(report('VT', { fromSeq: 3, toSeq: 3 }))).status).toBe(401);
  });

  it('rate-limits enrolment attempts from one address', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i += 1) {
      const res = await fetch(`${city.url}/api/city/v1/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrolmentCode: `WRONG-${i}`, publicKey: centre.publicKey }),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
