// The kiosk follows admin changes without a page reload, against a REAL hub: a new field appears
// in its queue store, a renamed centre reaches watchCentre, a deactivated field turns inactive.

import { startTestHub, type TestHub } from '@luot/hub/testing';
import type { Centre } from '@luot/shared';
import { createQueueStore, HubClient, type QueueStore } from '@luot/ui';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchCentre } from './centre.ts';

/** Resolves when the store's state satisfies `check` (checked on every change). */
function storeUntil(
  store: QueueStore,
  check: (s: ReturnType<QueueStore['getState']>) => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check(store.getState())) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error('the kiosk store did not change in time'));
    }, 5000);
    const off = store.subscribe((state) => {
      if (!check(state)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('the kiosk follows catalogue changes live', () => {
  let t: TestHub;
  let admin: string;
  let client: HubClient;
  let store: QueueStore;
  const centres: Centre[] = [];
  let waiters: (() => void)[] = [];
  let stop: () => void;

  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    client = new HubClient({ baseUrl: t.url, token: await t.pairDevice('kiosk') });
    store = createQueueStore(client);
    stop = watchCentre(client, (centre) => {
      centres.push(centre);
      for (const w of waiters) w();
      waiters = [];
    });
    client.connect();
    await storeUntil(store, (s) => s.synced && s.services.length === 10);
  });
  afterAll(async () => {
    stop();
    store.dispose();
    client.close();
    await t.close();
  });

  const nextCentre = () => new Promise<void>((resolve) => waiters.push(resolve));

  it('a new field appears, and a deactivated one turns inactive', async () => {
    const created = await t.api('POST', '/api/v1/services', {
      token: admin,
      body: { code: 'THUE', name: 'Thuế', nameEn: 'Taxes', prefix: 'T', start: 1, end: 999 },
    });
    expect(created.status).toBe(201);
    await storeUntil(store, (s) => s.services.some((f) => f.id === 'thue'));
    expect(store.getState().services.find((f) => f.id === 'thue')).toMatchObject({
      name: 'Thuế',
      prefix: 'T',
      active: true,
    });
    const off = await t.api('PUT', '/api/v1/services/thue', { token: admin, body: { active: false } });
    expect(off.status).toBe(200);
    await storeUntil(store, (s) => s.services.find((f) => f.id === 'thue')?.active === false);
  });

  it('a counter given another field is seen in the live queue', async () => {
    const res = await t.api('PUT', '/api/v1/counters/c2', {
      token: admin,
      body: { serviceIds: ['hotich', 'thue'] },
    });
    expect(res.status).toBe(200);
    await storeUntil(store, (s) => s.counters.c2?.serviceIds.join() === 'hotich,thue');
  });

  it('the centre’s new name and hours reach the kiosk', async () => {
    if (centres.length === 0) await nextCentre();
    expect(centres.at(-1)!.name).toMatch(/Ninh Kiều/);
    const changed = nextCentre();
    const hours = [{ days: [0, 1, 2, 3, 4, 5, 6], open: '06:00', close: '20:00' }];
    const res = await t.api('PUT', '/api/v1/centre', {
      token: admin,
      body: { name: 'Trung tâm phường Cái Khế', openingHours: hours },
    });
    expect(res.status).toBe(200);
    await changed;
    expect(centres.at(-1)).toMatchObject({ name: 'Trung tâm phường Cái Khế', openingHours: hours });
  });
});
