// GET /api/v1/me/today: the signed-in officer's own figures (served, average service, no-shows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  expectError,
  expectOk,
  issue,
  type ManualClock,
  manualClock,
  officerAt,
} from './api-helpers.ts';
import { connected, startTestHub, type TestHub } from './harness.ts';

// 09:00 on Monday 10 March 2025 in Vietnam (UTC+7).
const START = '2025-03-10T02:00:00.000Z';

describe('GET /api/v1/me/today', () => {
  let t: TestHub;
  let clock: ManualClock;
  let kiosk: string;
  let a: { token: string; id: string };
  let b: { token: string; id: string };

  beforeAll(async () => {
    clock = manualClock(START);
    t = await startTestHub({ now: clock.now });
    kiosk = await t.pairDevice('kiosk');
    a = await officerAt(t, 'me-c2', 'c2'); // hotich
    b = await officerAt(t, 'me-c4', 'c4'); // datdai, xaydung
  });
  afterAll(async () => {
    await t?.close();
  });

  const today = async (token: string) => expectOk(await t.api('GET', '/api/v1/me/today', { token }));

  it('is all zero before the first ticket', async () => {
    expect(await today(a.token)).toEqual({ served: 0, avgServiceSeconds: null, noShow: 0 });
  });

  it('counts only this officer’s tickets of today, with exact figures', async () => {
    clock.at(0);
    const t1 = await issue(t, kiosk, { serviceId: 'hotich' });
    const t2 = await issue(t, kiosk, { serviceId: 'hotich' });
    const t3 = await issue(t, kiosk, { serviceId: 'hotich' });
    const t4 = await issue(t, kiosk, { serviceId: 'datdai' });
    const t5 = await issue(t, kiosk, { serviceId: 'hotich' });

    // A: t1 started at 60 s, finished at 160 s (100 s of service).
    clock.at(30);
    expect(expectOk(await act(t, a.token, 'counters/c2/call-next')).ticket.id).toBe(t1.id);
    clock.at(60);
    expectOk(await act(t, a.token, `tickets/${t1.id}/start`));
    clock.at(160);
    expectOk(await act(t, a.token, `tickets/${t1.id}/finish`, { procedureIds: ['hotich-1'] }));
    // A: t2 is a no-show.
    clock.at(200);
    expect(expectOk(await act(t, a.token, 'counters/c2/call-next')).ticket.id).toBe(t2.id);
    clock.at(230);
    expectOk(await act(t, a.token, `tickets/${t2.id}/no-show`));
    // A: t3 finished straight from the call: service counts from the call (300 → 550: 250 s).
    clock.at(300);
    expect(expectOk(await act(t, a.token, 'counters/c2/call-next')).ticket.id).toBe(t3.id);
    clock.at(550);
    expectOk(await act(t, a.token, `tickets/${t3.id}/finish`, { procedureIds: ['hotich-1', 'hotich-2'] }));
    // B: t4 served 40 s; not A's.
    clock.at(600);
    expect(expectOk(await act(t, b.token, 'counters/c4/call-next')).ticket.id).toBe(t4.id);
    expectOk(await act(t, b.token, `tickets/${t4.id}/start`));
    clock.at(640);
    expectOk(await act(t, b.token, `tickets/${t4.id}/finish`, { procedureIds: ['datdai-1'] }));
    // A: t5 is being served (not counted yet).
    clock.at(700);
    expect(expectOk(await act(t, a.token, 'counters/c2/call-next')).ticket.id).toBe(t5.id);
    expectOk(await act(t, a.token, `tickets/${t5.id}/start`));

    expect(await today(a.token)).toEqual({ served: 2, avgServiceSeconds: 175, noShow: 1 });
    expect(await today(b.token)).toEqual({ served: 1, avgServiceSeconds: 40, noShow: 0 });
  });

  it('is for signed-in staff: devices, directors and anonymous callers are refused', async () => {
    expectError(await t.api('GET', '/api/v1/me/today'), 401, 'unauthorized');
    expectError(await t.api('GET', '/api/v1/me/today', { token: kiosk }), 403, 'forbidden');
    const director = (await t.user('me-director', 'director')).token;
    expectError(await t.api('GET', '/api/v1/me/today', { token: director }), 403, 'forbidden');
    const admin = await t.login();
    expect(await today(admin)).toEqual({ served: 0, avgServiceSeconds: null, noShow: 0 });
  });

  it('answers over the socket command too', async () => {
    const socket = t.socket(a.token);
    try {
      await connected(socket);
      const ack = await socket.timeout(5000).emitWithAck('command', { name: 'me:today' });
      expect(ack).toEqual({ ok: true, data: { served: 2, avgServiceSeconds: 175, noShow: 1 } });
    } finally {
      socket.close();
    }
  });
  it('starts again from zero the next service day', async () => {
    clock.at(24 * 3600);
    // A day later the token has expired: sign in again.
    const login = await t.api('POST', '/api/v1/auth/login', {
      body: { username: 'me-c2', password: 'me-c2-password' },
    });
    expect(await today(expectOk(login).token)).toEqual({ served: 0, avgServiceSeconds: null, noShow: 0 });
  });
});
