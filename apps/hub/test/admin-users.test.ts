// Administration of users against a real hub: the list, creating (audited without the password),
// renaming and role changes, deactivation (sign-out, the ticket back in line, tokens revoked), the
// last active admin, and password resets.
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
