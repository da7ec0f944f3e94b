// Administration of the catalogue against a real hub: fields, procedures and counters — happy
// paths, 400 naming the field, 403, 404, 409, audit rows in the same transaction, and
// `catalog:changed` reaching every socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, everyRole, onlyFor, snapshotRows, type Tokens } from './admin-helpers.ts';
import { act, expectError, expectOk, issue, officerAt, recorder } from './api-helpers.ts';
import { connected, startTestHub, type TestHub } from './harness.ts';

describe('administration: fields and procedures', () => {
  let t: TestHub;
  let tok: Tokens;
  beforeAll(async () => {
    t = await startTestHub();
    tok = await everyRole(t, 'cat');
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, token = tok.admin) => t.api('POST', path, { token, body });
  const put = (path: string, body: unknown, token = tok.admin) => t.api('PUT', path, { token, body });

  it('lists every field with every procedure, inactive ones too, for admins only', async () => {
    const { services } = expectOk(await t.api('GET', '/api/v1/admin/services', { token: tok.admin }));
    expect(services).toHaveLength(10);
    expect(services[0]).toMatchObject({
      id: 'hotich',
      code: 'HOTICH',
      prefix: '',
      start: 1001,
      end: 2000,
      active: true,
      sortOrder: 0,
      meanServiceMinutes: expect.any(Number),
    });
    expect(services[0].procedures[0]).toEqual({
      id: 'hotich-1',
      code: null,
      name: 'Đăng ký khai sinh',
      nameEn: 'Birth registration',
      active: true,
      sortOrder: 0,
    });
    await onlyFor(
      t,
      [tok.director, tok.officer, tok.kiosk, tok.display, tok.counter],
      'GET',
      '/api/v1/admin/services',
    );
  });

  it('creates a field: 201, audited, announced to every socket, and issuing at once', async () => {
    const sockets = [tok.kiosk, tok.display, tok.officer, tok.director].map((token) => t.socket(token));
    await Promise.all(sockets.map(connected));
    const changes = sockets.map((s) => recorder(s, 'catalog:changed'));

    const res = await post('/api/v1/services', {
      code: ' thue ',
      name: 'Thuế',
      nameEn: 'Taxes',
      prefix: 't',
      start: 1,
      end: 999,
      icon: 'tax',
    });
    const { service } = expectOk(res, 201);
    expect(service).toMatchObject({
      id: 'thue',
      code: 'THUE',
      name: 'Thuế',
      prefix: 'T',
      start: 1,
      end: 999,
      active: true,
      sortOrder: 10,
      meanServiceMinutes: 10,
      procedures: [],
    });
    for (const c of changes) expect(await c.next()).toEqual({ what: 'services', at: expect.any(String) });

    const listed = expectOk(await t.api('GET', '/api/v1/services', { token: tok.kiosk })).services;
    expect(listed.map((s: any) => s.id)).toContain('thue');
    const ticket = await issue(t, tok.kiosk, { serviceId: 'thue' });
    expect(ticket.displayNumber).toBe('T001');

    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      userId: expect.any(String),
      username: 'admin',
      action: 'service.created',
      target: 'thue',
      before: null,
      after: { id: 'thue', code: 'THUE', prefix: 'T', start: 1, end: 999, active: true },
    });
  });

  it('refuses bad fields with 400 naming the field, and changes nothing', async () => {
    const before = snapshotRows(t);
    const valid = { code: 'MOI', name: 'Mới', prefix: 'M', start: 1, end: 99 };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...valid, code: undefined }, /^code: required/],
      [{ ...valid, code: 'hộ tịch' }, /^code: letters A–Z/],
      [{ ...valid, name: '  ' }, /^name: required/],
      [{ ...valid, prefix: 'ABCD' }, /^prefix: up to 3 letters/],
      [{ ...valid, prefix: 'A1' }, /^prefix: up to 3 letters/],
      [{ ...valid, start: -1 }, /^start: from 0/],
      [{ ...valid, start: 1.5 }, /^start: a whole number/],
      [{ ...valid, start: '1' }, /^start: a whole number/],
      [{ ...valid, start: 50, end: 10 }, /^end: must be at least start/],
      [{ ...valid, icon: '<svg>' }, /^icon:/],
      [{ ...valid, meanServiceMinutes: 0 }, /^meanServiceMinutes:/],
      [{ ...valid, colour: 'red' }, /unknown field\(s\) colour/],
    ];
    for (const [body, message] of cases)
      expectError(await post('/api/v1/services', body), 400, 'validation_failed', message);
    expectError(
      await put('/api/v1/services/hotich', { start: 3000 }),
      400,
      'validation_failed',
      /^end: must be at least start/,
    );
    expectError(
      await put('/api/v1/services/hotich', {}),
      400,
      'validation_failed',
      /^body: nothing to change/,
    );
    expectError(await put('/api/v1/services/hotich', { active: 'no' }), 400, 'validation_failed', /^active:/);
    expect(snapshotRows(t)).toEqual(before);
  });

  it('409 for a taken code or numbers overlapping another field of the same prefix', async () => {
    const before = snapshotRows(t);
    const field = { name: 'Khác', prefix: '', start: 1500, end: 1600 };
    expectError(
      await post('/api/v1/services', { ...field, code: 'hotich', start: 90000, end: 90010 }),
      409,
      'conflict',
      /^code: HOTICH/,
    );
    expectError(
      await post('/api/v1/services', { ...field, code: 'KHAC' }),
      409,
      'conflict',
      /overlap field HOTICH/,
    );
    expectError(
      await post('/api/v1/services', { ...field, code: 'KHAC', prefix: 'T', start: 999, end: 1200 }),
      409,
      'conflict',
      /overlap field THUE/,
    );
    expectError(await put('/api/v1/services/chungthuc', { code: 'DATDAI' }), 409, 'conflict', /^code:/);
    expectError(
      await put('/api/v1/services/chungthuc', { start: 1900 }),
      409,
      'conflict',
      /overlap field HOTICH/,
    );
    expect(snapshotRows(t)).toEqual(before);
    // Another prefix, the same numbers: no clash.
    expectOk(await post('/api/v1/services', { ...field, code: 'KHAC', prefix: 'K' }), 201);
  });

  it('deactivates a field in use: no new tickets, its waiting ticket is still served', async () => {
    const officer = await officerAt(t, 'cat-c7', 'c7');
    const waiting = await issue(t, tok.kiosk, { serviceId: 'traketqua' });
    const { service } = expectOk(
      await put('/api/v1/services/traketqua', { active: false, name: 'Trả kết quả (cũ)' }),
    );
    expect(service).toMatchObject({ active: false, name: 'Trả kết quả (cũ)' });
    const kioskView = expectOk(await t.api('GET', '/api/v1/services', { token: tok.kiosk })).services;
    expect(kioskView.find((s: any) => s.id === 'traketqua')).toMatchObject({ active: false });
    expectError(
      await t.api('POST', '/api/v1/tickets', { token: tok.kiosk, body: { serviceId: 'traketqua' } }),
      409,
      'conflict',
    );
    const called = expectOk(await act(t, officer.token, 'counters/c7/call-next'));
    expect(called.ticket.id).toBe(waiting.id);
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'service.updated',
      target: 'traketqua',
      before: { active: true, name: 'Nhận kết quả' },
      after: { active: false, name: 'Trả kết quả (cũ)' },
    });
    // Back in service.
    expectOk(await put('/api/v1/services/traketqua', { active: true }));
    await issue(t, tok.kiosk, { serviceId: 'traketqua' });
  });

  it('never gives out a number twice a day, even when fields are renumbered', async () => {
    const hotich = await issue(t, tok.kiosk, { serviceId: 'hotich' });
    expect(hotich.displayNumber).toBe('1001');
    expectOk(await put('/api/v1/services/hotich', { start: 20001, end: 20999 }));
    // HOTICH's old range is free of fields, but 1001 was printed today.
    const res = await post('/api/v1/services', {
      code: 'MOI',
      name: 'Mới',
      prefix: '',
      start: 1001,
      end: 1100,
    });
    expectError(res, 409, 'conflict', /number 1001 was already given out today/);
    expectOk(
      await post('/api/v1/services', { code: 'MOI', name: 'Mới', prefix: '', start: 1002, end: 1100 }),
      201,
    );
    // HOTICH itself goes on after its own last number, in its new range.
    expect((await issue(t, tok.kiosk, { serviceId: 'hotich' })).displayNumber).toBe('20001');
  });

  it('404 for an unknown field', async () => {
    expectError(await put('/api/v1/services/nope', { name: 'x' }), 404, 'not_found', /no field nope/);
    expectError(await post('/api/v1/services/nope/procedures', { name: 'x' }), 404, 'not_found');
  });

  it('adds and edits procedures; an inactive one leaves the kiosk list but not the admin list', async () => {
    const created = expectOk(
      await post('/api/v1/services/thue/procedures', {
        name: 'Khai thuế',
        nameEn: 'Tax return',
        code: '1.000001',
      }),
      201,
    );
    expect(created).toEqual({
      serviceId: 'thue',
      procedure: {
        id: expect.any(String),
        code: '1.000001',
        name: 'Khai thuế',
        nameEn: 'Tax return',
        active: true,
        sortOrder: 0,
      },
    });
    const id = created.procedure.id;
    const procsOf = async (token: string, path: string) =>
      expectOk(await t.api('GET', path, { token })).services.find((s: any) => s.id === 'thue').procedures;
    expect((await procsOf(tok.kiosk, '/api/v1/services')).map((p: any) => p.id)).toEqual([id]);
    await issue(t, tok.kiosk, { serviceId: 'thue', procedureId: id });

    const updated = expectOk(await put(`/api/v1/procedures/${id}`, { active: false, code: '' }));
    expect(updated.procedure).toMatchObject({ active: false, code: null });
    expect(await procsOf(tok.kiosk, '/api/v1/services')).toEqual([]);
    expect((await procsOf(tok.admin, '/api/v1/admin/services')).map((p: any) => p.id)).toEqual([id]);
    expectError(
      await t.api('POST', '/api/v1/tickets', {
        token: tok.kiosk,
        body: { serviceId: 'thue', procedureId: id },
      }),
      400,
      'validation_failed',
    );

    const entries = await auditEntries(t, tok.admin, 2);
    expect(entries.map((e) => e.action)).toEqual(['procedure.updated', 'procedure.created']);
    expect(entries[0]).toMatchObject({
      target: id,
      before: { active: true, code: '1.000001' },
      after: { active: false, code: null },
    });

    expectError(
      await post('/api/v1/services/thue/procedures', { nameEn: 'x' }),
      400,
      'validation_failed',
      /^name: required/,
    );
    expectError(await put('/api/v1/procedures/nope', { name: 'x' }), 404, 'not_found', /no procedure nope/);
    expectError(
      await put(`/api/v1/procedures/${id}`, { serviceId: 'hotich' }),
      400,
      'validation_failed',
      /unknown field/,
    );
  });

  it('refuses every other role (403) and anonymous callers (401), changing nothing', async () => {
    const before = snapshotRows(t);
    const others = [tok.director, tok.officer, tok.kiosk, tok.display, tok.counter];
    await onlyFor(t, others, 'POST', '/api/v1/services', { code: 'X', name: 'X', start: 90000, end: 90001 });
    await onlyFor(t, others, 'PUT', '/api/v1/services/hotich', { name: 'X' });
    await onlyFor(t, others, 'POST', '/api/v1/services/hotich/procedures', { name: 'X' });
    await onlyFor(t, others, 'PUT', '/api/v1/procedures/hotich-1', { name: 'X' });
    expect(snapshotRows(t)).toEqual(before);
  });
});

describe('administration: counters', () => {
  let t: TestHub;
  let tok: Tokens;
  beforeAll(async () => {
    t = await startTestHub();
    tok = await everyRole(t, 'ctr');
  });
  afterAll(() => t.close());

  const post = (body: unknown) => t.api('POST', '/api/v1/counters', { token: tok.admin, body });
  const put = (id: string, body: unknown) =>
    t.api('PUT', `/api/v1/counters/${id}`, { token: tok.admin, body });

  it('creates a counter with its fields in order and its device addresses', async () => {
    const socket = t.socket(tok.kiosk);
    await connected(socket);
    const changes = recorder(socket, 'catalog:changed');
    const { counter } = expectOk(
      await post({
        number: 8,
        name: 'Quầy 8',
        zone: 'tang-2',
        serviceIds: ['cutru', 'hotich'],
        callPolicy: 'strict',
        deviceAddresses: { sign: 8, keypad: 8 },
      }),
      201,
    );
    expect(counter).toEqual({
      id: 'c8',
      number: 8,
      name: 'Quầy 8',
      zone: 'tang-2',
      serviceIds: ['cutru', 'hotich'],
      callPolicy: 'strict',
      state: 'closed',
      pauseReason: null,
      officer: null,
      currentTicket: null,
      active: true,
      deviceAddresses: { sign: 8, keypad: 8, pad: null },
    });
    expect(await changes.next()).toMatchObject({ what: 'counters' });
    const listed = expectOk(await t.api('GET', '/api/v1/counters', { token: tok.kiosk })).counters;
    expect(listed.find((c: any) => c.id === 'c8')).toMatchObject({ serviceIds: ['cutru', 'hotich'] });
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'counter.created',
      target: 'c8',
      before: null,
      after: {
        number: 8,
        serviceIds: ['cutru', 'hotich'],
        deviceAddresses: { sign: 8, keypad: 8, pad: null },
      },
    });
    const all = expectOk(await t.api('GET', '/api/v1/admin/counters', { token: tok.admin })).counters;
    expect(all.map((c: any) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses bad counters with 400 naming the field, and changes nothing', async () => {
    const before = snapshotRows(t);
    const valid = { number: 9, name: 'Quầy 9', serviceIds: ['hotich'] };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...valid, number: 0 }, /^number: from 1 to 999/],
      [{ ...valid, number: undefined }, /^number: /],
      [{ ...valid, name: '' }, /^name: required/],
      [{ ...valid, serviceIds: [] }, /^serviceIds: choose at least one field/],
      [{ ...valid, serviceIds: ['hotich', 'hotich'] }, /^serviceIds: a field is listed twice/],
      [{ ...valid, serviceIds: ['hotich', 'nope'] }, /^serviceIds\.1: no field nope/],
      [{ ...valid, callPolicy: 'random' }, /^callPolicy:/],
      [{ ...valid, deviceAddresses: { sign: 248 } }, /^deviceAddresses\.sign: an address from 1 to 247/],
      [{ ...valid, deviceAddresses: { sign: 0 } }, /^deviceAddresses\.sign: an address from 1 to 247/],
      [{ ...valid, deviceAddresses: { led: 3 } }, /^deviceAddresses: unknown field\(s\) led/],
    ];
    for (const [body, message] of cases) expectError(await post(body), 400, 'validation_failed', message);
    expectError(
      await put('c1', { serviceIds: ['nope'] }),
      400,
      'validation_failed',
      /^serviceIds\.0: no field nope/,
    );
    expectError(await put('c1', {}), 400, 'validation_failed', /^body: nothing to change/);
    expect(snapshotRows(t)).toEqual(before);
  });

  it('409 for a counter number or a device address already in use', async () => {
    const before = snapshotRows(t);
    expectError(
      await post({ number: 1, name: 'Hai', serviceIds: ['hotich'] }),
      409,
      'conflict',
      /^number: counter 1 already exists/,
    );
    expectError(
      await post({ number: 9, name: 'Quầy 9', serviceIds: ['hotich'], deviceAddresses: { keypad: 8 } }),
      409,
      'conflict',
      /^deviceAddresses\.keypad: address 8 is already used by the keypad of counter 8/,
    );
    expectError(await put('c2', { number: 8 }), 409, 'conflict', /^number:/);
    expect(snapshotRows(t)).toEqual(before);
    // A pad may share the sign's address: different device kinds.
    const { counter } = expectOk(await put('c2', { deviceAddresses: { pad: 8 } }));
    expect(counter.deviceAddresses).toEqual({ sign: null, keypad: null, pad: 8 });
    expect(
      expectOk(await put('c2', { deviceAddresses: { pad: null } })).counter.deviceAddresses.pad,
    ).toBeNull();
  });

  it('an open counter takes new fields at once but keeps its number and stays active', async () => {
    const officer = await officerAt(t, 'ctr-c8', 'c8');
    expectError(await put('c8', { number: 18 }), 409, 'conflict', /^number: counter 8 is open/);
    expectError(await put('c8', { active: false }), 409, 'conflict', /^active: counter 8 is open/);
    const datdai = await issue(t, tok.kiosk, { serviceId: 'datdai' });
    expect(expectOk(await act(t, officer.token, 'counters/c8/call-next')).ticket).toBeNull();
    expectOk(await put('c8', { serviceIds: ['datdai'], name: 'Quầy 8 — đất đai' }));
    expect(expectOk(await act(t, officer.token, 'counters/c8/call-next')).ticket.id).toBe(datdai.id);
    expectOk(await act(t, officer.token, `tickets/${datdai.id}/no-show`));
    expectOk(await act(t, officer.token, 'counters/c8/sign-out'));

    const { counter } = expectOk(await put('c8', { active: false, number: 18 }));
    expect(counter).toMatchObject({ id: 'c8', number: 18, active: false });
    const listed = expectOk(await t.api('GET', '/api/v1/counters', { token: tok.kiosk })).counters;
    expect(listed.map((c: any) => c.id)).not.toContain('c8');
    expectError(await act(t, officer.token, 'counters/c8/sign-in'), 404, 'not_found');
    const [entry] = await auditEntries(t, tok.admin);
    expect(entry).toMatchObject({
      action: 'counter.updated',
      before: { number: 8, active: true },
      after: { number: 18, active: false },
    });
  });

  it('404 for an unknown counter; every other role 403', async () => {
    expectError(await put('nope', { name: 'x' }), 404, 'not_found', /no counter nope/);
    const before = snapshotRows(t);
    const others = [tok.director, tok.officer, tok.kiosk, tok.display, tok.counter];
    await onlyFor(t, others, 'POST', '/api/v1/counters', { number: 30, name: 'X', serviceIds: ['hotich'] });
    await onlyFor(t, others, 'PUT', '/api/v1/counters/c1', { name: 'X' });
    await onlyFor(t, others, 'GET', '/api/v1/admin/counters');
    expect(snapshotRows(t)).toEqual(before);
  });
});
