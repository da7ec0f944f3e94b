// Administration data on disk: migration 0004 on a database of the previous version, the plans
// of its queries, and admin changes surviving a clean hub restart.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAY_UNTIL_SQL, WAITING_BY_FIELD_SQL } from '../src/admin/overview.ts';
import { loadMigrations, openDatabase } from '../src/db/database.ts';
import { Store } from '../src/db/store.ts';
import { loadCatalog, seedDemo } from '../src/seed.ts';
import { auditEntries } from './admin-helpers.ts';
import { expectError, expectOk } from './api-helpers.ts';
import { startTestHub, tempDir } from './harness.ts';

describe('migration 0004_admin', () => {
  const dir = tempDir('luot-admin-mig-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades a version 3 database: audit log, device addresses, indexes', () => {
    const file = join(dir, 'luot.sqlite');
    const all = loadMigrations();
    expect(all[3]!.name).toBe('0004_admin.sql');
    const v3 = openDatabase(file, all.slice(0, 3));
    seedDemo(new Store(v3), loadCatalog());
    v3.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(all.length);
    const columns = (db.prepare('PRAGMA table_info(counters)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(expect.arrayContaining(['sign_address', 'keypad_address', 'pad_address']));
    // Existing counters keep working, with no addresses yet.
    expect(db.prepare('SELECT number, sign_address FROM counters ORDER BY number LIMIT 1').get()).toEqual({
      number: 1,
      sign_address: null,
    });
    db.prepare('UPDATE counters SET sign_address = 1, keypad_address = 1 WHERE id = ?').run('c1');
    expect(() => db.prepare('UPDATE counters SET sign_address = 1 WHERE id = ?').run('c2')).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE counters SET pad_address = 248 WHERE id = ?').run('c2')).toThrow(/CHECK/);
    db.prepare('UPDATE counters SET pad_address = 1 WHERE id = ?').run('c2'); // another kind: allowed

    db.prepare(
      `INSERT INTO audit_log (at, user_id, action, target, before, after) VALUES (1, NULL, 'x', NULL, NULL, '{}')`,
    ).run();
    expect(() =>
      db.prepare(`INSERT INTO audit_log (at, user_id, action) VALUES (1, 'no-such-user', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);

    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan(`UPDATE tokens SET revoked_at = 1 WHERE user_id = 'u' AND revoked_at IS NULL`)).toContain(
      'tokens_user',
    );
    expect(plan(`UPDATE tokens SET revoked_at = 1 WHERE device_id = 'd' AND revoked_at IS NULL`)).toContain(
      'tokens_device',
    );
    expect(plan(`SELECT MAX(at) AS at FROM ticket_events WHERE counter_id = 'c1'`)).toContain(
      'ticket_events_counter',
    );
    // The overview's reads: the waiting-tickets index, and one day through the day index.
    expect(plan(WAITING_BY_FIELD_SQL.replace('?', '0'))).toContain('USING INDEX tickets_waiting');
    expect(plan(DAY_UNTIL_SQL.replaceAll('@cutoff', '0').replace('@day', "'2026-01-01'"))).toMatch(
      /USING (COVERING )?INDEX sqlite_autoindex_tickets_2 \(service_day=\?\)/,
    );
    expect(plan('SELECT * FROM audit_log WHERE id < 10 ORDER BY id DESC LIMIT 50')).toMatch(
      /SEARCH audit_log USING INTEGER PRIMARY KEY/,
    );
    db.close();
  });
});

describe('admin changes across a restart', () => {
  const dataDir = tempDir('luot-admin-restart-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps fields, counters, centre settings, users, revoked devices and the audit log', async () => {
    let t = await startTestHub({ dataDir });
    let admin = await t.login();
    const officer = await t.user('rs-officer', 'officer');
    const leaver = await t.user('rs-leaver', 'officer');
    const kiosk = await t.pairDevice('kiosk');
    const kioskId = expectOk(await t.api('GET', '/api/v1/me', { token: kiosk })).device.id;
    const req = (method: string, path: string, body?: unknown) =>
      t.api(method, path, { token: admin, ...(body === undefined ? {} : { body }) });
    expectOk(
      await req('POST', '/api/v1/services', { code: 'THUE', name: 'Thuế', prefix: 'T', start: 1, end: 999 }),
      201,
    );
    expectOk(await req('POST', '/api/v1/services/thue/procedures', { name: 'Khai thuế' }), 201);
    expectOk(
      await req('POST', '/api/v1/counters', {
        number: 8,
        name: 'Quầy 8',
        serviceIds: ['thue', 'hotich'],
        deviceAddresses: { sign: 8 },
      }),
      201,
    );
    expectOk(
      await req('PUT', '/api/v1/centre', { notice: 'Thông báo mới', thresholds: { idleAlertMinutes: 7 } }),
    );
    expectOk(await req('PUT', `/api/v1/users/${leaver.id}`, { active: false }));
    expectOk(await req('POST', `/api/v1/users/${officer.id}/password`, { password: 'after-restart' }));
    expectOk(await req('POST', `/api/v1/devices/${kioskId}/revoke`));
    const auditBefore = await auditEntries(t, admin, 200);
    const adminServices = expectOk(await req('GET', '/api/v1/admin/services'));
    const adminCounters = expectOk(await req('GET', '/api/v1/admin/counters'));
    const centre = expectOk(await req('GET', '/api/v1/centre'));
    await t.close();

    t = await startTestHub({ dataDir });
    admin = await t.login();
    expect(expectOk(await req('GET', '/api/v1/admin/services'))).toEqual(adminServices);
    expect(expectOk(await req('GET', '/api/v1/admin/counters'))).toEqual(adminCounters);
    expect(expectOk(await req('GET', '/api/v1/centre')).centre).toMatchObject({
      notice: 'Thông báo mới',
      thresholds: { idleAlertMinutes: 7 },
    });
    expect(expectOk(await req('GET', '/api/v1/centre')).centre.thresholds).toEqual(centre.centre.thresholds);
    expect(await auditEntries(t, admin, 200)).toEqual(auditBefore);
    expect(auditBefore.map((e) => e.action).slice(0, 7)).toEqual([
      'device.revoked',
      'user.password_reset',
      'user.updated',
      'centre.updated',
      'counter.created',
      'procedure.created',
      'service.created',
    ]);
    expectError(await t.api('GET', '/api/v1/services', { token: kiosk }), 401, 'unauthorized');
    expectError(
      await t.api('POST', '/api/v1/auth/login', {
        body: { username: 'rs-leaver', password: 'rs-leaver-password' },
      }),
      401,
      'unauthorized',
    );
    await t.login('rs-officer', 'after-restart');
    await t.close();
  });
});
