// Hostile input, request bodies: invalid JSON in many shapes, JSON that is not a command body,
// deep nesting and oversized bodies, wrong content types, wrong or unknown body fields, and bodies
// generated from each command's schema (fast-check). Each must get a clear 4xx {error:{code,message}}
// naming the field, never a 5xx; the last test checks that together they changed nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { COMMANDS, type Command } from '../src/handlers/index.ts';
import {
  type Expect,
  expectChangedNothing,
  fieldsOf,
  hostileHub,
  hostileObject,
  hostileValue,
  overTheWire,
  problemCollector,
  problemWith,
  type Send,
  SQL,
} from './hostile-kit.ts';

describe('hostile input: request bodies', () => {
  const h = hostileHub();

  it('rejects invalid JSON, JSON that is not a command body, deep nesting and oversized bodies', async () => {
    const { send, kiosk } = h;
    const { problems, check } = problemCollector();
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

    expect(problems).toEqual([]);
  });

  it('rejects a body sent with a content type other than JSON', async () => {
    const { send, kiosk } = h;
    const { problems, check } = problemCollector();
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

    expect(problems).toEqual([]);
  });

  it('rejects wrong, missing, unknown and hostile body fields naming the field', async () => {
    const { send, kiosk } = h;
    const { problems, check } = problemCollector();
    const issue = (label: string, o: Send, want: Expect = { status: 400 }) =>
      check(`issue ${label}`, send('POST', '/api/v1/tickets', { token: kiosk, ...o }), want);

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

    expect(problems).toEqual([]);
  });

  it('rejects generated bodies (fast-check) with 400 naming what is wrong', async () => {
    const { send, kiosk, officer, admin, display, called } = h;
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

  it('changed nothing: same queue, same rows, healthy, and valid requests still work', () =>
    expectChangedNothing(h, 333, 'hostile-input'));
});
