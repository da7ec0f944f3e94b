// Administration of people, devices and the centre against a real hub: users (deactivation,
// roles, the last admin, password resets), devices (edit, revoke), the centre's settings, and
// the audit log with its paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, everyRole, onlyFor, snapshotRows, type Tokens } from './admin-helpers.ts';
import { act, expectError, expectOk, issue, officerAt, recorder } from './api-helpers.ts';
import { connected, nextEvent, startTestHub, type TestHub } from './harness.ts';

describe('administration: users', () => {
  let t: TestHub;
  let tok: Tokens;
  let adminId: string;
  beforeAll(async () => {
    t = await startTestHub();
    tok = await everyRole(t, 'usr');
    adminId = expectOk(await t.api('GET', '/api/v1/me', { token: tok.admin })).user.id;
  });
  afterAll(() => t.close());

  const put = (id: string, body: unknown) => t.api('PUT', `/api/v1/users/${id}`, { token: tok.admin, body });
  const userByName = async (username: string) =>
    expectOk(await t.api('GET', '/api/v1/users', { token: tok.admin })).users.find(
      (u: any) => u.username === username,
    );

  it('lists every user with role, state and counter, for admins only', async () => {
    const officer = await officerAt(t, 'usr-at-c4', 'c4');
    const { users } = expectOk(await t.api('GET', '/api/v1/users', { token: tok.admin }));
    expect(users.find((u: any) => u.id === officer.id)).toEqual({
      id: officer.id,
      username: 'usr-at-c4',
      displayName: 'Cán bộ usr-at-c4',
      role: 'officer',
      active: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      counterId: 'c4',
    });
    expect(JSON.stringify(users)).not.toMatch(/scrypt|password/);
    await onlyFor(
      t,
      [tok.director, tok.officer, tok.kiosk, tok.display, tok.counter],
      'GET',
      '/api/v1/users',
    );
  });

  it('creating a user is audited without the password', async () => {
    const res = await t.api('POST', '/api/v1/users', {
      token: tok.admin,
      body: {
        username: 'usr.new',
        password: 'a-secret-password',
        displayName: 'Trần Thị B',
        role: 'officer',
      },
    });
    const { user } = expectOk(res, 201);
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'user.created',
      target: user.id,
      username: 'admin',
      before: null,
      after: { username: 'usr.new', role: 'officer', active: true },
    });
    expect(JSON.stringify(entry)).not.toMatch(/a-secret-password|scrypt/);
  });

  it('renames and changes roles; 400 naming the field; 404; changes nothing when refused', async () => {
    const target = await userByName('usr.new');
    const { user } = expectOk(await put(target.id, { displayName: 'Trần Thị Bình', role: 'director' }));
    expect(user).toMatchObject({ displayName: 'Trần Thị Bình', role: 'director', active: true });
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'user.updated',
      before: { displayName: 'Trần Thị B', role: 'officer' },
      after: { displayName: 'Trần Thị Bình', role: 'director' },
    });
    const before = snapshotRows(t);
    expectError(await put(target.id, { role: 'boss' }), 400, 'validation_failed', /^role:/);
    expectError(
      await put(target.id, { displayName: '' }),
      400,
      'validation_failed',
      /^displayName: required/,
    );
    expectError(await put(target.id, { active: 'false' }), 400, 'validation_failed', /^active:/);
    expectError(
      await put(target.id, { username: 'x' }),
      400,
      'validation_failed',
      /unknown field\(s\) username/,
    );
    expectError(await put(target.id, {}), 400, 'validation_failed', /^body: nothing to change/);
    expectError(await put('nobody', { displayName: 'X' }), 404, 'not_found', /no user nobody/);
    expect(snapshotRows(t)).toEqual(before);
  });

  it('deactivating an officer signs them out, returns their ticket to the line and revokes every token', async () => {
    const officer = await officerAt(t, 'usr-leaver', 'c2');
    const second = await t.login('usr-leaver', 'usr-leaver-password');
    const ticket = await issue(t, tok.kiosk, { serviceId: 'hotich' });
    expectOk(await act(t, officer.token, 'counters/c2/call-next'));
    const socket = t.socket(officer.token);
    await connected(socket);
    const watcher = t.socket(tok.display);
    await connected(watcher);
    const queue = recorder(watcher, 'queue:changed');
    const dropped = nextEvent(socket, 'disconnect');

    const { user } = expectOk(await put(officer.id, { active: false }));
    expect(user).toMatchObject({ active: false, counterId: null });
    expect(await dropped).toBe('io server disconnect');
    for (const token of [officer.token, second])
      expectError(await t.api('GET', '/api/v1/me', { token }), 401, 'unauthorized');
    expectError(
      await t.api('POST', '/api/v1/auth/login', {
        body: { username: 'usr-leaver', password: 'usr-leaver-password' },
      }),
      401,
      'unauthorized',
    );
    const change = await queue.next();
    expect(change.counters.find((c: any) => c.id === 'c2')).toMatchObject({ state: 'closed', officer: null });
    expect(change.tickets.find((x: any) => x.id === ticket.id)).toMatchObject({ status: 'waiting' });
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'user.updated',
      before: { active: true, counterId: 'c2' },
      after: { active: false },
    });

    // Back again: a fresh login works, the old tokens stay dead.
    expectOk(await put(officer.id, { active: true }));
    await t.login('usr-leaver', 'usr-leaver-password');
    expectError(await t.api('GET', '/api/v1/me', { token: officer.token }), 401, 'unauthorized');
  });

  it('a director leaves the counter; the last active admin cannot be deactivated or demoted', async () => {
    const officer = await officerAt(t, 'usr-promoted', 'c5');
    expect(expectOk(await put(officer.id, { role: 'director' })).user).toMatchObject({
      role: 'director',
      counterId: null,
    });
    expect(expectOk(await t.api('GET', '/api/v1/me', { token: officer.token })).user.role).toBe('director');

    const before = snapshotRows(t);
    expectError(
      await put(adminId, { active: false }),
      409,
      'conflict',
      /^active: admin is the last active admin/,
    );
    expectError(
      await put(adminId, { role: 'director' }),
      409,
      'conflict',
      /^role: admin is the last active admin/,
    );
    expect(snapshotRows(t)).toEqual(before);

    const other = await t.user('usr-admin2', 'admin');
    expectOk(await put(adminId, { role: 'director' }));
    // Its token now carries the new role; the second admin is the last one.
    expectError(await put(other.id, { displayName: 'X' }), 403, 'forbidden');
    const asOther = (id: string, body: unknown) =>
      t.api('PUT', `/api/v1/users/${id}`, { token: other.token, body });
    expectError(
      await asOther(other.id, { active: false }),
      409,
      'conflict',
      /^active: usr-admin2 is the last/,
    );
    expectOk(await asOther(adminId, { role: 'admin' }));
    expectOk(await t.api('GET', '/api/v1/users', { token: tok.admin }));
  });

  it('resets a password: the old one and every token stop working, the new one signs in', async () => {
    const user = await t.user('usr-forgot', 'officer');
    const res = await t.api('POST', `/api/v1/users/${user.id}/password`, {
      token: tok.admin,
      body: { password: 'new-password-1' },
    });
    expect(expectOk(res).user).toMatchObject({ id: user.id, username: 'usr-forgot' });
    expectError(await t.api('GET', '/api/v1/me', { token: user.token }), 401, 'unauthorized');
    expectError(
      await t.api('POST', '/api/v1/auth/login', {
        body: { username: 'usr-forgot', password: 'usr-forgot-password' },
      }),
      401,
      'unauthorized',
    );
    await t.login('usr-forgot', 'new-password-1');
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'user.password_reset',
      target: user.id,
      after: { username: 'usr-forgot', tokensRevoked: 1 },
    });
    expect(JSON.stringify(entry)).not.toMatch(/new-password-1/);

    const before = snapshotRows(t);
    const path = `/api/v1/users/${user.id}/password`;
    expectError(
      await t.api('POST', path, { token: tok.admin, body: { password: 'short' } }),
      400,
      'validation_failed',
      /^password: at least 8/,
    );
    expectError(
      await t.api('POST', path, { token: tok.admin, body: {} }),
      400,
      'validation_failed',
      /^password: required/,
    );
    expectError(
      await t.api('POST', '/api/v1/users/nobody/password', {
        token: tok.admin,
        body: { password: 'long-enough' },
      }),
      404,
      'not_found',
    );
    await onlyFor(t, [tok.director, tok.officer, tok.kiosk, tok.display, tok.counter], 'POST', path, {
      password: 'long-enough',
    });
    await onlyFor(
      t,
      [tok.director, tok.officer, tok.kiosk, tok.display, tok.counter],
      'PUT',
      `/api/v1/users/${user.id}`,
      { displayName: 'X' },
    );
    expect(snapshotRows(t)).toEqual(before);
  });
});

describe('administration: devices', () => {
  let t: TestHub;
  let tok: Tokens;
  let devices: any[];
  beforeAll(async () => {
    t = await startTestHub();
    tok = await everyRole(t, 'dev');
    devices = expectOk(await t.api('GET', '/api/v1/devices', { token: tok.admin })).devices;
  });
  afterAll(() => t.close());

  const idOf = (kind: string) => devices.find((d) => d.kind === kind).id as string;
  const put = (id: string, body: unknown) =>
    t.api('PUT', `/api/v1/devices/${id}`, { token: tok.admin, body });

  it('renames a device and moves a display or a counter device; announced and audited', async () => {
    const socket = t.socket(tok.kiosk);
    await connected(socket);
    const changes = recorder(socket, 'catalog:changed');
    const { device } = expectOk(await put(idOf('display'), { name: 'Màn hình sảnh', zone: 'sanh' }));
    expect(device).toMatchObject({
      id: idOf('display'),
      kind: 'display',
      name: 'Màn hình sảnh',
      zone: 'sanh',
    });
    expect(await changes.next()).toMatchObject({ what: 'devices' });
    expect(expectOk(await t.api('GET', '/api/v1/me', { token: tok.display })).device).toMatchObject({
      zone: 'sanh',
    });
    expectOk(await put(idOf('counter'), { counterId: 'c3' }));
    expect(expectOk(await t.api('GET', '/api/v1/me', { token: tok.counter })).counterId).toBe('c3');
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'device.updated',
      target: idOf('counter'),
      before: { counterId: 'c1' },
      after: { counterId: 'c3' },
    });
  });

  it('refuses what a device kind cannot have (400), unknown devices (404) and other roles (403)', async () => {
    const before = snapshotRows(t);
    expectError(
      await put(idOf('kiosk'), { zone: 'sanh' }),
      400,
      'validation_failed',
      /^zone: only for display devices/,
    );
    expectError(
      await put(idOf('kiosk'), { counterId: 'c1' }),
      400,
      'validation_failed',
      /^counterId: only for counter/,
    );
    expectError(
      await put(idOf('counter'), { counterId: 'c99' }),
      400,
      'validation_failed',
      /^counterId: no counter c99/,
    );
    expectError(await put(idOf('kiosk'), { name: '' }), 400, 'validation_failed', /^name: required/);
    expectError(await put(idOf('kiosk'), { kind: 'display' }), 400, 'validation_failed', /unknown field/);
    expectError(await put('nope', { name: 'x' }), 404, 'not_found', /no device nope/);
    expectError(await t.api('POST', '/api/v1/devices/nope/revoke', { token: tok.admin }), 404, 'not_found');
    const others = [tok.director, tok.officer, tok.kiosk, tok.display, tok.counter];
    await onlyFor(t, others, 'PUT', `/api/v1/devices/${idOf('kiosk')}`, { name: 'x' });
    await onlyFor(t, others, 'POST', `/api/v1/devices/${idOf('kiosk')}/revoke`);
    expect(snapshotRows(t)).toEqual(before);
  });

  it('revokes a device: its token stops at once, its socket closes, it leaves the list', async () => {
    const kioskId = idOf('kiosk');
    const socket = t.socket(tok.kiosk);
    await connected(socket);
    const dropped = nextEvent(socket, 'disconnect');
    const res = await t.api('POST', `/api/v1/devices/${kioskId}/revoke`, { token: tok.admin });
    expect(expectOk(res)).toEqual({ device: { id: kioskId, revoked: true } });
    expect(await dropped).toBe('io server disconnect');
    expectError(await t.api('GET', '/api/v1/services', { token: tok.kiosk }), 401, 'unauthorized');
    const listed = expectOk(await t.api('GET', '/api/v1/devices', { token: tok.admin })).devices;
    expect(listed.map((d: any) => d.id)).not.toContain(kioskId);
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'device.revoked',
      target: kioskId,
      after: { active: false, tokensRevoked: 1 },
    });
    expectError(
      await t.api('POST', `/api/v1/devices/${kioskId}/revoke`, { token: tok.admin }),
      409,
      'conflict',
      /revoked/,
    );
    expectError(await put(kioskId, { name: 'x' }), 409, 'conflict');
  });

  it('pairing codes and kiosk printers are audited too', async () => {
    const code = await t.api('POST', '/api/v1/devices/pairing-codes', {
      token: tok.admin,
      body: { kind: 'display', name: 'Màn hình tầng 2', zone: 'tang-2' },
    });
    const { code: secret } = expectOk(code, 201);
    let [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'device.pairing_code',
      after: { kind: 'display', name: 'Màn hình tầng 2', zone: 'tang-2', expiresAt: expect.any(String) },
    });
    expect(JSON.stringify(entry)).not.toContain(secret);
    const kiosk = await t.pairDevice('kiosk');
    const me = expectOk(await t.api('GET', '/api/v1/me', { token: kiosk })).device;
    expectOk(
      await t.api('PUT', `/api/v1/devices/${me.id}/printer`, {
        token: tok.admin,
        body: { uri: 'tcp://192.168.1.50:9100', paper: 58 },
      }),
    );
    [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'device.printer',
      target: me.id,
      before: { uri: null, paper: 80 },
      after: { uri: 'tcp://192.168.1.50:9100', paper: 58 },
    });
  });
});

describe('administration: the centre and the audit log', () => {
  let t: TestHub;
  let tok: Tokens;
  beforeAll(async () => {
    t = await startTestHub();
    tok = await everyRole(t, 'ctl');
  });
  afterAll(() => t.close());

  const put = (body: unknown, token = tok.admin) => t.api('PUT', '/api/v1/centre', { token, body });

  it('changes name, contact, hours, notice and thresholds; clients are told and see it', async () => {
    const socket = t.socket(tok.display);
    await connected(socket);
    const changes = recorder(socket, 'catalog:changed');
    const hours = [
      { days: [1, 2, 3, 4, 5], open: '07:30', close: '11:30' },
      { days: [1, 2, 3, 4, 5], open: '13:30', close: '17:00' },
    ];
    const { centre } = expectOk(
      await put({
        name: 'Trung tâm Phục vụ hành chính công phường Cái Khế',
        hotline: '0292 3 111 111',
        openingHours: hours,
        notice: 'Nghỉ lễ 30/4 và 1/5.',
        thresholds: { alertWaitMinutes: 30 },
      }),
    );
    expect(centre).toMatchObject({
      name: 'Trung tâm Phục vụ hành chính công phường Cái Khế',
      hotline: '0292 3 111 111',
      openingHours: hours,
      notice: 'Nghỉ lễ 30/4 và 1/5.',
      thresholds: {
        targetWaitMinutes: 15,
        alertWaitMinutes: 30,
        idleAlertMinutes: 5,
        deviceSilentMinutes: 10,
      },
    });
    expect(await changes.next()).toMatchObject({ what: 'centre' });
    expect(expectOk(await t.api('GET', '/api/v1/centre', { token: tok.display })).centre).toEqual(centre);
    expect(expectOk(await t.api('GET', '/api/v1/health')).centre.name).toBe(centre.name);
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'centre.updated',
      target: null,
      before: { notice: expect.stringContaining('dichvucong'), thresholds: { alertWaitMinutes: 20 } },
      after: { notice: 'Nghỉ lễ 30/4 và 1/5.', thresholds: { alertWaitMinutes: 30 }, openingHours: hours },
    });
    // Only what is given changes; an empty notice removes it; unknown settings keys survive.
    t.running.hub.db
      .prepare(`UPDATE centre SET settings = json_set(settings, '$.futureKey', 'kept') WHERE id = 1`)
      .run();
    const second = expectOk(await put({ notice: '', thresholds: { targetWaitMinutes: 10 } })).centre;
    expect(second).toMatchObject({
      hotline: '0292 3 111 111',
      notice: null,
      thresholds: { targetWaitMinutes: 10, alertWaitMinutes: 30 },
    });
    const raw = t.running.hub.db.prepare('SELECT settings FROM centre').get() as { settings: string };
    expect(JSON.parse(raw.settings)).toMatchObject({
      futureKey: 'kept',
      notice: null,
      targetWaitMinutes: 10,
    });
  });

  it('refuses bad hours and thresholds with 400 naming the field, and changes nothing', async () => {
    const before = snapshotRows(t);
    const cases: [unknown, RegExp][] = [
      [
        { openingHours: [{ days: [1], open: '11:00', close: '08:00' }] },
        /^openingHours\.0\.close: must be after open/,
      ],
      [
        { openingHours: [{ days: [1], open: '25:00', close: '26:00' }] },
        /^openingHours\.0\.open: a time as HH:MM/,
      ],
      [{ openingHours: [{ days: [7], open: '07:00', close: '08:00' }] }, /^openingHours\.0\.days\.0:/],
      [
        { openingHours: [{ days: [], open: '07:00', close: '08:00' }] },
        /^openingHours\.0\.days: choose at least one day/,
      ],
      [
        { openingHours: [{ days: [1, 1], open: '07:00', close: '08:00' }] },
        /^openingHours\.0\.days: a day is listed twice/,
      ],
      [
        {
          openingHours: [
            { days: [1, 2], open: '07:00', close: '11:30' },
            { days: [2], open: '11:00', close: '12:00' },
          ],
        },
        /^openingHours\.1: overlaps window 0/,
      ],
      [{ thresholds: { alertWaitMinutes: 0 } }, /^thresholds\.alertWaitMinutes: .*at least 1 minute/],
      [{ thresholds: { idleAlertMinutes: 2.5 } }, /^thresholds\.idleAlertMinutes: a whole number/],
      [
        { thresholds: { alertWaitMinutes: 5 } },
        /^thresholds\.alertWaitMinutes: must be at least targetWaitMinutes/,
      ],
      [{ thresholds: { soonMinutes: 5 } }, /^thresholds: unknown field/],
      [{ name: '' }, /^name: required/],
      [{ code: 'OTHER' }, /unknown field\(s\) code/],
      [{ timeZone: 'Asia/Bangkok' }, /unknown field\(s\) timeZone/],
      [{}, /^body: nothing to change/],
    ];
    for (const [body, message] of cases) expectError(await put(body), 400, 'validation_failed', message);
    await onlyFor(
      t,
      [tok.director, tok.officer, tok.kiosk, tok.display, tok.counter],
      'PUT',
      '/api/v1/centre',
      { name: 'X' },
    );
    expect(snapshotRows(t)).toEqual(before);
  });

  it('pages the audit log newest first; directors read it, others may not', async () => {
    for (const n of [1, 2, 3]) expectOk(await put({ hotline: `0292 000 00${n}` }));
    const all = expectOk(await t.api('GET', '/api/v1/audit?limit=200', { token: tok.director })).entries;
    const ids = all.map((e: any) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all[0].after.hotline).toBe('0292 000 003');
    const page1 = expectOk(await t.api('GET', '/api/v1/audit?limit=2', { token: tok.admin })).entries;
    const page2 = expectOk(
      await t.api('GET', `/api/v1/audit?limit=2&before=${page1[1].id}`, { token: tok.admin }),
    ).entries;
    expect([...page1, ...page2]).toEqual(all.slice(0, 4));
    const last = expectOk(
      await t.api('GET', `/api/v1/audit?before=${all.at(-1).id}`, { token: tok.admin }),
    ).entries;
    expect(last).toEqual([]);
    expectError(
      await t.api('GET', '/api/v1/audit?limit=0', { token: tok.admin }),
      400,
      'validation_failed',
      /^limit: from 1 to 200/,
    );
    expectError(
      await t.api('GET', '/api/v1/audit?limit=201', { token: tok.admin }),
      400,
      'validation_failed',
      /^limit:/,
    );
    expectError(
      await t.api('GET', '/api/v1/audit?before=abc', { token: tok.admin }),
      400,
      'validation_failed',
      /^before:/,
    );
    expectError(
      await t.api('GET', '/api/v1/audit?order=asc', { token: tok.admin }),
      400,
      'validation_failed',
      /order/,
    );
    await onlyFor(t, [tok.officer, tok.kiosk, tok.display, tok.counter], 'GET', '/api/v1/audit');
  });
});
