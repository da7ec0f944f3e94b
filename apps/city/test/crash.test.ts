// Real processes on a real PostgreSQL server: two city processes serving one database; a city
// SIGKILLed while a hub sends batches; a hub SIGKILLed while it sends. After each restart the
// city's figures equal the hub's again, with every ticket exactly once.
import { randomUUID } from 'node:crypto';
import { type HubProcess, spawnHub, startTestHub, type TestHub, tempDir } from '@luot/hub/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  type CityProcess,
  enrolCentre,
  figuresOf,
  freePort,
  json,
  type PostgresCluster,
  report,
  reportTicket,
  spawnCity,
  startPostgres,
  TEST_ADMIN_PASSWORD,
  until,
} from './harness.ts';

/** A kiosk's ticket at the hub at `url`, with its Idempotency-Key. */
const issueAt = (url: string, kiosk: string, key: string) =>
  fetch(`${url}/api/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk}`, 'idempotency-key': key },
    body: JSON.stringify({ serviceId: 'hotich' }),
  });

async function stop(proc: CityProcess | HubProcess | null, signal: NodeJS.Signals = 'SIGTERM') {
  if (!proc || proc.proc.exitCode !== null || proc.proc.signalCode !== null) return;
  proc.proc.kill(signal);
  await proc.exited;
}

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

describe('two city processes on one PostgreSQL', () => {
  it('start together, share users, centres and reports, and keep one acknowledged seq', async () => {
    const url = await cluster.createDatabase('two_cities');
    const env = { LUOT_CITY_DATABASE_URL: url, LUOT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD };
    const [a, b] = await Promise.all([spawnCity(env), spawnCity(env)]);
    try {
      const token = await adminToken(a.url);
      const centre = await enrolCentre(b.url, token, 'NK', 'Phường Ninh Kiều');
      // Reports alternate between the processes, in parallel bursts; each seq range once.
      const sends = Array.from({ length: 20 }, (_, i) =>
        centre.send(
          report('NK', {
            fromSeq: 1,
            toSeq: i + 1,
            tickets: [reportTicket({ id: `t${i % 7}`, version: i + 1, recallCount: i + 1 })],
          }),
          { base: i % 2 ? a.url : b.url },
        ),
      );
      const answers = await Promise.all(sends);
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const list = await json<{ centres: { ackedSeq: number }[] }>(
        a.url,
        'GET',
        '/api/city/v1/centres',
        undefined,
        token,
      );
      expect(list.body.centres[0]?.ackedSeq).toBe(20);
      const statsA = await json(
        a.url,
        'GET',
        '/api/city/v1/stats?from=2026-12-01&to=2026-12-01',
        undefined,
        token,
      );
      const statsB = await json(
        b.url,
        'GET',
        '/api/city/v1/stats?from=2026-12-01&to=2026-12-01',
        undefined,
        token,
      );
      expect(statsA.body).toEqual(statsB.body);
      expect((statsA.body as { total: { issued: number } }).total.issued).toBe(7);
    } finally {
      await stop(a);
      await stop(b);
    }
  });
});

describe('crashes while reporting', () => {
  let dbUrl: string;
  let city: CityProcess | null = null;
  let cityPort: number;
  let token: string;

  beforeAll(async () => {
    dbUrl = await cluster.createDatabase('crashes');
    cityPort = await freePort();
    city = await spawnCity({
      LUOT_CITY_DATABASE_URL: dbUrl,
      LUOT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      LUOT_PORT: String(cityPort),
    });
    token = await adminToken(city.url);
  });
  afterAll(async () => {
    await stop(city);
  });

  const cityStats = async (code: string, day: string) =>
    (
      await json<{ total: Record<string, unknown> }>(
        `http://127.0.0.1:${cityPort}`,
        'GET',
        `/api/city/v1/stats?from=${day}&to=${day}&centre=${code}`,
        undefined,
        token,
      )
    ).body.total;

  it('a city SIGKILLed mid-batch loses and doubles nothing', async () => {
    const made = await json<{ enrolmentCode: string }>(
      city!.url,
      'POST',
      '/api/city/v1/centres',
      { code: 'CK', name: 'Phường Cái Khế' },
      token,
    );
    const hub: TestHub = await startTestHub({
      config: { kioskIssueLimit: 'off' },
      city: { batchEvents: 40, debounceMs: 5, minBackoffMs: 50, maxBackoffMs: 400 },
    });
    try {
      const admin = await hub.login();
      const joined = await hub.api('POST', '/api/v1/city/join', {
        token: admin,
        body: { cityUrl: city!.url, enrolmentCode: made.body.enrolmentCode },
      });
      expect(joined.status).toBe(200);
      const kiosk = await hub.pairDevice('kiosk');
      const issue = () => hub.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich' } });
      for (let i = 0; i < 150; i += 1) await issue();
      // Kill the city while the hub is still sending its batches.
      await until(
        () => 'the city to acknowledge part of the log',
        async () => (hub.running.hub.citySync!.link()!.ackedSeq > 0 ? true : null),
      );
      await stop(city, 'SIGKILL');
      const during = await Promise.all(Array.from({ length: 100 }, issue));
      expect(during.every((r) => r.status === 201)).toBe(true);
      city = await spawnCity({
        LUOT_CITY_DATABASE_URL: dbUrl,
        LUOT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        LUOT_PORT: String(cityPort),
      });
      const last = hub.running.hub.store.data.city.lastSeq();
      await until(
        () => `ackedSeq ${hub.running.hub.citySync!.link()!.ackedSeq} to reach ${last}`,
        async () => hub.running.hub.citySync!.link()!.ackedSeq >= last,
      );
      const day = (await hub.api('GET', '/api/v1/stats/day', { token: admin })).body;
      expect(day.issued).toBe(250);
      expect(figuresOf(await cityStats('CK', day.date))).toEqual(figuresOf(day));
    } finally {
      await hub.close();
    }
  });

  it('a hub SIGKILLed while it sends catches up after its restart', async () => {
    const made = await json<{ enrolmentCode: string }>(
      city!.url,
      'POST',
      '/api/city/v1/centres',
      { code: 'TA', name: 'Phường Tân An' },
      token,
    );
    const dataDir = tempDir();
    const env = {
      LUOT_DATA_DIR: dataDir,
      LUOT_SEED: 'demo',
      LUOT_ADMIN_PASSWORD: 'admin-test-pass',
      LUOT_KIOSK_ISSUE_LIMIT: 'off',
      LUOT_CITY_URL: city!.url,
      LUOT_CITY_ENROLMENT_CODE: made.body.enrolmentCode,
    };
    let hub: HubProcess | null = await spawnHub(env);
    try {
      const api = async (method: string, path: string, body?: unknown, auth?: string) => {
        const res = await fetch(hub!.url + path, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, any> };
      };
      const login = async () =>
        (await api('POST', '/api/v1/auth/login', { username: 'admin', password: 'admin-test-pass' })).body
          .token as string;
      let admin = await login();
      await until(
        () => 'the hub to join from LUOT_CITY_URL',
        async () => (await api('GET', '/api/v1/city', undefined, admin)).body.city,
      );
      const code = (
        await api('POST', '/api/v1/devices/pairing-codes', { kind: 'kiosk', name: 'Kiosk' }, admin)
      ).body.code;
      const kiosk = (await api('POST', '/api/v1/devices/pair', { code })).body.token as string;
      const keys = Array.from({ length: 200 }, () => randomUUID());
      for (const key of keys.slice(0, 120)) {
        expect((await issueAt(hub!.url, kiosk, key)).status).toBe(201);
      }
      await stop(hub, 'SIGKILL');
      hub = await spawnHub(env);
      admin = await login();
      for (const key of keys.slice(120)) {
        expect((await issueAt(hub!.url, kiosk, key)).status).toBe(201);
      }
      const day = await until(
        () => 'the restarted hub to catch up',
        async () => {
          const d = (await api('GET', '/api/v1/stats/day', undefined, admin)).body;
          const c = await cityStats('TA', d.date);
          return c.issued === d.issued ? d : null;
        },
      );
      expect(day.issued).toBe(200);
      expect(figuresOf(await cityStats('TA', day.date))).toEqual(figuresOf(day));
      const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM tickets t JOIN centres c ON c.id = t.centre_id WHERE c.code = 'TA'",
      );
      await pool.end();
      expect(rows[0]!.n).toBe(200);
    } finally {
      await stop(hub);
    }
  });
});
