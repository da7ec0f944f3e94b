// Helpers of the administration tests: row counts that must not move, the audit log, and the
// tokens of every role.
import { expect } from 'vitest';
import { expectOk } from './api-helpers.ts';
import type { TestHub } from './harness.ts';

const TABLES = [
  'services',
  'procedures',
  'counters',
  'counter_services',
  'users',
  'devices',
  'audit_log',
  'tickets',
  'ticket_events',
] as const;

/** Rows per table and a digest of the editable tables: a refused request changes none of it. */
export function snapshotRows(t: TestHub): Record<string, unknown> {
  const db = t.running.hub.db;
  const out: Record<string, unknown> = {};
  for (const table of TABLES)
    out[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  for (const table of [
    'services',
    'procedures',
    'counters',
    'counter_services',
    'users',
    'devices',
    'centre',
  ])
    out[`${table}:rows`] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  out.revoked = (
    db.prepare('SELECT COUNT(*) AS n FROM tokens WHERE revoked_at IS NOT NULL').get() as { n: number }
  ).n;
  return out;
}

/** The newest audit entries through the API (admin token). */
export async function auditEntries(t: TestHub, token: string, limit = 1): Promise<any[]> {
  return expectOk(await t.api('GET', `/api/v1/audit?limit=${limit}`, { token })).entries;
}

export interface Tokens {
  admin: string;
  director: string;
  officer: string;
  kiosk: string;
  display: string;
  counter: string;
}

export async function everyRole(t: TestHub, prefix: string): Promise<Tokens> {
  return {
    admin: await t.login(),
    director: (await t.user(`${prefix}-director`, 'director')).token,
    officer: (await t.user(`${prefix}-officer`, 'officer')).token,
    kiosk: await t.pairDevice('kiosk'),
    display: await t.pairDevice('display'),
    counter: await t.pairDevice('counter', { counterId: 'c1' }),
  };
}

/** Asserts 403 for every token given, 401 without one. */
export async function onlyFor(
  t: TestHub,
  denied: string[],
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  for (const token of denied) {
    const res = await t.api(method, path, { token, ...(body === undefined ? {} : { body }) });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  }
  const anonymous = await t.api(method, path, body === undefined ? {} : { body });
  expect(anonymous.status, `${method} ${path} without a token`).toBe(401);
}
