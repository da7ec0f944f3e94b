// Hostile input: hundreds of malformed or malicious payloads against REST and socket commands.
// Each must get a clear 4xx {error:{code,message}} or a failed ack, never a 5xx or a crash,
// and together they must change nothing. The tests share one hub and run in order: the last one
// checks that everything before it left the queue and the database as they were.
import { IdempotencyKey, isValidDay, PRIVATE_TICKET_FIELDS } from '@luot/shared';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { COMMANDS, type Command } from '../src/handlers/index.ts';
import { type ApiReply, connected, startTestHub, type TestHub } from './harness.ts';
import {
  ackProblem,
  type Expect,
  fieldsOf,
  hostileKey,
  hostileObject,
  hostileString,
  hostileValue,
  overTheWire,
  problemWith,
  publicView,
  type Send,
  SQL,
} from './hostile-kit.ts';

describe('hostile input', () => {
  let t: TestHub;
  let admin: string;
  let director: string;
  let officer: string;
  let kiosk: string;
  /** A kiosk that only asks snapshots (they are limited per token). */
  let snapKiosk: string;
  let display: string;
  /** The ticket called at counter c2 by `officer`: a real target for ticket commands. */
  let called: string;
  let waiting: string;
  /** A second kiosk to flood with, and a field whose numbers for today are used up. */
  let flooder: string;
  let usedUp: string;
  let before: { snapshot: unknown; counts: Record<string, number> };
  let payloads = 0;
  const sockets: Record<string, Socket> = {};

  async function send(method: string, path: string, o: Send = {}): Promise<ApiReply> {
    payloads += 1;
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined = o.raw;
    if (body === undefined && o.json !== undefined) body = JSON.stringify(o.json);
    if (typeof body === 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    const res = await fetch(new URL(path, t.url), { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text, the check will say so
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async function command(socket: Socket, ...args: unknown[]): Promise<unknown> {
    payloads += 1;
    return socket.timeout(5000).emitWithAck('command', ...args);
  }

  function counts(): Record<string, number> {
    const db = t.running.hub.db;
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      tickets: count('tickets'),
      ticket_events: count('ticket_events'),
      users: count('users'),
      devices: count('devices'),
      command_keys: count('command_keys'),
      ticket_procedures: count('ticket_procedures'),
    };
  }

  async function queue() {
    const res = await send('GET', '/api/v1/queue', { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    director = (await t.user('giamdoc', 'director')).token;
    officer = (await t.user('canbo-hostile', 'officer')).token;
    kiosk = await t.pairDevice('kiosk');
    snapKiosk = await t.pairDevice('kiosk');
    display = await t.pairDevice('display');
    expect((await t.api('POST', '/api/v1/counters/c2/sign-in', { token: officer })).status).toBe(200);
    const first = await t.api('POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId: 'hotich' },
      headers: { 'idempotency-key': 'hostile-setup-1' },
    });
    expect(first.status).toBe(201);
    const second = await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich' } });
    expect(second.status).toBe(201);
    waiting = second.body.ticket.id;
    const third = await t.api('POST', '/api/v1/tickets', { token: officer, body: { serviceId: 'datdai' } });
    expect(third.status).toBe(201);
    const call = await t.api('POST', '/api/v1/counters/c2/call-next', { token: officer });
    expect(call.body.ticket.id).toBe(first.body.ticket.id);
    called = first.body.ticket.id;
    flooder = await t.pairDevice('kiosk');
    const tiny = await t.api('POST', '/api/v1/services', {
      token: admin,
      body: { code: 'HOSTILE-TINY', name: 'Hết số', prefix: 'Y', start: 1, end: 2 },
    });
    expect(tiny.status).toBe(201);
    usedUp = tiny.body.service.id;
    for (let i = 0; i < 2; i++) {
      const res = await t.api('POST', '/api/v1/tickets', { token: officer, body: { serviceId: usedUp } });
      expect(res.status).toBe(201);
    }
    for (const [name, token] of Object.entries({ admin, officer, kiosk, display })) {
      sockets[name] = t.socket(token);
      await connected(sockets[name]);
    }
    before = { snapshot: await queue(), counts: counts() };
    payloads = 0;
  });

  afterAll(() => t?.close());

  it('rejects hand-written hostile REST requests with a clear 4xx', async () => {
    const problems: string[] = [];
    const check = async (label: string, res: Promise<ApiReply>, want?: Expect) => {
      try {
        const p = problemWith(label, await res, want);
        if (p) problems.push(p);
      } catch (error) {
        problems.push(`${label}: request failed ${String(error)}`);
      }
    };
    const issue = (label: string, o: Send, want: Expect = { status: 400 }) =>
      check(`issue ${label}`, send('POST', '/api/v1/tickets', { token: kiosk, ...o }), want);

    // Invalid JSON, in many shapes.
    const badJson = [
      '{',
      '{"serviceId":',
      "{'serviceId':'hotich'}",
      '{"serviceId":"hotich",}',
      'NaN',
      '{"priority": NaN}',
      '{"serviceId": undefined}',
      'undefined',
      '\u0000',
      '[1,2',
      '"unterminated',
      '{"a":1}{"b":2}',
      '\ufeff{"serviceId":"hotich"}',
      '{"serviceId":"hotich"}garbage',
      '{"serviceId":"hotich"/*c*/}',
      '{"serviceId":"\\x41"}',
      '{"serviceId":"\\u12"}',
      '{serviceId:"hotich"}',
      '0x10',
      '+1',
    ];
    for (const raw of badJson)
      await issue(`bad JSON ${JSON.stringify(raw)}`, { raw }, { status: 400, field: 'body' });

    // JSON that parses but is not a command body.
    await issue('1e309 (Infinity)', { raw: '1e309' }, { status: 400, field: 'body' });
    await issue('-0', { raw: '-0' }, { status: 400, field: 'body' });
    await issue('a number', { json: 42 });
    await issue('a string', { json: 'hotich' });
    await issue('true', { json: true });
    await issue('an empty array', { json: [] });
    await issue('an array of the right object', { json: [{ serviceId: 'hotich' }] });
    await issue('deeply nested arrays', { raw: `${'['.repeat(20_000)}${']'.repeat(20_000)}` });
    await issue(
      'deeply nested objects',
      { raw: `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}` },
      { field: 'a' },
    );
    await issue(
      'deep nesting in a field',
      {
        raw: `{"serviceId":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      },
      { status: 400, field: 'serviceId' },
    );
    await issue('100 kB string', { json: { serviceId: 'x'.repeat(100_000) } }, { status: 413 });
    await issue('1 MB body', { raw: `{"serviceId":"${'y'.repeat(1_000_000)}"}` }, { status: 413 });
    await issue('60 kB id', { json: { serviceId: 'x'.repeat(60_000) } }, { status: 400, field: 'serviceId' });

    // Wrong content types (the body would be a valid command if read as a form).
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'application/octet-stream',
      'application/json-patch+json',
      'application/jsonx',
      'text/json',
      'image/png',
      'application/json; charset=utf-16',
      ';;;',
      'application/',
      '*/*',
    ]) {
      await check(
        `content-type ${type}`,
        send('POST', '/api/v1/tickets', {
          token: kiosk,
          raw: 'serviceId=hotich',
          headers: { 'content-type': type },
        }),
        { status: [400, 415] },
      );
    }
    await check(
      'no content-type with a body',
      send('POST', '/api/v1/tickets', { token: kiosk, raw: new TextEncoder().encode('serviceId=hotich') }),
      { status: [400, 415] },
    );

    // Body fields: wrong types, missing, unknown, hostile strings.
    const fieldCases: [string, unknown, string][] = [
      ['empty object', {}, 'serviceId'],
      ['serviceId number', { serviceId: 123 }, 'serviceId'],
      ['serviceId null', { serviceId: null }, 'serviceId'],
      ['serviceId empty', { serviceId: '' }, 'serviceId'],
      ['serviceId array', { serviceId: ['hotich'] }, 'serviceId'],
      ['serviceId object', { serviceId: { $ne: null } }, 'serviceId'],
      ['serviceId boolean', { serviceId: true }, 'serviceId'],
      ['serviceId too long', { serviceId: 'x'.repeat(65) }, 'serviceId'],
      ['serviceId SQL', { serviceId: SQL }, 'serviceId'],
      ['serviceId NUL', { serviceId: 'hotich\u0000' }, 'serviceId'],
      ['serviceId RTL', { serviceId: 'hot\u202eich' }, 'serviceId'],
      ['serviceId emoji', { serviceId: '😀' }, 'serviceId'],
      ['serviceId combining', { serviceId: 'ho\u0301tich' }, 'serviceId'],
      ['serviceId lone surrogate', { serviceId: '\ud800' }, 'serviceId'],
      ['serviceId path', { serviceId: '../hotich' }, 'serviceId'],
      ['serviceId padded', { serviceId: ' hotich ' }, 'serviceId'],
      ['priority unknown', { serviceId: 'hotich', priority: 'vip' }, 'priority'],
      ['priority number', { serviceId: 'hotich', priority: 1 }, 'priority'],
      ['priority SQL', { serviceId: 'hotich', priority: SQL }, 'priority'],
      ['priority array', { serviceId: 'hotich', priority: ['elderly'] }, 'priority'],
      ['channel unknown', { serviceId: 'hotich', channel: 'fax' }, 'channel'],
      ['channel null', { serviceId: 'hotich', channel: null }, 'channel'],
      ['channel number', { serviceId: 'hotich', channel: 0 }, 'channel'],
      ['procedureId number', { serviceId: 'hotich', procedureId: 123 }, 'procedureId'],
      ['procedureId path', { serviceId: 'hotich', procedureId: '../x' }, 'procedureId'],
      ['procedureId object', { serviceId: 'hotich', procedureId: {} }, 'procedureId'],
      ['unknown field', { serviceId: 'hotich', isAdmin: true }, 'isAdmin'],
      ['unknown field with number', { serviceId: 'hotich', number: 1001 }, 'number'],
      ['status forced', { serviceId: 'hotich', status: 'done' }, 'status'],
      [
        'constructor field',
        { serviceId: 'hotich', constructor: { prototype: { polluted: true } } },
        'constructor',
      ],
      ['wrong case', { ServiceId: 'hotich' }, 'ServiceId'],
    ];
    for (const [label, json, field] of fieldCases) await issue(label, { json }, { status: 400, field });
    await issue(
      '__proto__ field',
      { raw: '{"serviceId":"hotich","__proto__":{"polluted":true}}' },
      {
        status: 400,
        field: '__proto__',
      },
    );
    await issue('only __proto__', { raw: '{"__proto__":{"serviceId":"hotich"}}' }, { status: 400 });
    await issue('unknown serviceId', { json: { serviceId: 'nope' } }, { status: 404, field: 'serviceId' });
    await issue(
      'procedure of another field',
      { json: { serviceId: 'hotich', procedureId: 'datdai-1' } },
      {
        status: 400,
        field: 'procedureId',
      },
    );
    await issue(
      'unknown procedure',
      { json: { serviceId: 'hotich', procedureId: 'nope-1' } },
      {
        status: 404,
        field: 'procedureId',
      },
    );

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
    const validUser = { username: 'moi', password: 'long-enough-1', displayName: 'Mới', role: 'officer' };
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

    // Counter and ticket commands of the officer at c2, with bodies that must not pass.
    const at = (label: string, path: string, o: Send, want: Expect = { status: 400 }) =>
      check(label, send('POST', path, { token: officer, ...o }), want);
    for (const action of ['sign-in', 'sign-out', 'resume', 'call-next']) {
      for (const [what, json] of [
        ['an unknown field', { force: true }],
        ['an array', []],
        ['a string', 'now'],
        ['a number', 0],
        ['false', false],
        ['__proto__', undefined],
      ] as const) {
        if (what === '__proto__')
          await at(`${action} with __proto__`, `/api/v1/counters/c2/${action}`, {
            raw: '{"__proto__":{"officer_id":"x"}}',
          });
        else await at(`${action} with ${what}`, `/api/v1/counters/c2/${action}`, { json });
      }
    }
    const pause = '/api/v1/counters/c2/pause';
    await at('pause reason number', pause, { json: { reason: 5 } }, { status: 400, field: 'reason' });
    await at(
      'pause reason 201',
      pause,
      { json: { reason: 'r'.repeat(201) } },
      { status: 400, field: 'reason' },
    );
    await at('pause reason NUL', pause, { json: { reason: 'a\u0000b' } }, { status: 400, field: 'reason' });
    await at('pause reason LS', pause, { json: { reason: 'a\u2028b' } }, { status: 400, field: 'reason' });
    await at('pause reason ESC', pause, { json: { reason: '\u001b[2J' } }, { status: 400, field: 'reason' });
    await at(
      'pause extra',
      pause,
      { json: { reason: 'ok', until: 'never' } },
      { status: 400, field: 'until' },
    );
    const callOne = '/api/v1/counters/c2/call';
    await at('call no ticketId', callOne, { json: {} }, { status: 400, field: 'ticketId' });
    await at('call ticketId number', callOne, { json: { ticketId: 5 } }, { status: 400, field: 'ticketId' });
    await at(
      'call ticketId path',
      callOne,
      { json: { ticketId: '../x' } },
      { status: 400, field: 'ticketId' },
    );
    await at(
      'call while a ticket is at the counter',
      callOne,
      { json: { ticketId: waiting } },
      { status: 409 },
    );

    const tk = `/api/v1/tickets/${called}`;
    const finish = `${tk}/finish`;
    await at('finish empty', finish, { json: {} }, { status: 400, field: 'procedureIds' });
    await at('finish none', finish, { json: { procedureIds: [] } }, { status: 400, field: 'procedureIds' });
    await at(
      'finish a string',
      finish,
      { json: { procedureIds: 'hotich-1' } },
      { status: 400, field: 'procedureIds' },
    );
    await at(
      'finish path',
      finish,
      { json: { procedureIds: ['../x'] } },
      { status: 400, field: 'procedureIds' },
    );
    await at(
      'finish null item',
      finish,
      { json: { procedureIds: [null] } },
      { status: 400, field: 'procedureIds' },
    );
    await at(
      'finish 21',
      finish,
      { json: { procedureIds: Array(21).fill('hotich-1') } },
      {
        status: 400,
        field: 'procedureIds',
      },
    );
    await at(
      'finish note NUL',
      finish,
      { json: { procedureIds: ['hotich-1'], note: '\u0000' } },
      {
        status: 400,
        field: 'note',
      },
    );
    await at(
      'finish note 501',
      finish,
      { json: { procedureIds: ['hotich-1'], note: 'n'.repeat(501) } },
      {
        status: 400,
        field: 'note',
      },
    );
    await at(
      'finish other field',
      finish,
      { json: { procedureIds: ['datdai-1'] } },
      {
        status: 400,
        field: 'procedureIds',
      },
    );
    await at(
      'finish unknown procedure',
      finish,
      { json: { procedureIds: ['hotich-1', 'nope-9'] } },
      {
        status: 400,
        field: 'procedureIds',
      },
    );
    await at(
      'finish prototype',
      finish,
      { raw: '{"procedureIds":["hotich-1"],"__proto__":{"x":1}}' },
      {
        status: 400,
        field: '__proto__',
      },
    );
    const transfer = `${tk}/transfer`;
    await at('transfer empty', transfer, { json: {} }, { status: 400, field: 'serviceId' });
    await at(
      'transfer same field',
      transfer,
      { json: { serviceId: 'hotich' } },
      { status: 400, field: 'serviceId' },
    );
    await at(
      'transfer same counter',
      transfer,
      { json: { counterId: 'c2' } },
      { status: 400, field: 'counterId' },
    );
    await at(
      'transfer unknown counter',
      transfer,
      { json: { counterId: 'c999' } },
      { status: 404, field: 'counterId' },
    );
    await at(
      'transfer unknown field',
      transfer,
      { json: { serviceId: 'nope' } },
      { status: 404, field: 'serviceId' },
    );
    await at(
      'transfer serviceId number',
      transfer,
      { json: { serviceId: 5 } },
      { status: 400, field: 'serviceId' },
    );
    await at(
      'transfer long reason',
      transfer,
      { json: { counterId: 'c1', reason: 'r'.repeat(201) } },
      {
        status: 400,
        field: 'reason',
      },
    );
    const rating = `${tk}/rating`;
    for (const [label, raw] of [
      ['0', '{"score":0}'],
      ['5', '{"score":5}'],
      ['2.5', '{"score":2.5}'],
      ['-0', '{"score":-0}'],
      ['1e309', '{"score":1e309}'],
      ['-1e309', '{"score":-1e309}'],
      ['string', '{"score":"3"}'],
      ['null', '{"score":null}'],
      ['array', '{"score":[4]}'],
      ['huge', '{"score":1e308}'],
      ['extra', '{"score":4,"by":"me"}'],
      ['missing', '{}'],
    ]) {
      await at(
        `rating ${label}`,
        rating,
        { raw },
        { status: 400, field: label === 'extra' ? 'by' : 'score' },
      );
    }
    await at('rating NaN', rating, { raw: '{"score":NaN}' }, { status: 400, field: 'body' });
    // A rating is the citizen's (no token) or the counter's rating device's; staff get 403.
    await at('rating by staff', rating, { json: { score: 4 } }, { status: 403 });
    await check('rating before done', send('POST', rating, { json: { score: 4 } }), { status: 409 });
    for (const [label, raw] of [
      ['5', '{"score":5}'],
      ['extra', '{"score":4,"officerId":"x"}'],
      ['NaN', '{"score":NaN}'],
    ]) {
      await check(`rating ${label}, no token`, send('POST', rating, { raw }), {
        status: 400,
        field: label === 'extra' ? 'officerId' : label === 'NaN' ? 'body' : 'score',
      });
    }
    // Without a staff token a ticket is its public view: no note, officer, procedures or rating.
    for (const [who, token] of [
      ['no token', undefined],
      ['a garbage token', 'garbage-token-0000000000'],
      ['the kiosk', kiosk],
    ] as const) {
      const res = await send('GET', `/api/v1/tickets/${called}`, { token });
      for (const field of PRIVATE_TICKET_FIELDS)
        if (res.status !== 200 || field in res.body.ticket)
          problems.push(`GET a ticket with ${who}: ${res.status}, shows ${field}`);
    }
    for (const action of ['recall', 'start', 'no-show', 'cancel', 'reinstate']) {
      await at(
        `${action} with a body`,
        `${tk}/${action}`,
        { json: { now: true } },
        { status: 400, field: 'now' },
      );
      await at(`${action} with an array`, `${tk}/${action}`, { json: [called] });
    }
    await at('reinstate a called ticket', `${tk}/reinstate`, {}, { status: 409 });
    await check('kiosk may not cancel', send('POST', `${tk}/cancel`, { token: kiosk }), { status: 403 });
    await check('kiosk may not call', send('POST', '/api/v1/counters/c2/call-next', { token: kiosk }), {
      status: 403,
    });
    await check(
      'another officer may not finish',
      send('POST', finish, { token: admin, json: { procedureIds: ['hotich-1'] } }),
      { status: 403 },
    );
    await check(
      'logout with a body',
      send('POST', '/api/v1/auth/logout', { token: kiosk, json: { all: true } }),
      {
        status: 400,
        field: 'all',
      },
    );

    // Bad ids in paths.
    const badIds = [
      'x'.repeat(65),
      'x'.repeat(5000),
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e',
      '%00',
      '%0d%0aSet-Cookie:%20x',
      encodeURIComponent(SQL),
      encodeURIComponent('😀'),
      encodeURIComponent('\u202ec2'),
      encodeURIComponent('c2\u0301'),
      '%ED%A0%80',
      '%E0%A4%A',
      '%ZZ',
      '%',
      'c2%20',
      '%20c2',
      'c2;drop',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'nope',
    ];
    for (const id of badIds) {
      for (const [method, path] of [
        ['GET', `/api/v1/tickets/${id}`],
        ['POST', `/api/v1/tickets/${id}/cancel`],
        ['POST', `/api/v1/counters/${id}/sign-in`],
        ['POST', `/api/v1/counters/${id}/call-next`],
      ] as const) {
        await check(`${method} ${path.slice(0, 60)}`, send(method, path, { token: officer }), {
          status: [400, 404],
        });
      }
    }
    await check('path traversal', send('GET', '/api/v1/tickets/../../../etc/passwd', { token: admin }), {
      status: 404,
    });
    await check('unknown route', send('GET', '/api/v1/__proto__', { token: admin }), { status: 404 });
    await check('unknown method', send('DELETE', '/api/v1/tickets', { token: admin }), {
      status: [404, 405],
    });
    await check('PUT', send('PUT', `/api/v1/tickets/${called}`, { token: admin, json: {} }), {
      status: [404, 405],
    });

    // Bad query strings for the day's figures.
    for (const query of [
      'date=2024-13-45',
      'date=2024-02-30',
      'date=',
      'date=today',
      'date=2024-1-1',
      'date=99999-01-01',
      `date=${encodeURIComponent(SQL)}`,
      "date=2024-01-01' OR '1'='1",
      'date=%00',
      `date=${'9'.repeat(5000)}`,
      'date=2024-01-01&date=2024-01-02',
      'date[]=2024-01-01',
      'date[$gt]=2024',
      '__proto__[date]=2024-01-01',
      'constructor[prototype][x]=1',
      'from=2024-01-01',
      'date=2024-01-01&extra=1',
      'date=%ZZ',
      `date=${encodeURIComponent('２０２４-０１-０１')}`,
      'date=2024-01-01%00',
    ]) {
      await check(
        `stats ?${query.slice(0, 40)}`,
        send('GET', `/api/v1/stats/day?${query}`, { token: director }),
        {
          status: 400,
        },
      );
    }

    expect(problems).toEqual([]);
  });

  it('rejects generated bodies (fast-check) with 400 naming what is wrong', async () => {
    interface Target {
      label: string;
      path: () => string;
      token: () => string | null;
      schema: z.ZodType;
    }
    const body = (name: keyof typeof COMMANDS) => (COMMANDS[name] as Command).body!;
    const targets: Target[] = [
      {
        label: 'issue (kiosk)',
        path: () => '/api/v1/tickets',
        token: () => kiosk,
        schema: body('tickets:issue'),
      },
      {
        label: 'issue (officer)',
        path: () => '/api/v1/tickets',
        token: () => officer,
        schema: body('tickets:issue'),
      },
      { label: 'login', path: () => '/api/v1/auth/login', token: () => null, schema: body('auth:login') },
      { label: 'create user', path: () => '/api/v1/users', token: () => admin, schema: body('users:create') },
      {
        label: 'pairing code',
        path: () => '/api/v1/devices/pairing-codes',
        token: () => admin,
        schema: body('devices:pairing-code'),
      },
      { label: 'pair', path: () => '/api/v1/devices/pair', token: () => null, schema: body('devices:pair') },
      {
        label: 'logout',
        path: () => '/api/v1/auth/logout',
        token: () => display,
        schema: body('auth:logout'),
      },
      ...(['sign-in', 'sign-out', 'pause', 'resume', 'call-next', 'call'] as const).map((a) => ({
        label: a,
        path: () => `/api/v1/counters/c2/${a}`,
        token: () => officer,
        schema: body(`counters:${a}`),
      })),
      ...(['recall', 'start', 'no-show', 'reinstate', 'finish', 'transfer', 'cancel', 'rating'] as const).map(
        (a) => ({
          label: a,
          path: () => `/api/v1/tickets/${called}/${a}`,
          token: () => officer,
          schema: body(`tickets:${a}`),
        }),
      ),
    ];
    const arbitrary = fc
      .constantFrom(...targets)
      .chain((target) =>
        fc.record({
          target: fc.constant(target),
          body: fc.oneof(
            { weight: 3, arbitrary: hostileObject(fieldsOf(target.schema)) },
            { weight: 1, arbitrary: hostileValue },
          ),
        }),
      )
      // A body the hub would accept is not hostile: keep only those its schema rejects.
      .filter(({ target, body }) => !target.schema.safeParse(overTheWire(body) ?? {}).success);
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ target, body }) => {
        const res = await send('POST', target.path(), { token: target.token(), json: body });
        const problem = problemWith(`${target.label} ${JSON.stringify(body)?.slice(0, 200)}`, res, {
          status: 400,
        });
        expect(problem).toBeNull();
        expect(res.body.error.code).toBe('validation_failed');
      }),
      { numRuns: 250 },
    );
  });

  it('rejects generated bad ids, query strings and idempotency keys', async () => {
    const junkId = fc
      .oneof(hostileString, fc.string({ minLength: 65, maxLength: 200 }))
      .filter((s) => s.length > 0 && !/^[A-Za-z0-9_-]{1,64}$/.test(s))
      // encodeURIComponent refuses lone surrogates; those are sent as raw bytes elsewhere.
      .filter((s) => {
        try {
          encodeURIComponent(s);
          return true;
        } catch {
          return false;
        }
      });
    const idRoutes = [
      ['GET', (id: string) => `/api/v1/tickets/${id}`],
      ['POST', (id: string) => `/api/v1/tickets/${id}/finish`],
      ['POST', (id: string) => `/api/v1/tickets/${id}/rating`],
      ['POST', (id: string) => `/api/v1/counters/${id}/sign-in`],
      ['POST', (id: string) => `/api/v1/counters/${id}/pause`],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...idRoutes), junkId, async ([method, path], id) => {
        const res = await send(method, path(encodeURIComponent(id)), {
          token: officer,
          json: method === 'POST' ? { x: 1 } : undefined,
        });
        expect(problemWith(`${method} id ${JSON.stringify(id)}`, res, { status: [400, 404] })).toBeNull();
      }),
      { numRuns: 80 },
    );

    const junkQuery = fc.oneof(
      // An unknown key always makes the query invalid.
      fc.dictionary(
        hostileKey.filter((k) => k !== 'date'),
        hostileString,
        { minKeys: 1, maxKeys: 3 },
      ),
      fc.record({ date: hostileString.filter((d) => !isValidDay(d)) }),
    );
    await fc.assert(
      fc.asyncProperty(junkQuery, async (query) => {
        const search = new URLSearchParams(query as Record<string, string>).toString();
        const res = await send('GET', `/api/v1/stats/day?${search}`, { token: director });
        expect(problemWith(`stats ?${search.slice(0, 100)}`, res, { status: 400 })).toBeNull();
      }),
      { numRuns: 60 },
    );

    // Header values must be bytes without CR, LF or NUL; the hub sees them trimmed.
    const junkKey = fc
      .oneof(
        fc.string({
          unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
          maxLength: 140,
        }),
        fc.string({ minLength: 129, maxLength: 300 }),
        fc.string({ maxLength: 7 }),
      )
      .filter((k) =>
        [...k].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c.charCodeAt(0) <= 0xff),
      )
      .filter((k) => !IdempotencyKey.safeParse(k.replace(/^[ \t]+|[ \t]+$/g, '')).success);
    await fc.assert(
      fc.asyncProperty(junkKey, fc.boolean(), async (key, asKiosk) => {
        const res = await send('POST', '/api/v1/tickets', {
          token: asKiosk ? kiosk : officer,
          json: { serviceId: 'hotich' },
          headers: { 'idempotency-key': key },
        });
        expect(
          problemWith(`Idempotency-Key ${JSON.stringify(key)}`, res, {
            status: 400,
            field: 'Idempotency-Key',
          }),
        ).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('answers junk socket commands with a failed ack', async () => {
    const problems: string[] = [];
    const expectFailedAck = async (label: string, socket: Socket, args: unknown[], field?: string) => {
      try {
        const p = ackProblem(label, await command(socket, ...args), field);
        if (p) problems.push(p);
      } catch (error) {
        problems.push(`${label}: no ack (${String(error)})`);
      }
    };
    const s = sockets;
    const cases: [string, unknown[], string?][] = [
      ['no payload', []],
      ['null', [null]],
      ['a number', [42]],
      ['NaN', [Number.NaN]],
      ['a string', ['tickets:issue']],
      ['true', [true]],
      ['an array', [['tickets:issue', { serviceId: 'hotich' }]]],
      ['an empty object', [{}], 'name'],
      ['name empty', [{ name: '' }], 'name'],
      ['name 65 chars', [{ name: 'n'.repeat(65) }], 'name'],
      ['name number', [{ name: 123 }], 'name'],
      ['name array', [{ name: ['tickets:issue'] }], 'name'],
      ['name __proto__', [{ name: '__proto__' }], 'name'],
      ['name constructor', [{ name: 'constructor' }], 'name'],
      ['name toString', [{ name: 'toString' }], 'name'],
      ['name hasOwnProperty', [{ name: 'hasOwnProperty', body: {} }], 'name'],
      ['name valueOf', [{ name: 'valueOf' }], 'name'],
      ['name SQL', [{ name: SQL }], 'name'],
      ['name unknown', [{ name: 'tickets:delete-all' }], 'name'],
      ['name with NUL', [{ name: 'tickets:issue\u0000' }], 'name'],
      ['name with RTL', [{ name: '\u202eeussi:stekcit' }], 'name'],
      ['REST path as name', [{ name: '/api/v1/tickets' }], 'name'],
      [
        'unknown top-level field',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich' }, as: 'admin' }],
        'as',
      ],
      ['params not an object', [{ name: 'tickets:get', params: 'x' }], 'params'],
      ['params number values', [{ name: 'tickets:get', params: { id: 5 } }], 'params'],
      ['params array', [{ name: 'tickets:get', params: [called] }], 'params'],
      ['params missing id', [{ name: 'tickets:get', params: {} }], 'id'],
      ['params path id', [{ name: 'tickets:get', params: { id: '../../x' } }], 'id'],
      ['params long id', [{ name: 'tickets:get', params: { id: 'i'.repeat(5000) } }], 'id'],
      ['params extra', [{ name: 'tickets:get', params: { id: called, x: '1' } }], 'x'],
      ['params __proto__', [{ name: 'counters:call-next', params: { ['__proto__']: 'c2' } }], 'id'],
      [
        'idempotencyKey number',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich' }, idempotencyKey: 5 }],
      ],
      [
        'idempotencyKey short',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich' }, idempotencyKey: 'short' }],
        'Idempotency-Key',
      ],
      [
        'idempotencyKey with spaces',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich' }, idempotencyKey: 'a b c d e f g h' }],
        'Idempotency-Key',
      ],
      ['issue no body', [{ name: 'tickets:issue' }], 'serviceId'],
      ['issue body string', [{ name: 'tickets:issue', body: 'hotich' }], 'body'],
      ['issue body array', [{ name: 'tickets:issue', body: [{ serviceId: 'hotich' }] }], 'body'],
      ['issue SQL', [{ name: 'tickets:issue', body: { serviceId: SQL } }], 'serviceId'],
      ['issue 60 kB', [{ name: 'tickets:issue', body: { serviceId: 'x'.repeat(60_000) } }], 'serviceId'],
      [
        'issue nested',
        [{ name: 'tickets:issue', body: JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`) }],
        'body',
      ],
      ['issue lone surrogate', [{ name: 'tickets:issue', body: { serviceId: '\udc00' } }], 'serviceId'],
      [
        'issue unknown field',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich', number: 1 } }],
        'number',
      ],
      [
        'finish junk',
        [{ name: 'tickets:finish', params: { id: called }, body: { procedureIds: [SQL] } }],
        'procedureIds',
      ],
      ['finish no params', [{ name: 'tickets:finish', body: { procedureIds: ['hotich-1'] } }], 'id'],
      [
        'pause junk',
        [{ name: 'counters:pause', params: { id: 'c2' }, body: { reason: '\u0000' } }],
        'reason',
      ],
      ['sign-out junk body', [{ name: 'counters:sign-out', params: { id: 'c2' }, body: [] }], 'body'],
      ['call-next junk body', [{ name: 'counters:call-next', params: { id: 'c2' }, body: 'go' }], 'body'],
      ['logout junk body', [{ name: 'auth:logout', body: { everywhere: true } }], 'everywhere'],
      ['rating -0', [{ name: 'tickets:rating', params: { id: called }, body: { score: -0 } }], 'score'],
      [
        'rating Infinity',
        [{ name: 'tickets:rating', params: { id: called }, body: { score: Number.POSITIVE_INFINITY } }],
        'score',
      ],
      ['create user junk', [{ name: 'users:create', body: { username: SQL } }], 'username'],
      ['pair junk', [{ name: 'devices:pair', body: { code: ['x'] } }], 'code'],
      ['two payloads', [{ name: 'tickets:issue' }, { name: 'tickets:issue', body: { serviceId: 'hotich' } }]],
      ['binary payload', [new Uint8Array([1, 2, 3])]],
      ['binary body', [{ name: 'tickets:issue', body: new Uint8Array([0x7b, 0x7d]) }], 'body'],
    ];
    for (const [label, args, field] of cases) {
      const socket =
        label.startsWith('finish') ||
        label.startsWith('pause') ||
        label.startsWith('sign') ||
        label.startsWith('call')
          ? s.officer!
          : s.admin!;
      await expectFailedAck(label, socket, args, field);
    }
    // Role checks through the socket: a display cannot issue, a kiosk cannot call.
    await expectFailedAck('display issues', s.display!, [
      { name: 'tickets:issue', body: { serviceId: 'hotich' } },
    ]);
    await expectFailedAck('kiosk calls', s.kiosk!, [
      { name: 'counters:call-next', params: { id: 'c2' }, body: {} },
    ]);
    await expectFailedAck('kiosk finishes', s.kiosk!, [
      { name: 'tickets:finish', params: { id: called }, body: { procedureIds: ['hotich-1'] } },
    ]);

    // queue:snapshot ignores junk arguments and still answers with the snapshot. A kiosk of its
    // own and a socket per case: snapshots are limited per socket and per token (snapshot-gate.ts).
    for (const junk of [
      [],
      [null],
      [42],
      ['x'.repeat(10_000)],
      [{ __proto__: { x: 1 } }],
      [[1, [2, [3]]], SQL],
    ]) {
      const snapSocket = t.socket(snapKiosk);
      await connected(snapSocket);
      const snap = (await snapSocket.timeout(5000).emitWithAck('queue:snapshot', ...junk)) as {
        seq: number;
        tickets: unknown[];
      };
      expect(snap.seq).toBe((before.snapshot as { seq: number }).seq);
      // A kiosk gets the public view of the tickets the admin sees whole.
      const whole = (before.snapshot as { tickets: Record<string, unknown>[] }).tickets;
      expect(snap.tickets).toEqual(whole.map(publicView));
    }
    // Events nobody listens to, reserved-looking names, and commands without an ack: no answer, no harm.
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'error',
      'disconnecting2',
      SQL,
    ])
      s.admin!.emit(name, { name: 'tickets:issue', body: { serviceId: 'hotich' } });
    s.kiosk!.emit('command', { name: 'tickets:issue', body: { serviceId: 'hotich' } });
    s.kiosk!.emit('queue:snapshot', { junk: true });

    // Generated: known command names with bodies their schema rejects, plus junk envelopes.
    const withBodies = Object.entries(COMMANDS).filter(([, c]) => (c as Command).body) as [string, Command][];
    const generated = fc.oneof(
      fc
        .constantFrom(...withBodies)
        .chain(([name, c]) =>
          fc.record({
            name: fc.constant(name),
            params: fc.constantFrom(undefined, { id: called }, { id: 'c2' }, { id: '../x' }),
            body: fc.oneof(hostileObject(fieldsOf(c.body)), hostileValue),
          }),
        )
        .filter(({ name, body }) => {
          const schema = (COMMANDS as Record<string, Command>)[name]!.body!;
          return !schema.safeParse(overTheWire(body) ?? {}).success;
        })
        .map((cmd) => [JSON.parse(JSON.stringify(cmd)) as unknown]),
      fc.tuple(hostileValue),
      fc
        .tuple(fc.record({ name: hostileString, body: hostileValue }, { requiredKeys: ['name'] }))
        .filter(([c]) => !Object.hasOwn(COMMANDS, c.name)),
    );
    await fc.assert(
      fc.asyncProperty(
        generated,
        fc.constantFrom('admin', 'officer', 'kiosk', 'display'),
        async (args, who) => {
          const reply = await command(s[who]!, ...args);
          expect(ackProblem(`${who} ${JSON.stringify(args).slice(0, 200)}`, reply)).toBeNull();
        },
      ),
      { numRuns: 200 },
    );

    // Every socket is still connected and answering.
    for (const socket of Object.values(s)) {
      expect(socket.connected).toBe(true);
      const snap = (await socket.timeout(5000).emitWithAck('queue:snapshot')) as { seq: number };
      expect(snap.seq).toBe((before.snapshot as { seq: number }).seq);
    }
    expect(problems).toEqual([]);
  });

  it('holds a kiosk token to its field’s range and a kiosk’s pace, and pages to their own hub', async () => {
    const problems: string[] = [];
    // A kiosk token flooding a field whose numbers are used up: 409 while its burst lasts, then 429.
    const started = Date.now();
    const flood = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        send('POST', '/api/v1/tickets', {
          token: flooder,
          json: { serviceId: usedUp },
          headers: { 'idempotency-key': `hostile-flood-${i}` },
        }),
      ),
    );
    const seconds = Math.ceil((Date.now() - started) / 1000);
    flood.forEach((res, i) => {
      const p = problemWith(`flood #${i}`, res, { status: [409, 429] });
      if (p) problems.push(p);
      const message = String(res.body?.error?.message);
      const usedUpMessage = /field HOSTILE-TINY \(Hết số\) has used up its numbers for today/;
      if (res.status === 409 && !usedUpMessage.test(message))
        problems.push(`flood #${i}: 409 should name the field and its used-up range: ${message}`);
      if (res.status === 429 && !/issuing tickets too fast/.test(message))
        problems.push(`flood #${i}: 429 should say the kiosk issues too fast: ${message}`);
    });
    const conflicts = flood.filter((r) => r.status === 409).length;
    // The burst (20), and at most one more a second while the flood ran (60 a minute).
    expect(conflicts).toBeGreaterThanOrEqual(20);
    expect(conflicts).toBeLessThanOrEqual(20 + seconds);
    const socket = t.socket(flooder);
    await connected(socket);
    const ack = await command(socket, { name: 'tickets:issue', body: { serviceId: usedUp } });
    const p = ackProblem('flooding kiosk over its socket', ack);
    if (p) problems.push(p);
    socket.close();

    // Pages with another host (or junk) in ?hub=: their CSP lets them connect to this hub only.
    const hubs = ['http://127.0.0.1:9', 'ws://evil.example', '//evil.example', 'javascript:alert(1)', SQL];
    const pages = ['/kiosk/', '/counter/', '/counter/rating.html', '/display/', '/admin/', `/t/${waiting}`];
    for (const path of pages) {
      for (const hub of hubs) {
        payloads += 1;
        const res = await fetch(new URL(`${path}?hub=${encodeURIComponent(hub)}`, t.url));
        await res.arrayBuffer();
        const csp = res.headers.get('content-security-policy') ?? '';
        // 503: the page is not built in this checkout; the policy is sent all the same.
        if (res.status !== 200 && res.status !== 503) problems.push(`${path}?hub=${hub}: ${res.status}`);
        if (!/(^|; )connect-src 'self'(;|$)/.test(csp)) problems.push(`${path}?hub=${hub}: CSP ${csp}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('drops a socket that sends more than the message limit, and only that one', async () => {
    const socket = t.socket(kiosk);
    await connected(socket);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    payloads += 1;
    socket.emit('command', { name: 'tickets:issue', body: { serviceId: 'x'.repeat(200_000) } }, () => {});
    expect(await dropped).toMatch(/transport (close|error)/);
    expect(sockets.admin!.connected).toBe(true);
    expect((await send('GET', '/api/v1/health')).status).toBe(200);
  });

  it('changed nothing: same queue, same rows, healthy, and valid requests still work', async () => {
    expect(payloads).toBeGreaterThanOrEqual(300);
    console.info(`hostile test: ${payloads} hostile requests and socket commands`);
    expect(await queue()).toEqual(before.snapshot);
    expect(counts()).toEqual(before.counts);
    // No prototype was polluted in the hub's process (this process).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const health = await send('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    // The tokens used for all of the above still work, and a valid ticket is issued.
    const issued = await send('POST', '/api/v1/tickets', {
      token: kiosk,
      json: { serviceId: 'hotich', priority: 'elderly' },
      headers: { 'idempotency-key': 'after-the-storm-1' },
    });
    expect(issued.status).toBe(201);
    expect(issued.body.ticket).toMatchObject({ serviceId: 'hotich', status: 'waiting', priority: 'elderly' });
    const done = await send('POST', `/api/v1/tickets/${called}/finish`, {
      token: officer,
      json: { procedureIds: ['hotich-1'] },
    });
    expect(done.status).toBe(200);
    expect(done.body.ticket.status).toBe('done');
    const reply = (await command(sockets.officer!, {
      name: 'counters:call-next',
      params: { id: 'c2' },
      body: {},
    })) as { ok: boolean; data: { ticket: { id: string } } };
    // Priority first: the elderly citizen's ticket is called before the older plain one.
    expect(reply.ok).toBe(true);
    expect(reply.data.ticket.id).toBe(issued.body.ticket.id);
    expect(reply.data.ticket.id).not.toBe(waiting);
    expect(counts().tickets).toBe(before.counts.tickets! + 1);
  });
});
