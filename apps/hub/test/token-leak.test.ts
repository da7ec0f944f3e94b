// Limits on what a stolen token or a hostile page can do: pages served by a hub talk only to that
// hub (CSP connect-src 'self'), a kiosk token issues at a kiosk's pace (429 past a burst), and a
// field's numbers never leave its range (409 once it is used up, nothing written). Chromium's
// side: e2e/hub-only.e2e.test.ts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_ISSUE_LIMIT } from '../src/auth/issue-limit.ts';
import { WEB_APPS, type WebApp } from '../src/http/static.ts';
import { expectError, expectOk, manualClock } from './api-helpers.ts';
import { connected, startTestHub, type TestHub, tempDir } from './harness.ts';

const EVIL = 'http://127.0.0.1:9';

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

describe('the pages may connect to their own hub only', () => {
  let t: TestHub;
  let apps: string;

  beforeAll(async () => {
    // A build of every web app (a page each), so every page route answers 200 as in production.
    apps = tempDir('luot-apps-');
    for (const [app, pages] of Object.entries(WEB_APPS)) {
      mkdirSync(join(apps, app, 'dist'), { recursive: true });
      for (const page of pages)
        writeFileSync(join(apps, app, 'dist', page), `<!doctype html><title>${app} ${page}</title>`);
    }
    t = await startTestHub({ config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
  });

  const pages: string[] = [
    ...(Object.entries(WEB_APPS) as [WebApp, readonly string[]][]).flatMap(([app, files]) => [
      `/${app}/`,
      ...files.map((f) => `/${app}/${f}`),
    ]),
    '/t/000000000000aaaaaaaaaaaaaaaaaaaaaa',
  ];

  it.each(pages)(
    '%s?hub=<another host>: connect-src is exactly self (no ws:, wss: or hosts)',
    async (path) => {
      const res = await fetch(new URL(`${path}?hub=${encodeURIComponent(EVIL)}`, t.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      // Nothing else opens a connection elsewhere either: every fetch directive is 'self' at most.
      expect(csp.get('default-src')).toEqual(["'self'"]);
      for (const [name, sources] of csp) {
        for (const source of sources)
          expect(`${name} ${source}`).toMatch(/ ('self'|'none'|'unsafe-inline'|data:)$/);
      }
    },
  );
});

describe('a kiosk token issues at a kiosk’s pace', () => {
  // The hub's clock stands still unless the test moves it: the limit is exact, not timing-bound.
  const clock = manualClock('2025-03-10T01:00:00.000Z');
  let t: TestHub;
  let kioskA: string;
  let kioskB: string;
  let officer: string;
  let admin: string;
  const { burst, perMinute } = KIOSK_ISSUE_LIMIT;
  const count = (table: string) =>
    (t.running.hub.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const issue = (token: string, key?: string) =>
    t.api('POST', '/api/v1/tickets', {
      token,
      body: { serviceId: 'chungthuc' },
      headers: key ? { 'idempotency-key': key } : {},
    });

  beforeAll(async () => {
    t = await startTestHub({ now: clock.now });
    admin = await t.login();
    kioskA = await t.pairDevice('kiosk');
    kioskB = await t.pairDevice('kiosk');
    officer = (await t.user('canbo-limit', 'officer')).token;
  });
  afterAll(() => t?.close());

  it('a burst of 100 at once: the first 20 issue, the rest get 429 and write nothing', async () => {
    expect(burst).toBe(20);
    expect(perMinute).toBe(60);
    const before = { tickets: count('tickets'), events: count('ticket_events') };
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => issue(kioskA, `burst-a-${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(burst);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - burst);
    const refused = answers.find((r) => r.status === 429)!;
    expectError(
      refused,
      429,
      'too_many_attempts',
      /this kiosk is issuing tickets too fast.*try again in 1 second/,
    );
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(count('tickets')).toBe(before.tickets + burst);
    expect(count('ticket_events')).toBe(before.events + burst);
    const numbers = answers.filter((r) => r.status === 201).map((r) => r.body.ticket.number as number);
    expect(new Set(numbers).size).toBe(burst);
    // Over a socket too: the same command, the same refusal.
    const socket = t.socket(kioskA);
    await connected(socket);
    const ack = await socket
      .timeout(5000)
      .emitWithAck('command', { name: 'tickets:issue', body: { serviceId: 'chungthuc' } });
    expect(ack).toEqual({ ok: false, error: { code: 'too_many_attempts', message: expect.any(String) } });
    expect(count('tickets')).toBe(before.tickets + burst);
  });

  it('other kiosks and staff are not held back by it', async () => {
    expectOk(await issue(kioskB), 201);
    // Staff issuing (an officer at the desk, an admin) is not limited this way.
    for (let i = 0; i < burst + 10; i++) expectOk(await issue(i % 2 ? officer : admin), 201);
    expect((await issue(kioskA)).status).toBe(429);
  });

  it('refills at 60 a minute: one a second, then the burst again after a rest', async () => {
    clock.advance(1000);
    expectOk(await issue(kioskA), 201);
    expectError(await issue(kioskA), 429, 'too_many_attempts');
    clock.advance(10_000);
    for (let i = 0; i < 10; i++) expectOk(await issue(kioskA), 201);
    expectError(await issue(kioskA), 429, 'too_many_attempts');
    // A minute's rest fills it up again, but never past the burst.
    clock.advance(10 * 60_000);
    const answers = await Promise.all(Array.from({ length: burst + 5 }, () => issue(kioskA)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(burst);
  });

  it('a retry with the same Idempotency-Key after a 429 issues once', async () => {
    clock.advance(10 * 60_000);
    for (let i = 0; i < burst; i++) expectOk(await issue(kioskA), 201);
    const before = count('tickets');
    expectError(await issue(kioskA, 'retry-after-429'), 429, 'too_many_attempts');
    expect(count('tickets')).toBe(before);
    clock.advance(1000);
    const first = expectOk(await issue(kioskA, 'retry-after-429'), 201);
    clock.advance(1000);
    const again = expectOk(await issue(kioskA, 'retry-after-429'), 201);
    expect(again.ticket.id).toBe(first.ticket.id);
    expect(count('tickets')).toBe(before + 1);
  });
});

describe('a field’s numbers never leave its range', () => {
  let t: TestHub;
  let admin: string;
  let kiosk: string;
  let officer: string;
  let fieldId: string;
  const count = (table: string) =>
    (t.running.hub.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const issue = (token: string, key?: string) =>
    t.api('POST', '/api/v1/tickets', {
      token,
      body: { serviceId: fieldId },
      headers: key ? { 'idempotency-key': key } : {},
    });

  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    kiosk = await t.pairDevice('kiosk');
    officer = (await t.user('canbo-range', 'officer')).token;
    // A field with three numbers a day, made as an administrator would.
    const created = await t.api('POST', '/api/v1/services', {
      token: admin,
      body: { code: 'TINY', name: 'Lĩnh vực thử', prefix: 'Z', start: 7, end: 9 },
    });
    fieldId = expectOk(created, 201).service.id;
  });
  afterAll(() => t?.close());

  it('issues up to the end of the range, then 409 naming the field, with nothing written', async () => {
    const numbers: string[] = [];
    for (const token of [kiosk, officer, kiosk])
      numbers.push(expectOk(await issue(token), 201).ticket.displayNumber);
    expect(numbers).toEqual(['Z007', 'Z008', 'Z009']);

    const before = {
      tickets: count('tickets'),
      events: count('ticket_events'),
      keys: count('command_keys'),
      queue: (await t.api('GET', '/api/v1/queue', { token: admin })).body,
    };
    for (const token of [kiosk, officer, admin]) {
      const res = await issue(token, `used-up-${token.slice(0, 8)}`);
      expectError(
        res,
        409,
        'conflict',
        /^field TINY \(Lĩnh vực thử\) has used up its numbers for today \(Z007–Z009\); no ticket was issued/,
      );
    }
    expect(count('tickets')).toBe(before.tickets);
    expect(count('ticket_events')).toBe(before.events);
    expect(count('command_keys')).toBe(before.keys);
    expect((await t.api('GET', '/api/v1/queue', { token: admin })).body).toEqual(before.queue);
    const max = t.running.hub.db
      .prepare('SELECT MAX(number) AS n FROM tickets WHERE origin_service_id = ?')
      .get(fieldId) as { n: number };
    expect(max.n).toBe(9);
  });

  it('other fields go on, and a widened range goes on from its last number', async () => {
    expectOk(await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich' } }), 201);
    const widened = await t.api('PUT', `/api/v1/services/${fieldId}`, { token: admin, body: { end: 10 } });
    expectOk(widened);
    // The key refused before issues now: a 409 stored nothing under it.
    const res = expectOk(await issue(kiosk, `used-up-${kiosk.slice(0, 8)}`), 201);
    expect(res.ticket.displayNumber).toBe('Z010');
    expectError(await issue(kiosk), 409, 'conflict', /used up its numbers for today \(Z007–Z010\)/);
  });
});
