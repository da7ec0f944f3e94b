// A real hub reports to a real city (PGlite): join with an enrolment code, changes go up within
// seconds, figures equal the hub's GET /stats/day, officers go up as pseudonyms, an outage is
// caught up, a day close arrives with its figures and reconciles, and two hubs never mix.

import { startTestHub, type TestHub } from '@luot/hub/testing';
import { act, expectOk, issue, manualClock, officerAt } from '@luot/hub/testing/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCity } from '../src/server.ts';
import { adminToken, figuresOf, json, startTestCity, until } from './harness.ts';

const FAST = { debounceMs: 20, minBackoffMs: 30, maxBackoffMs: 200, liveEveryMs: 60_000 };

async function join(hub: TestHub, city: RunningCity, token: string, code: string, name: string) {
  const made = await json<{ enrolmentCode: string }>(
    city.url,
    'POST',
    '/api/city/v1/centres',
    { code, name },
    token,
  );
  const admin = await hub.login();
  const joined = await hub.api('POST', '/api/v1/city/join', {
    token: admin,
    body: { cityUrl: city.url, enrolmentCode: made.body.enrolmentCode },
  });
  expect(joined.body).toEqual({ city: { url: city.url, centreCode: code } });
  return admin;
}

async function ackedAll(hub: TestHub, admin: string) {
  const last = hub.running.hub.store.data.city.lastSeq();
  let seen: unknown = null;
  return until(
    () => `the city to acknowledge seq ${last} (last state ${JSON.stringify(seen)})`,
    async () => {
      const state = expectOk(await hub.api('GET', '/api/v1/city', { token: admin }));
      seen = state.city;
      return state.city.ackedSeq >= last ? state.city : null;
    },
  );
}

describe('a hub reporting to its city', () => {
  const clock = manualClock('2026-12-01T02:00:00.000Z'); // 09:00 in Cần Thơ
  let city: RunningCity;
  let cityToken: string;
  let hub: TestHub;
  let other: TestHub;
  let admin: string;
  let otherAdmin: string;
  let kiosk: string;

  beforeAll(async () => {
    city = await startTestCity({}, clock.now);
    cityToken = await adminToken(city.url);
    hub = await startTestHub({ now: clock.now, city: FAST });
    other = await startTestHub({ now: clock.now, city: FAST });
    admin = await join(hub, city, cityToken, 'NK', 'Phường Ninh Kiều');
    otherAdmin = await join(other, city, cityToken, 'CK', 'Phường Cái Khế');
    kiosk = await hub.pairDevice('kiosk');
  });
  afterAll(async () => {
    await hub?.close();
    await other?.close();
    await city?.stop();
  });

  it('sends a day’s tickets within seconds; the city’s figures equal the hub’s', async () => {
    const officer = await officerAt(hub, 'canbo-nk', 'c1');
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock.advance(30_000);
      ids.push((await issue(hub, kiosk, { serviceId: i % 2 ? 'chungthuc' : 'hotich' })).id);
    }
    clock.advance(240_000);
    expectOk(await act(hub, officer.token, 'counters/c1/call-next'));
    clock.advance(60_000);
    expectOk(await act(hub, officer.token, `tickets/${ids[0]}/start`));
    clock.advance(300_000);
    expectOk(await act(hub, officer.token, `tickets/${ids[0]}/finish`, { procedureIds: ['hotich-1'] }));
    expectOk(await hub.api('POST', `/api/v1/tickets/${ids[0]}/rating`, { body: { score: 4 } }));
    clock.advance(20_000);
    expectOk(await act(hub, officer.token, 'counters/c1/call-next'));
    clock.advance(60_000);
    expectOk(await act(hub, officer.token, `tickets/${ids[1]}/no-show`));

    const state = await ackedAll(hub, admin);
    expect(state).toMatchObject({ url: city.url, centreCode: 'NK', lastError: null });
    const day = expectOk(await hub.api('GET', '/api/v1/stats/day', { token: admin }));
    const stats = await json<{ centres: Record<string, unknown>[]; total: Record<string, unknown> }>(
      city.url,
      'GET',
      `/api/city/v1/stats?from=${day.date}&to=${day.date}&centre=NK`,
      undefined,
      cityToken,
    );
    expect(figuresOf(stats.body.total)).toEqual(figuresOf(day));
    expect(day.issued).toBe(5);
    expect(day.served).toBe(1);
    expect(day.noShow).toBe(1);
    // Officers are pseudonyms: neither the user id nor any name reaches the city.
    const rows = await city.db.query<{ officer: string | null }>(
      "SELECT officer FROM tickets WHERE officer IS NOT NULL AND centre_id = (SELECT id FROM centres WHERE code = 'NK')",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.officer).toMatch(/^o-[A-Za-z0-9_-]{16}$/);
      expect(r.officer).not.toContain(officer.id);
    }
    const dump = JSON.stringify(await city.db.query('SELECT * FROM tickets'));
    expect(dump).not.toMatch(/canbo-nk|Cán bộ/);
  });

  it('keeps each centre’s data apart', async () => {
    const otherKiosk = await other.pairDevice('kiosk');
    await issue(other, otherKiosk, { serviceId: 'datdai' });
    await ackedAll(other, otherAdmin);
    const stats = await json<{ centres: { code: string; issued: number }[] }>(
      city.url,
      'GET',
      '/api/city/v1/stats?from=2026-12-01&to=2026-12-01',
      undefined,
      cityToken,
    );
    expect(stats.body.centres.map((c) => [c.code, c.issued])).toEqual([
      ['CK', 1],
      ['NK', 5],
    ]);
  });

  it('says why while the city is unreachable, and catches up once it is back', async () => {
    const dataDir = city.city.config.dataDir;
    await city.stop();
    clock.advance(60_000);
    await issue(hub, kiosk, { serviceId: 'hotich' });
    const failing = expectOk(await hub.api('POST', '/api/v1/city/sync', { token: admin }));
    expect(failing.city.lastError).toMatch(/did not answer/);
    // Issuing goes on while the city is away.
    const more = await issue(hub, kiosk, { serviceId: 'hotich' });
    expect(more.status).toBe('waiting');
    city = await startTestCity({ dataDir, port: Number(new URL(failing.city.url).port) }, clock.now);
    const state = await ackedAll(hub, admin);
    expect(state.lastError).toBeNull();
    const day = expectOk(await hub.api('GET', '/api/v1/stats/day', { token: admin }));
    const stats = await json<{ total: Record<string, unknown> }>(
      city.url,
      'GET',
      `/api/city/v1/stats?from=${day.date}&to=${day.date}&centre=NK`,
      undefined,
      cityToken,
    );
    expect(figuresOf(stats.body.total)).toEqual(figuresOf(day));
  });

  it('sends a closed day’s figures, which reconcile with the city’s own', async () => {
    // Past midnight in Cần Thơ: the hub closes 2026-12-01 (open tickets expire).
    clock.at(24 * 3600);
    hub.running.hub.tick();
    admin = await hub.login(); // the day's token has ended
    await ackedAll(hub, admin);
    const days = await until('the closed day at the city', async () => {
      const list = await city.city.centreDays('NK');
      return list.find((d) => d.date === '2026-12-01') ?? null;
    });
    const frozen = expectOk(await hub.api('GET', '/api/v1/stats/day?date=2026-12-01', { token: admin }));
    expect(days.figures).toEqual(figuresOf(frozen));
    expect(frozen.expired).toBeGreaterThan(0);
    expect(days.reconciled).toBe(true);
  });

  it('catches up a three-day outage with a day close each night, exactly', async () => {
    const dataDir = city.city.config.dataDir;
    const port = Number(new URL(city.url).port);
    await city.stop();
    // 2026-12-02 .. 2026-12-04: tickets each day, a call and a finish, the night's close.
    for (const [i, day] of ['2026-12-02', '2026-12-03', '2026-12-04'].entries()) {
      clock.at((1 + i) * 24 * 3600 + 3600);
      admin = await hub.login();
      const officer = await officerAt(hub, `dem-${i}`, 'c2');
      const ids = [];
      for (let n = 0; n <= i + 2; n += 1) {
        clock.advance(45_000);
        ids.push((await issue(hub, await hub.pairDevice('kiosk'), { serviceId: 'hotich' })).id);
      }
      clock.advance(200_000);
      expectOk(await act(hub, officer.token, 'counters/c2/call-next'));
      clock.advance(100_000);
      expectOk(await act(hub, officer.token, `tickets/${ids[0]}/finish`, { procedureIds: ['hotich-1'] }));
      expectOk(await act(hub, officer.token, 'counters/c2/sign-out'));
      expect(expectOk(await hub.api('GET', '/api/v1/stats/day', { token: admin })).date).toBe(day);
    }
    clock.at(4 * 24 * 3600 + 60);
    hub.running.hub.tick();
    admin = await hub.login();
    const failing = expectOk(await hub.api('POST', '/api/v1/city/sync', { token: admin }));
    expect(failing.city.lastError).toMatch(/did not answer/);
    city = await startTestCity({ dataDir, port }, clock.now);
    cityToken = await adminToken(city.url); // days have passed: sign in again
    await ackedAll(hub, admin);
    for (const day of ['2026-12-02', '2026-12-03', '2026-12-04']) {
      const frozen = expectOk(await hub.api('GET', `/api/v1/stats/day?date=${day}`, { token: admin }));
      expect(frozen.frozen).toBe(true);
      const stats = await json<{ total: Record<string, unknown> }>(
        city.url,
        'GET',
        `/api/city/v1/stats?from=${day}&to=${day}&centre=NK`,
        undefined,
        cityToken,
      );
      expect(figuresOf(stats.body.total)).toEqual(figuresOf(frozen));
      const reported = (await city.city.centreDays('NK')).find((d) => d.date === day);
      expect(reported).toMatchObject({ figures: figuresOf(frozen), reconciled: true });
    }
    // The period over the four days is the sum of the hub's tickets, each exactly once.
    const period = await json<{ total: { issued: number } }>(
      city.url,
      'GET',
      '/api/city/v1/stats?from=2026-12-01&to=2026-12-04&centre=NK',
      undefined,
      cityToken,
    );
    const [count] = await city.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM tickets WHERE centre_id = (SELECT id FROM centres WHERE code = 'NK')",
    );
    expect(period.body.total.issued).toBe(count!.n);
    expect(count!.n).toBe(7 + 3 + 4 + 5);
  });

  it('keeps the centre’s key private in the data dir', async () => {
    const { statSync } = await import('node:fs');
    const { join: joinPath } = await import('node:path');
    const mode = statSync(joinPath(hub.dataDir, 'city-key.pem')).mode & 0o777;
    expect(mode.toString(8)).toBe('600');
  });
});
