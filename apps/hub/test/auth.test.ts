// Health, login and its throttling, logout, /me, users, device pairing, and the generic error answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from './api-helpers.ts';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from './harness.ts';

describe('health', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('answers 200 without a token, with status, version, service day and centre', async () => {
    const body = expectOk(await t.api('GET', '/api/v1/health'));
    expect(body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      serviceDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      centre: { code: 'DEMO-NINHKIEU', name: expect.stringContaining('Ninh Kiều') },
    });
  });

  it('also answers with a garbage token (it is public)', async () => {
    expectOk(await t.api('GET', '/api/v1/health', { token: 'garbage' }));
  });
});

describe('login, logout and /me', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('gives a token and the user on the right password', async () => {
    const res = await t.api('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const body = expectOk(res);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(body.user).toEqual({
      id: expect.any(String),
      username: 'admin',
      displayName: expect.any(String),
      role: 'admin',
    });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const me = expectOk(await t.api('GET', '/api/v1/me', { token: body.token }));
    expect(me).toEqual({ user: body.user, device: null, counterId: null });
  });

  it('refuses a wrong password and an unknown user with 401', async () => {
    expectError(
      await t.api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'wrong-password' } }),
      401,
      'unauthorized',
    );
    expectError(
      await t.api('POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'whatever1' } }),
      401,
      'unauthorized',
    );
    // A success clears the failures, so the tests below start from zero.
    expect(await t.login()).toBeTypeOf('string');
  });

  it('refuses a login body without a password with 400 naming the field', async () => {
    expectError(
      await t.api('POST', '/api/v1/auth/login', { body: { username: 'admin' } }),
      400,
      'validation_failed',
      /^password: /,
    );
  });

  it('logout revokes the token used, and only that one', async () => {
    const a = await t.login();
    const b = await t.login();
    expect(expectOk(await t.api('POST', '/api/v1/auth/logout', { token: a }))).toEqual({ ok: true });
    expectError(await t.api('GET', '/api/v1/me', { token: a }), 401, 'unauthorized');
    expectError(await t.api('POST', '/api/v1/auth/logout', { token: a }), 401, 'unauthorized');
    expectOk(await t.api('GET', '/api/v1/me', { token: b }));
  });

  it('/me tells the counter a user is signed in at, and describes a device', async () => {
    const officer = await t.user('me-officer', 'officer');
    expectOk(await t.api('POST', '/api/v1/counters/c3/sign-in', { token: officer.token }));
    const me = expectOk(await t.api('GET', '/api/v1/me', { token: officer.token }));
    expect(me).toMatchObject({ user: { id: officer.id, role: 'officer' }, device: null, counterId: 'c3' });

    const display = await t.pairDevice('display', { zone: 'tang-1' });
    expect(expectOk(await t.api('GET', '/api/v1/me', { token: display }))).toEqual({
      user: null,
      device: {
        id: expect.any(String),
        kind: 'display',
        name: 'display test',
        counterId: null,
        zone: 'tang-1',
      },
      counterId: null,
    });
    const pad = await t.pairDevice('counter', { counterId: 'c3' });
    expect(expectOk(await t.api('GET', '/api/v1/me', { token: pad }))).toMatchObject({
      user: null,
      device: { kind: 'counter', counterId: 'c3' },
      counterId: 'c3',
    });
    expectError(await t.api('GET', '/api/v1/me'), 401, 'unauthorized');
  });
});

describe('login throttling', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('answers 429 after 5 failures for the same username, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expectError(
        await t.api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: `wrong-${i}` } }),
        401,
        'unauthorized',
      );
    }
    const locked = await t.api('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expectError(locked, 429, 'too_many_attempts', /try again/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The username is matched without case, so changing its case does not get around the lock.
    expectError(
      await t.api('POST', '/api/v1/auth/login', { body: { username: 'ADMIN', password: ADMIN_PASSWORD } }),
      429,
      'too_many_attempts',
    );
  });
});

describe('users', () => {
  let t: TestHub;
  let admin: string;
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
  });
  afterAll(() => t.close());

  const newUser = (username: string, role = 'officer') => ({
    username,
    password: 'mat-khau-1',
    displayName: 'Nguyễn Văn Á',
    role,
  });

  it('an admin creates a user (201) who can then sign in', async () => {
    const res = await t.api('POST', '/api/v1/users', { token: admin, body: newUser('nv.a', 'director') });
    const body = expectOk(res, 201);
    expect(body).toEqual({
      user: { id: expect.any(String), username: 'nv.a', displayName: 'Nguyễn Văn Á', role: 'director' },
    });
    expect(body.user).not.toHaveProperty('password');
    expect(body.user).not.toHaveProperty('passwordHash');
    const login = expectOk(
      await t.api('POST', '/api/v1/auth/login', { body: { username: 'nv.a', password: 'mat-khau-1' } }),
    );
    expect(login.user).toEqual(body.user);
  });

  it('refuses directors and officers (403) and anonymous callers (401)', async () => {
    const director = await t.user('director1', 'director');
    const officer = await t.user('officer1', 'officer');
    expectError(
      await t.api('POST', '/api/v1/users', { token: director.token, body: newUser('x1') }),
      403,
      'forbidden',
    );
    expectError(
      await t.api('POST', '/api/v1/users', { token: officer.token, body: newUser('x2') }),
      403,
      'forbidden',
    );
    expectError(await t.api('POST', '/api/v1/users', { body: newUser('x3') }), 401, 'unauthorized');
    const kiosk = await t.pairDevice('kiosk');
    expectError(
      await t.api('POST', '/api/v1/users', { token: kiosk, body: newUser('x4') }),
      403,
      'forbidden',
    );
    // None of them was created.
    for (const name of ['x1', 'x2', 'x3', 'x4']) {
      expectError(
        await t.api('POST', '/api/v1/auth/login', { body: { username: name, password: 'mat-khau-1' } }),
        401,
        'unauthorized',
      );
    }
    await t.login(); // clears the failures above
  });

  it('refuses a duplicate username with 409, whatever its case', async () => {
    expectOk(await t.api('POST', '/api/v1/users', { token: admin, body: newUser('dup.user') }), 201);
    expectError(
      await t.api('POST', '/api/v1/users', { token: admin, body: newUser('dup.user') }),
      409,
      'conflict',
    );
    expectError(
      await t.api('POST', '/api/v1/users', { token: admin, body: newUser('DUP.User') }),
      409,
      'conflict',
    );
  });

  it('refuses bad input with 400 naming the field', async () => {
    expectError(
      await t.api('POST', '/api/v1/users', { token: admin, body: newUser('bad.role', 'superuser') }),
      400,
      'validation_failed',
      /^role: /,
    );
    expectError(
      await t.api('POST', '/api/v1/users', {
        token: admin,
        body: { ...newUser('short.pw'), password: 'abc' },
      }),
      400,
      'validation_failed',
      /^password: at least 8/,
    );
    expectError(
      await t.api('POST', '/api/v1/users', { token: admin, body: newUser('có dấu cách') }),
      400,
      'validation_failed',
      /^username: /,
    );
    const { displayName: _, ...noName } = newUser('no.name');
    expectError(
      await t.api('POST', '/api/v1/users', { token: admin, body: noName }),
      400,
      'validation_failed',
      /^displayName: required/,
    );
    expectError(
      await t.api('POST', '/api/v1/users', { token: admin, body: { ...newUser('extra'), admin: true } }),
      400,
      'validation_failed',
      /admin/,
    );
  });
});

describe('device pairing', () => {
  let t: TestHub;
  let admin: string;
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
  });
  afterAll(() => t.close());

  const code = (token: string | null, body: unknown) =>
    t.api('POST', '/api/v1/devices/pairing-codes', { token, body });

  it('an admin makes codes for kiosks, counters and displays; each pairs once', async () => {
    for (const kind of ['kiosk', 'counter', 'display'] as const) {
      const made = expectOk(await code(admin, { kind, name: `Máy ${kind}` }), 201);
      expect(made.code).toMatch(/^[A-Z0-9]{6,}$/);
      expect(Date.parse(made.expiresAt)).toBeGreaterThan(Date.now());
      const paired = expectOk(
        await t.api('POST', '/api/v1/devices/pair', { body: { code: made.code } }),
        201,
      );
      expect(paired).toEqual({
        device: { id: expect.any(String), kind, name: `Máy ${kind}` },
        token: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
      });
      // The device token works.
      expectOk(await t.api('GET', '/api/v1/services', { token: paired.token }));
      // A code works once.
      expectError(
        await t.api('POST', '/api/v1/devices/pair', { body: { code: made.code } }),
        401,
        'unauthorized',
      );
    }
  });

  it('accepts a code typed in lower case with a dash', async () => {
    const made = expectOk(await code(admin, { kind: 'kiosk', name: 'Kiosk 2' }), 201);
    const typed = `${made.code.slice(0, 4)}-${made.code.slice(4)}`.toLowerCase();
    expectOk(await t.api('POST', '/api/v1/devices/pair', { body: { code: typed } }), 201);
  });

  it('refuses a bad code with 401 and a missing code with 400', async () => {
    expectError(
      await t.api('POST', '/api/v1/devices/pair', { body: { code: 'NOTACODE' } }),
      401,
      'unauthorized',
    );
    expectError(
      await t.api('POST', '/api/v1/devices/pair', { body: {} }),
      400,
      'validation_failed',
      /^code: /,
    );
  });

  it('only an admin makes codes', async () => {
    const director = await t.user('director2', 'director');
    const officer = await t.user('officer2', 'officer');
    const kiosk = await t.pairDevice('kiosk');
    expectError(await code(director.token, { kind: 'kiosk', name: 'K' }), 403, 'forbidden');
    expectError(await code(officer.token, { kind: 'kiosk', name: 'K' }), 403, 'forbidden');
    expectError(await code(kiosk, { kind: 'kiosk', name: 'K' }), 403, 'forbidden');
    expectError(await code(null, { kind: 'kiosk', name: 'K' }), 401, 'unauthorized');
  });

  it('validates kind, counterId and zone', async () => {
    expectError(await code(admin, { kind: 'printer', name: 'P' }), 400, 'validation_failed', /^kind: /);
    expectError(await code(admin, { kind: 'kiosk' }), 400, 'validation_failed', /^name: /);
    expectError(
      await code(admin, { kind: 'counter', name: 'C', counterId: 'c99' }),
      404,
      'not_found',
      /counterId/,
    );
    expectError(
      await code(admin, { kind: 'kiosk', name: 'K', counterId: 'c1' }),
      400,
      'validation_failed',
      /^counterId: /,
    );
    expectError(
      await code(admin, { kind: 'kiosk', name: 'K', zone: 'tang-1' }),
      400,
      'validation_failed',
      /^zone: /,
    );
  });
});

describe('token-protected reads and generic errors', () => {
  let t: TestHub;
  let kiosk: string;
  beforeAll(async () => {
    t = await startTestHub();
    kiosk = await t.pairDevice('kiosk');
  });
  afterAll(() => t.close());

  it.each(['/api/v1/services', '/api/v1/counters', '/api/v1/queue', '/api/v1/me'])(
    'GET %s: 401 without a token, with a garbage token or a malformed header',
    async (path) => {
      expectError(await t.api('GET', path), 401, 'unauthorized', /token is required/);
      expectError(await t.api('GET', path, { token: 'garbage-token' }), 401, 'unauthorized', /not valid/);
      expectError(
        await t.api('GET', path, { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }),
        401,
        'unauthorized',
      );
      expectError(
        await t.api('GET', path, { headers: { authorization: `Bearer ${'x'.repeat(500)}` } }),
        401,
        'unauthorized',
      );
    },
  );

  it('answers an unknown route with a 404 JSON error', async () => {
    expectError(
      await t.api('GET', '/api/v1/nothing-here'),
      404,
      'not_found',
      /no route GET \/api\/v1\/nothing-here/,
    );
    expectError(await t.api('POST', '/api/v1/health', { token: kiosk }), 404, 'not_found');
    expectError(await t.api('DELETE', '/api/v1/tickets'), 404, 'not_found');
  });

  it('answers a malformed URL or a repeated query parameter with a 400 JSON error', async () => {
    expectError(await t.api('GET', '/api/v1/tickets/%E0%A4%A'), 400, 'validation_failed', /^url: /);
    expectError(await t.api('GET', '/api/v1/tickets/%00abc'), 400, 'validation_failed', /^id: /);
    const admin = await t.login();
    expectError(
      await t.api('GET', '/api/v1/stats/day?date=2025-01-01&date=2025-01-02', { token: admin }),
      400,
      'validation_failed',
      /^date: /,
    );
  });

  it('answers a body that is not JSON with 400', async () => {
    expectError(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, rawBody: '{"serviceId": "hotich"' }),
      400,
      'validation_failed',
      /JSON/,
    );
    expectError(
      await t.api('POST', '/api/v1/auth/login', { rawBody: 'username=admin' }),
      400,
      'validation_failed',
      /JSON/,
    );
  });

  it('answers a wrong content type with 400', async () => {
    expectError(
      await t.api('POST', '/api/v1/tickets', {
        token: kiosk,
        rawBody: '<ticket serviceId="hotich"/>',
        headers: { 'content-type': 'application/xml' },
      }),
      400,
      'validation_failed',
    );
    expectError(
      await t.api('POST', '/api/v1/tickets', {
        token: kiosk,
        rawBody: 'serviceId=hotich',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      400,
      'validation_failed',
    );
    expectError(
      await t.api('POST', '/api/v1/tickets', {
        token: kiosk,
        rawBody: '{"serviceId":"hotich"}',
        headers: { 'content-type': 'text/plain' },
      }),
      400,
      'validation_failed',
    );
    // Nothing was issued by any of these.
    const queue = expectOk(await t.api('GET', '/api/v1/queue', { token: kiosk }));
    expect(queue.tickets).toEqual([]);
  });

  it('answers JSON that is not an object with 400', async () => {
    expectError(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, rawBody: '[1,2]' }),
      400,
      'validation_failed',
      /^body: /,
    );
  });

  it('answers a body over 64 KiB with a JSON error', async () => {
    const res = await t.api('POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId: 'hotich', pad: 'x'.repeat(70 * 1024) },
    });
    expectError(res, 413, 'too_large');
  });
});
