// Hostile input, who is asking: bad Idempotency-Key headers, junk Authorization headers and wrong
// roles, bad logins, user and device-pairing bodies, and invisible or direction-changing characters
// in every name a person types. Each must get a clear 4xx {error:{code,message}}, never a 5xx;
// the last test checks that together they changed nothing.
import { describe, expect, it } from 'vitest';
import {
  type Expect,
  expectChangedNothing,
  hostileHub,
  problemCollector,
  type Send,
  SQL,
} from './hostile-kit.ts';

describe('hostile input: headers, tokens, roles and accounts', () => {
  const h = hostileHub();

  const validUser = { username: 'moi', password: 'long-enough-1', displayName: 'Mới', role: 'officer' };

  it('rejects bad Idempotency-Key headers with a 400 naming the header', async () => {
    const { send, kiosk } = h;
    const { problems, check } = problemCollector();
    const issue = (label: string, o: Send, want: Expect = { status: 400 }) =>
      check(`issue ${label}`, send('POST', '/api/v1/tickets', { token: kiosk, ...o }), want);

    // Bad Idempotency-Key headers with an otherwise valid body: nothing may be issued.
    const badKeys = [
      '',
      'short',
      '1234567',
      'k'.repeat(129),
      'has a space',
      "'; DROP TABLE command_keys; --",
      'tab\there-123',
      'éééééééééé',
      'ÿ'.repeat(20),
      '\u00a0'.repeat(10),
      `${'z'.repeat(4000)}`,
    ];
    for (const key of badKeys)
      await issue(
        `Idempotency-Key ${JSON.stringify(key.slice(0, 30))}`,
        {
          json: { serviceId: 'hotich' },
          headers: { 'idempotency-key': key },
        },
        { status: 400, field: 'Idempotency-Key' },
      );

    expect(problems).toEqual([]);
  });

  it('answers junk Authorization with 401 and a wrong role with 403', async () => {
    const { send, kiosk, display } = h;
    const { problems, check } = problemCollector();
    // Authorization junk: 401, never a 5xx.
    const badAuth = [
      'Bearer',
      'Bearer ',
      'Bearer a b',
      'bearer x',
      'Basic YWRtaW46YWRtaW4=',
      'Token abc',
      `Bearer ${'x'.repeat(300)}`,
      `Bearer ${'x'.repeat(8000)}`,
      "Bearer ';DROP-TABLE-tokens;--",
      'Bearer éé',
      `Bearer ${kiosk}x`,
      `Bearer ${kiosk.slice(0, -1)}`,
    ];
    for (const auth of badAuth) {
      await check(
        `Authorization ${auth.slice(0, 30)}`,
        send('POST', '/api/v1/tickets', { json: { serviceId: 'hotich' }, headers: { authorization: auth } }),
        { status: 401 },
      );
      await check(
        `Authorization ${auth.slice(0, 30)} on the queue`,
        send('GET', '/api/v1/queue', { headers: { authorization: auth } }),
        { status: 401 },
      );
    }
    await check(
      'display may not issue',
      send('POST', '/api/v1/tickets', { token: display, json: { serviceId: 'hotich' } }),
      {
        status: 403,
      },
    );
    await check('kiosk may not read stats', send('GET', '/api/v1/stats/day', { token: kiosk }), {
      status: 403,
    });

    expect(problems).toEqual([]);
  });

  it('rejects bad logins and user bodies naming the field', async () => {
    const { send, admin } = h;
    const { problems, check } = problemCollector();
    // Login, users, devices.
    const login = (label: string, o: Send, want: Expect = { status: 400 }) =>
      check(`login ${label}`, send('POST', '/api/v1/auth/login', o), want);
    await login('empty', { json: {} }, { status: 400, field: 'username' });
    await login('no password', { json: { username: 'admin' } }, { status: 400, field: 'password' });
    await login('types', { json: { username: 123, password: [] } }, { status: 400, field: 'username' });
    await login(
      'long username',
      { json: { username: 'a'.repeat(65), password: 'x' } },
      { status: 400, field: 'username' },
    );
    await login(
      'long password',
      { json: { username: 'admin', password: 'p'.repeat(201) } },
      {
        status: 400,
        field: 'password',
      },
    );
    await login(
      'extra field',
      { json: { username: 'admin', password: 'x', role: 'admin' } },
      { status: 400, field: 'role' },
    );
    await login('array', { json: [{ username: 'admin', password: 'x' }] });
    await login(
      'prototype',
      { raw: '{"username":"admin","password":"x","__proto__":{"admin":true}}' },
      {
        status: 400,
        field: '__proto__',
      },
    );
    await login('SQL', { json: { username: SQL, password: "' OR '1'='1" } }, { status: [401, 429] });
    await login(
      'lone surrogate',
      { json: { username: '\ud800', password: '\udfff' } },
      { status: [401, 429] },
    );

    const users = (label: string, json: unknown, field?: string) =>
      check(`create user ${label}`, send('POST', '/api/v1/users', { token: admin, json }), {
        status: 400,
        field,
      });
    await users('empty', {}, 'username');
    await users('SQL username', { ...validUser, username: SQL }, 'username');
    await users('path username', { ...validUser, username: '../admin' }, 'username');
    await users('role root', { ...validUser, role: 'root' }, 'role');
    await users('short password', { ...validUser, password: 'short' }, 'password');
    await users('displayName NUL', { ...validUser, displayName: 'a\u0000b' }, 'displayName');
    await users('displayName empty', { ...validUser, displayName: '   ' }, 'displayName');
    await users('displayName 100 kB', { ...validUser, displayName: 'd'.repeat(50_000) }, 'displayName');
    await users('extra field', { ...validUser, active: 1 }, 'active');
    await users('array', [validUser]);

    expect(problems).toEqual([]);
  });

  it('refuses invisible and direction-changing characters in every name a person types', async () => {
    const { send, admin, officer } = h;
    const { problems, check } = problemCollector();
    // Invisible and direction-changing characters disguise names in lists ("\u202egnp.exe"):
    // refused in every name a person types, naming the field.
    const DISGUISES = [
      ...'\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\u00ad\u3164',
    ];
    const someUser = (await send('GET', '/api/v1/users', { token: admin })).body.users[0].id as string;
    const someDevice = (await send('GET', '/api/v1/devices', { token: admin })).body.devices[0].id as string;
    const named: [string, string, string, (name: string) => unknown][] = [
      [
        'POST',
        '/api/v1/users',
        'displayName',
        (n) => ({ ...validUser, username: 'moi-bidi', displayName: n }),
      ],
      ['POST', '/api/v1/users', 'username', (n) => ({ ...validUser, username: `moi${n}` })],
      ['PUT', `/api/v1/users/${someUser}`, 'displayName', (n) => ({ displayName: n })],
      ['POST', '/api/v1/devices/pairing-codes', 'name', (n) => ({ kind: 'kiosk', name: n })],
      ['POST', '/api/v1/devices/pairing-codes', 'zone', (n) => ({ kind: 'display', name: 'TV', zone: n })],
      ['PUT', `/api/v1/devices/${someDevice}`, 'name', (n) => ({ name: n })],
      [
        'POST',
        '/api/v1/services',
        'name',
        (n) => ({ code: 'BIDI', name: n, prefix: 'Z', start: 1, end: 99 }),
      ],
      ['PUT', '/api/v1/services/hotich', 'name', (n) => ({ name: n })],
      ['PUT', '/api/v1/services/hotich', 'nameEn', (n) => ({ nameEn: n })],
      ['POST', '/api/v1/services/hotich/procedures', 'name', (n) => ({ name: n })],
      ['PUT', '/api/v1/procedures/hotich-1', 'name', (n) => ({ name: n })],
      ['PUT', '/api/v1/counters/c1', 'name', (n) => ({ name: n })],
      ['PUT', '/api/v1/counters/c1', 'zone', (n) => ({ zone: n })],
      ['PUT', '/api/v1/centre', 'name', (n) => ({ name: n })],
      ['PUT', '/api/v1/centre', 'notice', (n) => ({ notice: n })],
      ['PUT', '/api/v1/centre', 'address', (n) => ({ address: n })],
    ];
    for (const [method, path, field, body] of named) {
      for (const c of DISGUISES) {
        const hex = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        await check(
          `${method} ${path} ${field} with U+${hex}`,
          send(method, path, { token: admin, json: body(`Quầy ${c}1 gnohP`) }),
          { status: 400, field: field === 'username' ? 'username: ' : `${field}: contains an invisible` },
        );
      }
    }
    await check(
      'pause reason with U+202E',
      send('POST', '/api/v1/counters/c2/pause', { token: officer, json: { reason: 'nghỉ\u202etrưa' } }),
      { status: 400, field: 'reason: contains an invisible' },
    );

    expect(problems).toEqual([]);
  });

  it('rejects taken, unauthorised and prototype-polluting users, and bad device pairing', async () => {
    const { send, admin, officer } = h;
    const { problems, check } = problemCollector();
    await check(
      'create user __proto__ role',
      send('POST', '/api/v1/users', {
        token: admin,
        raw: '{"username":"moi2","password":"long-enough-1","displayName":"x","__proto__":{"role":"admin"}}',
      }),
      { status: 400 },
    );
    await check(
      'create user taken name',
      send('POST', '/api/v1/users', { token: admin, json: { ...validUser, username: 'ADMIN' } }),
      { status: 409 },
    );
    await check(
      'officer may not create users',
      send('POST', '/api/v1/users', { token: officer, json: validUser }),
      {
        status: 403,
      },
    );

    const pairing = (label: string, json: unknown, status: number, field?: string) =>
      check(`pairing code ${label}`, send('POST', '/api/v1/devices/pairing-codes', { token: admin, json }), {
        status,
        field,
      });
    await pairing('kind printer', { kind: 'printer', name: 'x' }, 400, 'kind');
    await pairing('no name', { kind: 'kiosk' }, 400, 'name');
    await pairing('name NUL', { kind: 'kiosk', name: '\u0000' }, 400, 'name');
    await pairing('name 101', { kind: 'kiosk', name: 'n'.repeat(101) }, 400, 'name');
    await pairing('counterId on a kiosk', { kind: 'kiosk', name: 'k', counterId: 'c1' }, 400, 'counterId');
    await pairing('zone on a kiosk', { kind: 'kiosk', name: 'k', zone: 'main' }, 400, 'zone');
    await pairing('counterId path', { kind: 'counter', name: 'k', counterId: '../c1' }, 400, 'counterId');
    await pairing('unknown counter', { kind: 'counter', name: 'k', counterId: 'c999' }, 404, 'counterId');
    await pairing('kind array', { kind: ['kiosk'], name: 'k' }, 400, 'kind');

    const pair = (label: string, json: unknown, want: Expect) =>
      check(`pair ${label}`, send('POST', '/api/v1/devices/pair', { json }), want);
    await pair('empty', {}, { status: 400, field: 'code' });
    await pair('long code', { code: 'x'.repeat(33) }, { status: 400, field: 'code' });
    await pair('number', { code: 12345678 }, { status: 400, field: 'code' });
    await pair('SQL', { code: "'; DROP TABLE devices;" }, { status: [401, 429] });
    await pair('unknown code', { code: 'ABCD-EFGH' }, { status: [401, 429] });

    expect(problems).toEqual([]);
  });

  it('changed nothing: same queue, same rows, healthy, and valid requests still work', () =>
    expectChangedNothing(h, 333, 'hostile-auth'));
});
