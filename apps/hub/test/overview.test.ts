// GET /api/v1/overview against a real hub on a hand-moved clock: waiting per field, idle
// counters, every kind of alert with its thresholds, and today against the same weekday a week
// ago up to the same time of day.
import { Overview } from '@luot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../src/printing/kiosk-devices.ts';
import { act, expectError, expectOk, issue, manualClock } from './api-helpers.ts';
import { connected, startTestHub, type TestHub } from './harness.ts';

/** Local time in Vietnam (UTC+7) as epoch ms. */
const local = (isoLocal: string) => Date.parse(`${isoLocal}+07:00`);

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('GET /api/v1/overview', () => {
  const clock = manualClock('2026-02-23T00:30:00.000Z'); // Monday 23 Feb, 07:30 in Vietnam
  const at = (isoLocal: string) => clock.advance(local(isoLocal) - clock.now());
  let t: TestHub;
  let kiosk: string;
  let kioskId: string;
  let director: string;
  let admin: string;
  let displayId: string;
  let officerB: string;
  let issuedToday: any[];

  const overview = async (token = director) => {
    const body = expectOk(await t.api('GET', '/api/v1/overview', { token }));
    return Overview.parse(body);
  };
  const alertsOf = async (kind: string) => (await overview()).alerts.filter((a) => a.kind === kind);

  beforeAll(async () => {
    t = await startTestHub({ now: clock.now });
    kiosk = await t.pairDevice('kiosk');
    kioskId = expectOk(await t.api('GET', '/api/v1/me', { token: kiosk })).device.id;
    // Users for this Monday are made now: the harness's own admin token lasts 12 hours.
    for (const name of ['ov-b', 'ov-c', 'ov-officer']) await t.user(name, 'officer');
    await t.user('ov-director', 'director');
    // Last Monday: A served after 10 minutes, B a no-show after 20, C served after 58 (from 08:30),
    // D issued at 09:00.
    const a = await t.user('ov-a', 'officer');
    expectOk(await act(t, a.token, 'counters/c1/sign-in'));
    const A = await issue(t, kiosk, { serviceId: 'hotich' });
    at('2026-02-23T07:31');
    const B = await issue(t, kiosk, { serviceId: 'hotich' });
    at('2026-02-23T07:32');
    await issue(t, kiosk, { serviceId: 'hotich' });
    at('2026-02-23T07:40');
    expect(expectOk(await act(t, a.token, 'counters/c1/call-next')).ticket.id).toBe(A.id);
    expectOk(await act(t, a.token, `tickets/${A.id}/start`));
    at('2026-02-23T07:50');
    expectOk(await act(t, a.token, `tickets/${A.id}/finish`, { procedureIds: ['hotich-1'] }));
    at('2026-02-23T07:51');
    expect(expectOk(await act(t, a.token, 'counters/c1/call-next')).ticket.id).toBe(B.id);
    at('2026-02-23T07:55');
    expectOk(await act(t, a.token, `tickets/${B.id}/no-show`));
    at('2026-02-23T08:30');
    const C = expectOk(await act(t, a.token, 'counters/c1/call-next')).ticket;
    expectOk(await act(t, a.token, `tickets/${C.id}/start`));
    at('2026-02-23T08:40');
    expectOk(await act(t, a.token, `tickets/${C.id}/finish`, { procedureIds: ['hotich-2'] }));
    at('2026-02-23T09:00');
    await issue(t, kiosk, { serviceId: 'hotich' });
    expectOk(await act(t, a.token, 'counters/c1/sign-out'));

    // This Monday, 07:55: an officer at counter 2 (hộ tịch), counter 3 paused, a display paired.
    at('2026-03-02T07:55');
    admin = await t.login();
    const login = (name: string) => t.login(name, `${name}-password`);
    director = await login('ov-director');
    officerB = await login('ov-b');
    expectOk(await act(t, officerB, 'counters/c2/sign-in'));
    const officerC = await login('ov-c');
    expectOk(await act(t, officerC, 'counters/c3/sign-in'));
    expectOk(await act(t, officerC, 'counters/c3/pause', { reason: 'Họp giao ban' }));
    const code = expectOk(
      await t.api('POST', '/api/v1/devices/pairing-codes', {
        token: admin,
        body: { kind: 'display', name: 'display test', zone: 'sanh' },
      }),
      201,
    ).code;
    displayId = expectOk(await t.api('POST', '/api/v1/devices/pair', { body: { code } }), 201).device.id;
    await connected(t.socket(kiosk));
    at('2026-03-02T08:00');
    issuedToday = [
      await issue(t, kiosk, { serviceId: 'hotich' }),
      await issue(t, kiosk, { serviceId: 'hotich' }),
    ];
  });
  afterAll(() => t.close());

  it('shows waiting per field, counters, and no alert while all is well', async () => {
    const o = await overview();
    expect(o.serviceDay).toBe('2026-03-02');
    expect(o.thresholds).toEqual({
      targetWaitMinutes: 15,
      alertWaitMinutes: 20,
      idleAlertMinutes: 5,
      deviceSilentMinutes: 10,
    });
    expect(o.fields).toHaveLength(10);
    expect(o.fields[0]).toEqual({ serviceId: 'hotich', name: 'Hộ tịch', waiting: 2, longestWaitSeconds: 0 });
    expect(o.fields[1]).toMatchObject({ serviceId: 'chungthuc', waiting: 0, longestWaitSeconds: null });
    const byId = Object.fromEntries(o.counters.map((c) => [c.id, c]));
    expect(byId.c1).toMatchObject({ state: 'closed', idleSeconds: null });
    expect(byId.c2).toMatchObject({
      state: 'open',
      idleSeconds: 300,
      officer: { displayName: 'Cán bộ ov-b' },
    });
    expect(byId.c3).toMatchObject({ state: 'paused', pauseReason: 'Họp giao ban', idleSeconds: 300 });
    expect(o.alerts).toEqual([]);
  });

  it('compares today with the same weekday last week, counted up to the same time of day', async () => {
    const o = await overview();
    expect(o.today).toEqual({ issued: 2, served: 0, noShow: 0, waiting: 2, avgWaitSeconds: null });
    // At 08:00 last Monday: A, B, C issued (not D), A served, B missed; waits of 10 and 20 minutes.
    expect(o.lastWeek).toEqual({ date: '2026-02-23', issued: 3, served: 1, noShow: 1, avgWaitSeconds: 900 });
    at('2026-03-02T09:30');
    expect((await overview()).lastWeek).toEqual({
      date: '2026-02-23',
      issued: 4,
      served: 2,
      noShow: 1,
      avgWaitSeconds: (600 + 1200 + 3480) / 3,
    });
    at('2026-03-02T08:00');
  });

  it('alerts on idle and paused counters while people wait, and on a silent device', async () => {
    at('2026-03-02T08:05');
    expect((await overview()).alerts).toEqual([]);
    at('2026-03-02T08:06');
    const o = await overview();
    // Oldest first: the display has been silent since 07:55, the counters idle since 08:00.
    expect(o.alerts.map((a) => [a.kind, a.ref, a.severity])).toEqual([
      ['device_silent', displayId, 'warning'],
      ['counter_idle', 'c2', 'warning'],
      ['counter_paused', 'c3', 'warning'],
    ]);
    const [silent, idle, paused] = o.alerts;
    expect(idle).toMatchObject({
      message: 'Quầy 2 không gọi số 6 phút trong khi có 2 người chờ',
      messageEn: 'Counter 2 idle for 6 min while 2 people wait',
      at: new Date(local('2026-03-02T08:00')).toISOString(),
    });
    expect(paused!.message).toBe('Quầy 3 tạm dừng (Họp giao ban) 6 phút trong khi có 2 người chờ');
    expect(silent).toMatchObject({
      message: 'Màn hình “display test” mất kết nối 11 phút',
      at: new Date(local('2026-03-02T07:55')).toISOString(),
    });
  });

  it('alerts on long waits per field, critical at twice the threshold; critical alerts first', async () => {
    at('2026-03-02T08:20');
    expect(await alertsOf('long_wait')).toEqual([]);
    at('2026-03-02T08:21');
    const [wait] = await alertsOf('long_wait');
    expect(wait).toEqual({
      kind: 'long_wait',
      severity: 'warning',
      message: 'Hộ tịch: 2 người chờ quá 20 phút, lâu nhất 21 phút',
      messageEn: 'Civil status: 2 waiting over 20 min, longest 21 min',
      at: new Date(local('2026-03-02T08:00')).toISOString(),
      ref: 'hotich',
    });
    at('2026-03-02T08:41');
    const o = await overview();
    expect(o.alerts.filter((a) => a.kind === 'long_wait')[0]!.severity).toBe('critical');
    const severities = o.alerts.map((a) => a.severity);
    expect(severities).toEqual(
      [...severities].sort((x, y) => Number(y === 'critical') - Number(x === 'critical')),
    );
    expect(o.fields[0]).toMatchObject({ serviceId: 'hotich', waiting: 2, longestWaitSeconds: 41 * 60 });

    // Counter 2 calls: it is no longer idle, and one citizen is left waiting too long.
    expectOk(await act(t, officerB, 'counters/c2/call-next'));
    const after = await overview();
    expect(after.counters.find((c) => c.id === 'c2')).toMatchObject({ idleSeconds: null });
    expect(after.alerts.map((a) => a.kind)).not.toContain('counter_idle');
    expect(after.alerts.find((a) => a.kind === 'long_wait')!.message).toMatch(/^Hộ tịch: 1 người chờ/);
    expect(after.today).toMatchObject({ issued: 2, waiting: 1, avgWaitSeconds: 41 * 60 });
  });

  it('alerts on a kiosk printer out of paper', async () => {
    raiseAlert(
      t.running.hub.store,
      { deviceId: kioskId, kind: 'printer', code: 'paper_out', message: '' },
      clock.now(),
    );
    const [printer] = await alertsOf('printer');
    expect(printer).toEqual({
      kind: 'printer',
      severity: 'critical',
      message: 'Máy in của kiosk test: hết giấy',
      messageEn: 'Printer of kiosk test: out of paper',
      at: new Date(clock.now()).toISOString(),
      ref: kioskId,
    });
    // Critical first, the oldest of them first: the display silent since 07:55 leads, the printer
    // (just now) closes the critical ones.
    const order = (await overview()).alerts.map((a) => `${a.severity} ${a.kind}`);
    expect(order).toEqual([
      'critical device_silent',
      'critical long_wait',
      'critical counter_paused',
      'critical printer',
    ]);
  });

  it('follows the thresholds the admin sets', async () => {
    expectOk(
      await t.api('PUT', '/api/v1/centre', {
        token: admin,
        body: { thresholds: { alertWaitMinutes: 60, idleAlertMinutes: 60, deviceSilentMinutes: 60 } },
      }),
    );
    expect((await overview()).alerts.map((a) => a.kind)).toEqual(['printer']);
    expectOk(
      await t.api('PUT', '/api/v1/centre', {
        token: admin,
        body: { thresholds: { alertWaitMinutes: 20, idleAlertMinutes: 5, deviceSilentMinutes: 10 } },
      }),
    );
  });

  it('counts a device as seen while its socket is open, and from when it closes', async () => {
    expect((await alertsOf('device_silent')).map((a) => a.ref)).toEqual([displayId]);
    const socket = t.socket(kiosk);
    await connected(socket);
    at('2026-03-02T08:45');
    socket.close();
    // The kiosk's other socket (from beforeAll) still counts; close every one of them.
    for (const s of t.running.io.of('/').sockets.values())
      if (s.data.principal.kind === 'device' && s.data.principal.device.id === kioskId) s.disconnect(true);
    await until(() => !t.running.hub.connectedDevices.has(kioskId), 'the kiosk sockets to close');
    at('2026-03-02T08:55');
    expect((await alertsOf('device_silent')).map((a) => a.ref)).toEqual([displayId]);
    at('2026-03-02T08:56');
    const silent = await alertsOf('device_silent');
    expect(silent.map((a) => a.ref).sort()).toEqual([displayId, kioskId].sort());
    expect(silent.find((a) => a.ref === kioskId)!.at).toBe(new Date(local('2026-03-02T08:45')).toISOString());
    // Over lunch the centre is closed: devices may sleep.
    at('2026-03-02T12:00');
    expect(await alertsOf('device_silent')).toEqual([]);
  });

  it('is for directors and admins only', async () => {
    expectOk(await t.api('GET', '/api/v1/overview', { token: admin }));
    const officer = await t.login('ov-officer', 'ov-officer-password');
    for (const token of [officer, kiosk])
      expectError(await t.api('GET', '/api/v1/overview', { token }), 403, 'forbidden');
    expectError(await t.api('GET', '/api/v1/overview'), 401, 'unauthorized');
    expect(issuedToday).toHaveLength(2);
  });
});
