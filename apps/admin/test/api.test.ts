// The dashboard's hub calls against a real hub (real SQLite file, real HTTP): every answer it
// reads passes the schemas it checks with, every change it sends is taken, refused input comes
// back as a 400 naming the field and changes nothing, and an officer's token is refused.

import { startTestHub, type TestHub } from '@luot/hub/testing';
import { HubClient, HubError } from '@luot/ui';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from '../src/api.ts';

let t: TestHub;
let admin: AdminApi;
let director: AdminApi;
let officer: AdminApi;

const api = (token: string) => new AdminApi(new HubClient({ baseUrl: t.url, token, retry: { attempts: 1 } }));

beforeAll(async () => {
  t = await startTestHub();
  admin = api(await t.login());
  director = api((await t.user('giamdoc', 'director')).token);
  officer = api((await t.user('canbo', 'officer')).token);
  const kiosk = await t.pairDevice('kiosk');
  for (const [i, serviceId] of ['hotich', 'hotich', 'datdai'].entries()) {
    const res = await t.api('POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId },
      headers: { 'idempotency-key': `admin-api-test-${i}` },
    });
    expect(res.status).toBe(201);
  }
});

afterAll(async () => {
  await t?.close();
});

describe('what a director reads', () => {
  it('the overview: people waiting per field, the counters, the thresholds', async () => {
    const o = await director.overview();
    expect(o.fields.find((f) => f.serviceId === 'hotich')?.waiting).toBe(2);
    expect(o.today.issued).toBe(3);
    expect(o.today.waiting).toBe(3);
    expect(o.counters.length).toBeGreaterThan(0);
    expect(o.thresholds.alertWaitMinutes).toBe(20);
    expect(o.serviceDay).toBe(await director.serviceDay());
  });

  it('today’s report, and both exports as files', async () => {
    const day = await director.serviceDay();
    const today = await director.report({ from: day, to: day });
    expect(today.totals.issued).toBe(3);
    expect(today.byService.find((s) => s.serviceId === 'hotich')?.issued).toBe(2);
    const xlsx = await director.exportReport({ from: day, to: day }, 'xlsx');
    expect(xlsx.filename).toBe(`bao-cao-${day}_${day}.xlsx`);
    // A zip (xlsx) starts with PK.
    expect(new Uint8Array(await xlsx.blob.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const csv = await director.exportReport({ from: day, to: day }, 'csv');
    expect(csv.filename).toBe(`bao-cao-${day}_${day}.csv`);
    expect(await csv.blob.text()).toContain('Hộ tịch');
  });

  it('an export the hub refuses is an error naming the field, not a file', async () => {
    const err = await director.exportReport({ from: '2025-05-02', to: '2025-05-01' }, 'csv').catch((e) => e);
    expect(err).toBeInstanceOf(HubError);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^to: /);
  });

  it('a director may not administer; an officer may not even read the overview', async () => {
    await expect(director.users()).rejects.toMatchObject({ status: 403 });
    await expect(officer.overview()).rejects.toMatchObject({ status: 403 });
    await expect(officer.report({ from: '2025-05-01', to: '2025-05-01' })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('what an admin changes', () => {
  it('a field and a procedure, then a counter that serves it', async () => {
    await admin.saveService(null, { code: 'TUPHAP', name: 'Tư pháp', prefix: 'T', start: 5001, end: 5999 });
    const field = (await admin.services()).find((s) => s.code === 'TUPHAP')!;
    expect(field).toMatchObject({ name: 'Tư pháp', prefix: 'T', active: true, procedures: [] });
    await admin.saveProcedure({ serviceId: field.id }, { name: 'Hòa giải', code: '' });
    const [procedure] = (await admin.services()).find((s) => s.id === field.id)!.procedures;
    expect(procedure).toMatchObject({ name: 'Hòa giải', code: null, active: true });
    await admin.saveProcedure({ procedureId: procedure!.id }, { active: false });
    await admin.saveService(field.id, { active: false });
    const after = (await admin.services()).find((s) => s.id === field.id)!;
    expect(after.active).toBe(false);
    expect(after.procedures[0]?.active).toBe(false);

    await admin.saveCounter(null, {
      number: 9,
      name: 'Quầy 9',
      zone: 'main',
      serviceIds: [field.id, 'hotich'],
      callPolicy: 'strict',
      deviceAddresses: { sign: 9, keypad: null, pad: null },
      active: true,
    });
    const counter = (await admin.counters()).find((c) => c.number === 9)!;
    expect(counter).toMatchObject({ serviceIds: [field.id, 'hotich'], callPolicy: 'strict' });
    expect(counter.deviceAddresses).toEqual({ sign: 9, keypad: null, pad: null });
  });

  it('bad input: 400 naming the field, and nothing changes', async () => {
    const before = await admin.counters();
    const err = await admin
      .saveCounter(before[0]!.id, { deviceAddresses: { sign: 300 } })
      .catch((e: unknown) => e as HubError);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).status).toBe(400);
    expect((err as HubError).message).toMatch(/^deviceAddresses\.sign: /);
    expect(await admin.counters()).toEqual(before);
  });

  it('users: add, rename, reset the password, deactivate', async () => {
    await admin.createUser({
      username: 'canbo2',
      password: 'mat-khau-1',
      displayName: 'Cán bộ Hai',
      role: 'officer',
    });
    const user = (await admin.users()).find((u) => u.username === 'canbo2')!;
    await admin.updateUser(user.id, { displayName: 'Nguyễn Thị Hai' });
    await admin.resetPassword(user.id, 'mat-khau-moi');
    expect(
      (await t.api('POST', '/api/v1/auth/login', { body: { username: 'canbo2', password: 'mat-khau-1' } }))
        .status,
    ).toBe(401);
    expect(
      (await t.api('POST', '/api/v1/auth/login', { body: { username: 'canbo2', password: 'mat-khau-moi' } }))
        .status,
    ).toBe(200);
    await admin.updateUser(user.id, { active: false });
    expect((await admin.users()).find((u) => u.id === user.id)).toMatchObject({
      displayName: 'Nguyễn Thị Hai',
      active: false,
    });
  });

  it('devices: a pairing code, a rename, the printer, revoking', async () => {
    const { code } = await admin.pairingCode({ kind: 'kiosk', name: 'Kiosk 2' });
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    const paired = await t.api('POST', '/api/v1/devices/pair', { body: { code } });
    const id = paired.body.device.id as string;
    await admin.updateDevice(id, { name: 'Kiosk tầng 2' });
    await admin.setPrinter(id, { uri: 'tcp://127.0.0.1:9100', paper: 58, mode: 'text' });
    const device = (await admin.devices()).devices.find((d) => d.id === id)!;
    expect(device).toMatchObject({
      name: 'Kiosk tầng 2',
      printer: { uri: 'tcp://127.0.0.1:9100', paper: 58, mode: 'text' },
    });
    await admin.revokeDevice(id);
    expect((await admin.devices()).devices.find((d) => d.id === id)).toBeUndefined();
  });

  it('the centre: notice and thresholds, read back; every change is in the audit log', async () => {
    await admin.updateCentre({
      notice: 'Nghỉ lễ 30/4',
      thresholds: { targetWaitMinutes: 10, alertWaitMinutes: 12 },
    });
    const centre = await admin.centre();
    expect(centre.notice).toBe('Nghỉ lễ 30/4');
    expect(centre.thresholds).toMatchObject({ targetWaitMinutes: 10, alertWaitMinutes: 12 });
    const entries = await admin.audit(50);
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'service.created',
        'counter.created',
        'user.password_reset',
        'device.revoked',
        'centre.updated',
      ]),
    );
    const older = await admin.audit(2, entries[1]!.id);
    expect(older[0]?.id).toBe(entries[2]?.id);
  });
});
