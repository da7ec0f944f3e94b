// GET /api/v1/centre: identity, contact and opening hours, with openNow by the hub clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, type ManualClock, manualClock } from './api-helpers.ts';
import { startTestHub, type TestHub } from './harness.ts';

describe('GET /api/v1/centre', () => {
  let t: TestHub;
  let clock: ManualClock;
  let kiosk: string;
  // Monday 2026-03-02, 06:59 in Vietnam (UTC+7).
  beforeAll(async () => {
    clock = manualClock('2026-03-01T23:59:00.000Z');
    t = await startTestHub({ now: clock.now });
    kiosk = await t.pairDevice('kiosk');
  });
  afterAll(() => t.close());

  const centre = async (token: string) => expectOk(await t.api('GET', '/api/v1/centre', { token })).centre;

  it('answers any token with the seeded centre and its hours', async () => {
    const tokens = [
      await t.login(),
      (await t.user('centre-director', 'director')).token,
      (await t.user('centre-officer', 'officer')).token,
      kiosk,
      await t.pairDevice('counter'),
      await t.pairDevice('display'),
    ];
    const first = await centre(tokens[0]!);
    expect(first).toEqual({
      code: 'DEMO-NINHKIEU',
      name: expect.stringContaining('Ninh Kiều'),
      nameEn: expect.stringContaining('Ninh Kieu'),
      timeZone: 'Asia/Ho_Chi_Minh',
      address: expect.any(String),
      hotline: expect.any(String),
      openingHours: [
        { days: [1, 2, 3, 4, 5], open: '07:00', close: '11:30' },
        { days: [1, 2, 3, 4, 5], open: '13:00', close: '17:00' },
        { days: [6], open: '07:30', close: '11:30' },
      ],
      openNow: false,
      notice: expect.stringContaining('dichvucong.gov.vn'),
      thresholds: {
        targetWaitMinutes: 15,
        alertWaitMinutes: 20,
        idleAlertMinutes: 5,
        deviceSilentMinutes: 10,
      },
    });
    for (const token of tokens.slice(1)) expect(await centre(token)).toEqual(first);
  });

  it('needs a token', async () => {
    expectError(await t.api('GET', '/api/v1/centre'), 401, 'unauthorized');
  });

  it('computes openNow with the hub clock in the centre’s zone', async () => {
    const at = async (localIso: string) => {
      clock.advance(Date.parse(`${localIso}+07:00`) - clock.now());
      return (await centre(kiosk)).openNow;
    };
    expect(await at('2026-03-02T06:59:59')).toBe(false);
    expect(await at('2026-03-02T07:00:00')).toBe(true);
    expect(await at('2026-03-02T11:29:59')).toBe(true);
    expect(await at('2026-03-02T11:30:00')).toBe(false); // lunch break
    expect(await at('2026-03-02T13:00:00')).toBe(true);
    expect(await at('2026-03-07T10:00:00')).toBe(true); // Saturday morning
    expect(await at('2026-03-07T14:00:00')).toBe(false);
    expect(await at('2026-03-08T09:00:00')).toBe(false); // Sunday
  });

  it('is always open when no hours are configured, or they are unreadable', async () => {
    const { store } = t.running.hub;
    const setHours = (raw: string) => {
      store.db.prepare('UPDATE centre SET opening_hours = ? WHERE id = 1').run(raw);
      store.invalidateCatalog();
    };
    clock.advance(Date.parse('2026-03-08T03:00:00+07:00') - clock.now());
    setHours('[]');
    expect(await centre(kiosk)).toMatchObject({ openingHours: [], openNow: true });
    setHours('not json');
    expect(await centre(kiosk)).toMatchObject({ openingHours: [], openNow: true });
  });
});
