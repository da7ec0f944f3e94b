// What a hostile caller sends and how its answers are checked, for the hostile-*.test.ts files:
// hand-picked strings and numbers, fast-check arbitraries slanted to the hostile, the checks that an
// answer is a clear 4xx {error:{code,message}} naming the field or a failed socket ack, and the hub
// each file is hostile to: set up the same way, counting what is sent, and checked to be unchanged.
import { PRIVATE_TICKET_FIELDS } from '@luot/shared';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect } from 'vitest';
import type { z } from 'zod';
import { type ApiReply, connected, startTestHub, type TestHub } from './harness.ts';

// ---- What a hostile caller sends --------------------------------------------------------

export const SQL = "'; DROP TABLE tickets; --";

/** A ticket as devices and anonymous callers see it (API.md): without its private fields. */
export const publicView = (ticket: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(ticket).filter(([k]) => !(PRIVATE_TICKET_FIELDS as readonly string[]).includes(k)),
  );
const HOSTILE_STRINGS: string[] = [
  '',
  ' ',
  SQL,
  "' OR '1'='1",
  '1; DELETE FROM ticket_events',
  'Robert"); DROP TABLE users;--',
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31m',
  '\r\n\r\nHTTP/1.1 200 OK',
  '\u2028\u2029',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u202eevil\u202c',
  '\u200f\u200e\u200b\ufeff',
  '😀👨‍👩‍👧‍👦',
  'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307',
  'Z̵̡̢̛̗̘̙̜̝̞̟̠̀́̂̃̄̅̆̇̉̊̋̌̍̎̏̐̑̒̓̔',
  'Nguyễn Văn Ả',
  '../../etc/passwd',
  '..\\..\\windows',
  '%00',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose
  '${process.exit()}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'x'.repeat(65),
  'é'.repeat(300),
];

const HOSTILE_NUMBERS: number[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  1e308,
  -1,
];

/** Anything a JSON or socket body may hold, slanted to the hostile. */
export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '\u0000',
      '\u202e',
      '\u200f',
      '😀',
      '\u0301',
      '\ud800',
      '\udc00',
      "'",
      ';',
      '-',
      '/',
      '%',
    ),
    maxLength: 20,
  }),
);
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS, null, true, false, [], {}),
  fc.double(),
  fc.integer(),
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
);
export const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'isAdmin', 'role', SQL),
  fc.string({ maxLength: 12 }),
);
/** An object with any mix of the command's real field names and junk keys. */
export const hostileObject = (fields: string[]) =>
  fc.dictionary(fields.length ? fc.oneof(fc.constantFrom(...fields), hostileKey) : hostileKey, hostileValue, {
    maxKeys: 4,
  });

/** What the hub sees after JSON (a body of `undefined` is no body, `null` counts as none). */
export function overTheWire(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

export function fieldsOf(schema: z.ZodType | undefined): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

// ---- Checking the answers --------------------------------------------------------------

export interface Expect {
  /** One status or several acceptable ones; default any 4xx. */
  status?: number | number[];
  /** A word the error message must contain (the field name). */
  field?: string;
}

export function problemWith(label: string, res: ApiReply, want: Expect = {}): string | null {
  const say = (what: string) =>
    `${label}: ${what} (got ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)})`;
  if (res.status < 400 || res.status >= 500) return say('expected a 4xx');
  const statuses = want.status === undefined ? null : [want.status].flat();
  if (statuses && !statuses.includes(res.status)) return say(`expected ${statuses.join(' or ')}`);
  const error = (res.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error.code !== 'string' || error.code === '') return say('no error.code');
  if (typeof error.message !== 'string' || error.message.trim() === '') return say('no error.message');
  if (error.code === 'validation_failed' && !/^[^\s:]+: \S/.test(error.message))
    return say('a validation message must name the field ("field: what is wrong")');
  if (want.field && !error.message.includes(want.field)) return say(`message should name ${want.field}`);
  return null;
}

export function ackProblem(label: string, reply: unknown, field?: string): string | null {
  const say = (what: string) => `${label}: ${what} (got ${JSON.stringify(reply)?.slice(0, 300)})`;
  const r = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (!r || r.ok !== false) return say('expected {ok:false}');
  if (!r.error || typeof r.error.code !== 'string' || r.error.code === '') return say('no error.code');
  if (r.error.code === 'internal') return say('an internal error');
  if (typeof r.error.message !== 'string' || r.error.message.trim() === '') return say('no error.message');
  if (field && !r.error.message.includes(field)) return say(`message should name ${field}`);
  return null;
}

export interface Send {
  token?: string | null;
  /** Serialised with JSON.stringify (undefined: no body). */
  json?: unknown;
  /** Sent as-is. */
  raw?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

/** Collects what is wrong with each answer, so that one test reports every bad case at once. */
export function problemCollector() {
  const problems: string[] = [];
  const check = async (label: string, res: Promise<ApiReply>, want?: Expect) => {
    try {
      const p = problemWith(label, await res, want);
      if (p) problems.push(p);
    } catch (error) {
      problems.push(`${label}: request failed ${String(error)}`);
    }
  };
  return { problems, check };
}

// ---- The hub a test file is hostile to ---------------------------------------------------

export interface HostileHub {
  t: TestHub;
  admin: string;
  director: string;
  officer: string;
  kiosk: string;
  /** A kiosk that only asks snapshots (they are limited per token). */
  snapKiosk: string;
  display: string;
  /** The ticket called at counter c2 by `officer`: a real target for ticket commands. */
  called: string;
  waiting: string;
  /** A second kiosk to flood with, and a field whose numbers for today are used up. */
  flooder: string;
  usedUp: string;
  /** The queue and the row counts once set up, before anything hostile was sent. */
  before: { snapshot: unknown; counts: Record<string, number> };
  /** Hostile requests and socket commands sent since `before` was taken. */
  payloads: number;
  /** Connected sockets of admin, officer, kiosk and display. */
  sockets: Record<string, Socket>;
  /** A REST request, counted as hostile. */
  send(method: string, path: string, o?: Send): Promise<ApiReply>;
  /** A socket command with an ack, counted as hostile. */
  command(socket: Socket, ...args: unknown[]): Promise<unknown>;
  counts(): Record<string, number>;
  queue(): Promise<unknown>;
}

/**
 * Starts a hub for the calling describe block (beforeAll/afterAll): users, devices, an officer
 * signed in at c2 with a called ticket, a waiting one, a field with no numbers left, and sockets.
 * Its fields are set once beforeAll has run, so read them inside the tests.
 */
export function hostileHub(): HostileHub {
  const h = { payloads: 0, sockets: {} } as HostileHub;

  h.send = async (method, path, o = {}) => {
    h.payloads += 1;
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined = o.raw;
    if (body === undefined && o.json !== undefined) body = JSON.stringify(o.json);
    if (typeof body === 'string' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    const res = await fetch(new URL(path, h.t.url), { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text, the check will say so
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  h.command = async (socket, ...args) => {
    h.payloads += 1;
    return socket.timeout(5000).emitWithAck('command', ...args);
  };

  h.counts = () => {
    const db = h.t.running.hub.db;
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
  };

  h.queue = async () => {
    const res = await h.send('GET', '/api/v1/queue', { token: h.admin });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    const t = await startTestHub();
    h.t = t;
    h.admin = await t.login();
    h.director = (await t.user('giamdoc', 'director')).token;
    h.officer = (await t.user('canbo-hostile', 'officer')).token;
    h.kiosk = await t.pairDevice('kiosk');
    h.snapKiosk = await t.pairDevice('kiosk');
    h.display = await t.pairDevice('display');
    expect((await t.api('POST', '/api/v1/counters/c2/sign-in', { token: h.officer })).status).toBe(200);
    const first = await t.api('POST', '/api/v1/tickets', {
      token: h.kiosk,
      body: { serviceId: 'hotich' },
      headers: { 'idempotency-key': 'hostile-setup-1' },
    });
    expect(first.status).toBe(201);
    const second = await t.api('POST', '/api/v1/tickets', { token: h.kiosk, body: { serviceId: 'hotich' } });
    expect(second.status).toBe(201);
    h.waiting = second.body.ticket.id;
    const third = await t.api('POST', '/api/v1/tickets', { token: h.officer, body: { serviceId: 'datdai' } });
    expect(third.status).toBe(201);
    const call = await t.api('POST', '/api/v1/counters/c2/call-next', { token: h.officer });
    expect(call.body.ticket.id).toBe(first.body.ticket.id);
    h.called = first.body.ticket.id;
    h.flooder = await t.pairDevice('kiosk');
    const tiny = await t.api('POST', '/api/v1/services', {
      token: h.admin,
      body: { code: 'HOSTILE-TINY', name: 'Hết số', prefix: 'Y', start: 1, end: 2 },
    });
    expect(tiny.status).toBe(201);
    h.usedUp = tiny.body.service.id;
    for (let i = 0; i < 2; i++) {
      const res = await t.api('POST', '/api/v1/tickets', { token: h.officer, body: { serviceId: h.usedUp } });
      expect(res.status).toBe(201);
    }
    for (const name of ['admin', 'officer', 'kiosk', 'display'] as const) {
      h.sockets[name] = t.socket(h[name]);
      await connected(h.sockets[name]);
    }
    h.before = { snapshot: await h.queue(), counts: h.counts() };
    h.payloads = 0;
  });

  afterAll(() => h.t?.close());

  return h;
}

/**
 * The last test of each hostile file: at least `atLeast` hostile requests were sent (what the file
 * sends), and together they changed nothing: same queue, same rows, no polluted prototype, a healthy
 * hub, and valid requests with the same tokens still work.
 */
export async function expectChangedNothing(h: HostileHub, atLeast: number, what: string) {
  expect(h.payloads).toBeGreaterThanOrEqual(atLeast);
  console.info(`${what}: ${h.payloads} hostile requests and socket commands`);
  expect(await h.queue()).toEqual(h.before.snapshot);
  expect(h.counts()).toEqual(h.before.counts);
  // No prototype was polluted in the hub's process (this process).
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  const health = await h.send('GET', '/api/v1/health');
  expect(health.status).toBe(200);
  expect(health.body.status).toBe('ok');
  // The tokens used for all of the above still work, and a valid ticket is issued.
  const issued = await h.send('POST', '/api/v1/tickets', {
    token: h.kiosk,
    json: { serviceId: 'hotich', priority: 'elderly' },
    headers: { 'idempotency-key': 'after-the-storm-1' },
  });
  expect(issued.status).toBe(201);
  expect(issued.body.ticket).toMatchObject({ serviceId: 'hotich', status: 'waiting', priority: 'elderly' });
  const done = await h.send('POST', `/api/v1/tickets/${h.called}/finish`, {
    token: h.officer,
    json: { procedureIds: ['hotich-1'] },
  });
  expect(done.status).toBe(200);
  expect(done.body.ticket.status).toBe('done');
  const reply = (await h.command(h.sockets.officer!, {
    name: 'counters:call-next',
    params: { id: 'c2' },
    body: {},
  })) as { ok: boolean; data: { ticket: { id: string } } };
  // Priority first: the elderly citizen's ticket is called before the older plain one.
  expect(reply.ok).toBe(true);
  expect(reply.data.ticket.id).toBe(issued.body.ticket.id);
  expect(reply.data.ticket.id).not.toBe(h.waiting);
  expect(h.counts().tickets).toBe(h.before.counts.tickets! + 1);
}
