// The director's overview and the city (issue 14): a real hub joined to a real city (PGlite) says
// when the centre last synchronised; with the city away, it says since when reports have not
// gone up and why, in Vietnamese, as an alert. Saved to e2e/screenshots/admin-city-*.png.

import { join } from 'node:path';
import { adminToken, json, startTestCity } from '@luot/city/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId, type E2E, SCREENSHOT_DIR, startE2E, textOf, visible, waitForText } from './harness.ts';

type City = Awaited<ReturnType<typeof startTestCity>>;

let e2e: E2E;
let city: City;
let kiosk: string;
let setupError: unknown = null;

async function signIn(page: Page, username: string): Promise<void> {
  await visible(page, 'login-username');
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(`${username}-password`);
  await byTestId(page, 'login-submit').click();
}

beforeAll(async () => {
  try {
    e2e = await startE2E();
    city = await startTestCity();
    const token = await adminToken(city.url);
    const made = await json<{ enrolmentCode: string }>(
      city.url,
      'POST',
      '/api/city/v1/centres',
      { code: 'NK', name: 'Phường Ninh Kiều' },
      token,
    );
    const admin = await e2e.hub.login();
    const joined = await e2e.api('POST', '/api/v1/city/join', {
      token: admin,
      body: { cityUrl: city.url, enrolmentCode: made.body.enrolmentCode },
    });
    if (joined.status !== 200) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`);
    await e2e.hub.user('giamdoc-city', 'director');
    kiosk = await e2e.hub.pairDevice('kiosk');
  } catch (error) {
    setupError = error;
  }
}, 240_000);

afterAll(async () => {
  await e2e?.close();
  await city?.stop();
});

const issue = async () => {
  const res = await e2e.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich' } });
  expect(res.status).toBe(201);
};

describe('the overview and the city', () => {
  it('the public page shows the centre’s queue on a phone, without signing in', async () => {
    if (setupError) throw setupError;
    const officer = await e2e.hub.user('canbo-city', 'officer');
    expect(
      (await e2e.api('POST', '/api/v1/counters/c1/sign-in', { token: officer.token, body: {} })).status,
    ).toBe(200);
    await issue();
    await issue();
    const context = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
    });
    try {
      const page = await context.newPage();
      // The hub's report (with its live snapshot) is in once the city acknowledged its whole log.
      const admin = await e2e.hub.login();
      const last = e2e.hub.running.hub.store.data.city.lastSeq();
      for (let i = 0; ; i += 1) {
        const state = await e2e.api('GET', '/api/v1/city', { token: admin });
        if (state.body.city.ackedSeq >= last) break;
        if (i > 400) throw new Error('the hub did not report to the city');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await page.goto(`${city.url}/`);
      const text = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
      expect(text).toMatch(
        /Phường Ninh Kiều Chờ lâu nhất: (dưới 1 phút|\d+ phút) Đang chờ: 2 người Quầy đang mở: 1/,
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'city-public-phone.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('says when the centre last synchronised, then since when and why it has not', async () => {
    if (setupError) throw setupError;
    const view = await e2e.open('landscape', '/admin/');
    await signIn(view.page, 'giamdoc-city');
    await visible(view.page, 'overview');
    await issue();
    await waitForText(view.page, 'city-sync', /^Đã đồng bộ với thành phố lúc \d\d:\d\d$/);
    expect(await byTestId(view.page, 'city-sync').getAttribute('role')).toBe('status');
    await view.shot('admin-city-synced');

    await city.stop();
    await issue();
    const admin = await e2e.hub.login();
    const failing = await e2e.api('POST', '/api/v1/city/sync', { token: admin });
    expect(failing.body.city.lastError).toMatch(/did not answer/);
    await issue(); // the overview fetches again on the change
    await waitForText(
      view.page,
      'city-sync',
      /^Chưa gửi được báo cáo lên thành phố \(lần gửi được gần nhất: \d\d:\d\d, vừa xong\)\. Lý do: /,
    );
    const line = byTestId(view.page, 'city-sync');
    expect(await line.getAttribute('role')).toBe('alert');
    expect(await textOf(view.page, 'city-sync')).toContain('máy chủ thành phố không trả lời (ECONNREFUSED)');
    await view.shot('admin-city-failing');
  });
});
