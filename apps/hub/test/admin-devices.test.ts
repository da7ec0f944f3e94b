// Administration of devices against a real hub: renaming and moving displays and counter devices,
// what a device kind cannot have, revoking (token and socket), and the audit of pairing codes and
// kiosk printers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, everyRole, onlyFor, snapshotRows, type Tokens } from './admin-helpers.ts';
import { expectError, expectOk, recorder } from './api-helpers.ts';
import { connected, nextEvent, startTestHub, type TestHub } from './harness.ts';

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
