// Login under attack: parallel guesses, floods of random usernames, strangers locking a real
// user out, what is logged, and weak passwords refused wherever a password is set.
import { request } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashStats, limited } from '../src/auth/auth.ts';
import { expectError, expectOk } from './api-helpers.ts';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from './harness.ts';

interface Reply {
  status: number;
  body: { token?: string; error?: { code: string; message: string } };
  retryAfter: string | undefined;
}

/** POST /api/v1/auth/login from one loopback address (the whole of 127.0.0.0/8 is this host). */
function loginFrom(t: TestHub, from: string, username: string, password: string): Promise<Reply> {
  const url = new URL('/api/v1/auth/login', t.url);
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        // One connection per request, so each is its own client as the hub sees it.
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text),
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const countBy = (replies: Reply[]) =>
  replies.reduce<Record<number, number>>((acc, r) => {
    acc[r.status] = (acc[r.status] ?? 0) + 1;
    return acc;
  }, {});

describe('parallel guesses', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('100 wrong passwords sent at once plus the right one, from 101 addresses: at most 5 are checked', async () => {
    const guesses = Array.from({ length: 100 }, (_, i) =>
      loginFrom(t, `127.0.1.${i + 1}`, 'admin', `sai-mat-khau-${i}`),
    );
    guesses.push(loginFrom(t, '127.0.2.1', 'admin', ADMIN_PASSWORD));
    const replies = await Promise.all(guesses);
    const counts = countBy(replies);
    // Every attempt counted before its hash: failures plus attempts in flight never pass 5.
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBeLessThanOrEqual(5);
    expect(counts[429]).toBeGreaterThanOrEqual(96);
    expect(Object.keys(counts).sort()).toEqual(
      Object.keys(counts)
        .filter((s) => ['200', '401', '429'].includes(s))
        .sort(),
    );
    for (const r of replies.filter((x) => x.status === 429)) {
      expect(r.body.error?.code).toBe('too_many_attempts');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
  });
});

describe('a flood of random usernames from one address', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    // The officer signs in once from their counter PC: that address is now known-good for them.
    await t.user('canbo.flood', 'officer');
  });
  afterAll(() => t.close());

  it('is refused (429) after a few attempts in flight, and a real user still signs in at once', async () => {
    const before = hashStats.started;
    const flood = Array.from({ length: 500 }, (_, i) =>
      loginFrom(t, '127.0.3.1', `khong-co-${i}-${Math.random().toString(36).slice(2)}`, 'doan-mo'),
    );
    // The real officer, from the address where they signed in before, while the flood is on.
    const real = loginFrom(t, '127.0.0.1', 'canbo.flood', 'canbo.flood-password');
    const replies = await Promise.all(flood);
    const counts = countBy(replies);
    expect(counts[429]).toBeGreaterThanOrEqual(470);
    expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(500);
    const realReply = await real;
    expect(realReply.status).toBe(200);
    expect(realReply.body.token).toEqual(expect.any(String));
    // Only the attempts let through were hashed (plus the real one): not 500.
    expect(hashStats.started - before).toBeLessThanOrEqual((counts[401] ?? 0) + 1);
  });

  it('hashes a known-good address’s login ahead of strangers’ waiting attempts', async () => {
    // Two hashes run at once: hold both places, queue three strangers and then one urgent check.
    const started: string[] = [];
    const gates: (() => void)[] = [];
    const job = (name: string, hold: boolean) => () => {
      started.push(name);
      return hold ? new Promise<void>((resolve) => gates.push(resolve)) : Promise.resolve();
    };
    const running = [limited(job('first', true)), limited(job('second', true))];
    const waiting = [1, 2, 3].map((i) => limited(job(`stranger-${i}`, false)));
    const urgent = limited(job('known-good', false), true);
    expect(started).toEqual(['first', 'second']);
    gates.shift()!();
    await Promise.all([...running.slice(0, 1), urgent]);
    // The first place freed goes to the known-good address, not to the strangers before it.
    expect(started.slice(0, 3)).toEqual(['first', 'second', 'known-good']);
    gates.shift()!();
    await Promise.all([...running, ...waiting]);
    expect(started.slice(3)).toEqual(['stranger-1', 'stranger-2', 'stranger-3']);
  });
});

describe('a stranger cannot lock a real user out', () => {
  let t: TestHub;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    t = await startTestHub({ log });
    // admin signs in from 127.0.0.1 (the harness) and from the office PC 127.0.4.1.
    await t.login();
    expect((await loginFrom(t, '127.0.4.1', 'admin', ADMIN_PASSWORD)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('5 bad passwords from elsewhere lock the username for new addresses only', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await loginFrom(t, '127.0.5.1', 'admin', `doan-${i}-sai`)).status).toBe(401);
    }
    const stranger = await loginFrom(t, '127.0.5.1', 'admin', ADMIN_PASSWORD);
    expect(stranger.status).toBe(429);
    const newPlace = await loginFrom(t, '127.0.5.2', 'admin', ADMIN_PASSWORD);
    expect(newPlace.status).toBe(429);
    // The admin at the office PC is not locked out by someone else's guesses.
    const office = await loginFrom(t, '127.0.4.1', 'admin', ADMIN_PASSWORD);
    expect(office.status).toBe(200);
  });

  it('a known-good address has its own limit: 5 failures there lock it too', async () => {
    await t.user('canbo.go', 'officer'); // signs in from 127.0.0.1
    for (let i = 0; i < 5; i++) {
      expect((await loginFrom(t, '127.0.0.1', 'canbo.go', `nham-${i}-roi`)).status).toBe(401);
    }
    expect((await loginFrom(t, '127.0.0.1', 'canbo.go', 'canbo.go-password')).status).toBe(429);
  });

  it('logs failed logins, refusals and bad pairing codes with username, address and reason, never the password', async () => {
    lines.length = 0;
    await loginFrom(t, '127.0.6.1', 'nobody-here', 'mat-khau-bi-mat-1');
    const failed = lines.find((l) => l.msg === 'login failed');
    expect(failed).toMatchObject({ username: 'nobody-here', client: '127.0.6.1', reason: 'wrong_password' });
    for (let i = 0; i < 5; i++) await loginFrom(t, '127.0.6.2', 'admin2', `x-${i}-mat-khau`);
    await loginFrom(t, '127.0.6.3', 'admin2', 'mat-khau-bi-mat-2');
    const refused = lines.find((l) => l.msg === 'login refused');
    expect(refused).toMatchObject({ username: 'admin2', client: '127.0.6.3', reason: 'user_locked' });
    expectError(
      await t.api('POST', '/api/v1/devices/pair', { body: { code: 'ZZZZZZZZ' } }),
      401,
      'unauthorized',
    );
    expect(lines.find((l) => l.msg === 'pairing refused')).toMatchObject({
      client: '127.0.0.1',
      reason: 'bad_code',
    });
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain('mat-khau-bi-mat');
  });
});

describe('weak passwords', () => {
  let t: TestHub;
  let admin: string;
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
  });
  afterAll(() => t.close());

  const create = (username: string, password: string) =>
    t.api('POST', '/api/v1/users', {
      token: admin,
      body: { username, password, displayName: 'Trần Thị B', role: 'officer' },
    });

  it.each([
    ['12345678', /password: too simple/],
    ['        ', /password: too simple/],
    ['password1', /password: one of the most common/],
    ['canbo.b', /password: at least 8 characters/],
    ['canbo.b99', /password: must not be the username/],
  ])('refuses %j for a new user with a clear 400, and creates nothing', async (password, message) => {
    expectError(await create('canbo.b', password), 400, 'validation_failed', message);
    const users = expectOk(await t.api('GET', '/api/v1/users', { token: admin }));
    expect(users.users.map((u: { username: string }) => u.username)).not.toContain('canbo.b');
  });

  it('refuses a weak reset too, and the old password keeps working', async () => {
    const created = expectOk(await create('canbo.c', 'cay-da-gieng-nuoc'), 201);
    for (const password of ['11111111', 'canbo.c', 'Canbo.c2024', 'matkhau123']) {
      expectError(
        await t.api('POST', `/api/v1/users/${created.user.id}/password`, {
          token: admin,
          body: { password },
        }),
        400,
        'validation_failed',
        /^password: /,
      );
    }
    expectOk(
      await t.api('POST', '/api/v1/auth/login', {
        body: { username: 'canbo.c', password: 'cay-da-gieng-nuoc' },
      }),
    );
  });
});
