// Administration of the centre against a real hub: its name, contact, hours, notice and thresholds
// (and the refusals that change nothing), and the audit log with its paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, everyRole, onlyFor, snapshotRows, type Tokens } from './admin-helpers.ts';
import { expectError, expectOk, recorder } from './api-helpers.ts';
import { connected, startTestHub, type TestHub } from './harness.ts';

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
