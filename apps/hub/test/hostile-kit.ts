// What a hostile caller sends and how its answers are checked, for hostile-input.test.ts: hand-picked
// strings and numbers, fast-check arbitraries slanted to the hostile, and the checks that an answer is
// a clear 4xx {error:{code,message}} naming the field, or a failed socket ack.
import { PRIVATE_TICKET_FIELDS } from '@luot/shared';
import fc from 'fast-check';
import type { z } from 'zod';
import type { ApiReply } from './harness.ts';

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
