// The wall display in Chromium against a real hub: pairing by code, calls from counters (officers
// through the REST API) shown and announced in order, recall, zones, the counter-top layout, the
// media area, night dimming, the sound-blocked button and a hub restart. Every layout is saved to
// e2e/screenshots/display-<layout>-<orientation>.png.
//
// The demo seed puts every counter in zone "main"; this test moves Quầy 6 and Quầy 7 to zone
// "tang2" directly in the hub's SQLite (before any display opens) to have a second zone.
import { describe, expect, it } from 'vitest';
import {
  announced,
  callNext,
  clippedElements,
  dimAroundNow,
  displayCode,
  e2e,
  issue,
  latestBox,
  officers,
  online,
  openDisplay,
  pages,
  poster,
  probe,
  setUpDisplayE2E,
  voiceIdle,
} from './display-kit.ts';
import { byTestId, type KioskPage, textOf, visible, waitForText } from './harness.ts';

// The tests below run in order against one hub and one set of pages: each builds on the calls
// and screens of the ones before it.
setUpDisplayE2E();

describe('wall display', () => {
  let hall: KioskPage;
  let upstairs: KioskPage;
  let first: any;
  let a: any;
  let b: any;

  it('pairs by code and shows only its zone’s counters and fields', async () => {
    hall = await e2e.open('landscape', '/display/');
    pages.push(hall);
    await visible(hall.page, 'pairing');
    await hall.shot('display-pairing');
    await byTestId(hall.page, 'pair-code').fill(await displayCode('Màn hình sảnh', 'main'));
    await byTestId(hall.page, 'pair-submit').click();
    await visible(hall.page, 'hall');
    await online(hall);
    await visible(hall.page, 'latest-none');
    expect(await textOf(hall.page, 'centre-name')).toContain('Ninh Kiều');
    for (const n of [1, 2, 3, 4, 5]) await visible(hall.page, `counter-${n}`);
    expect(await byTestId(hall.page, 'counter-1').getAttribute('data-state')).toBe('open');
    expect(await byTestId(hall.page, 'counter-3').getAttribute('data-state')).toBe('closed');
    expect(await hall.page.locator('[data-testid="counter-6"], [data-testid="counter-7"]').count()).toBe(0);
    await visible(hall.page, 'waiting-hotich');
    await visible(hall.page, 'waiting-datdai');
    expect(await hall.page.locator('[data-testid="waiting-cutru"]').count()).toBe(0);
    // The hub's notice scrolls across the bottom; an admin's new notice arrives without a reload.
    await visible(hall.page, 'notice');
    const notice = 'Thông báo mới: trung tâm nghỉ chiều thứ Sáu để bảo trì hệ thống.';
    const changed = await e2e.api('PUT', '/api/v1/centre', { token: e2e.adminToken, body: { notice } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await waitForText(hall.page, 'notice', /Thông báo mới: trung tâm nghỉ chiều thứ Sáu/);
  });

  it('a call from a counter appears at once and is announced', async () => {
    const ticket = await issue('hotich');
    await waitForText(hall.page, 'waiting-hotich-count', /^1$/);
    first = await callNext('c1');
    expect(first.id).toBe(ticket.id);
    await waitForText(hall.page, 'latest-number', first.displayNumber);
    expect(await textOf(hall.page, 'latest-counter')).toBe('Quầy 1');
    await waitForText(hall.page, 'counter-1-number', first.displayNumber);
    await waitForText(hall.page, 'waiting-hotich-count', /^0$/);
    const [spoken] = await announced(hall, 1);
    expect(spoken!.text).toBe(`Mời công dân có số thứ tự ${first.displayNumber} đến quầy số 1`);
    expect(spoken!.endedAt).toBeGreaterThan(spoken!.startedAt);
  });

  it('two quick calls are announced in order, never overlapping', async () => {
    await voiceIdle(hall);
    const before = (await probe(hall)).history.length;
    a = await issue('hotich');
    b = await issue('chungthuc');
    // Milliseconds apart: the second arrives while the first is being read out.
    a = await callNext('c2');
    b = await callNext('c1');
    await waitForText(hall.page, 'latest-number', b.displayNumber);
    const history = (await announced(hall, before + 2)).slice(before);
    expect(history.map((h) => h.text)).toEqual([
      `Mời công dân có số thứ tự ${a.displayNumber} đến quầy số 2`,
      `Mời công dân có số thứ tự ${b.displayNumber} đến quầy số 1`,
    ]);
    expect(history[1]!.startedAt).toBeGreaterThanOrEqual(history[0]!.endedAt);
    // The earlier calls are listed under the latest one, newest first.
    await waitForText(
      hall.page,
      'recent-calls',
      new RegExp(`^\\s*${a.displayNumber}\\s*Quầy 2\\s*${first.displayNumber}\\s*Quầy 1`),
    );
    await waitForText(hall.page, 'counter-2-number', a.displayNumber);
    const box = await latestBox(hall);
    // From 10 metres: the number is at least a quarter of the screen's height, and nothing is cut off.
    expect(box.height).toBeGreaterThanOrEqual(0.25 * box.viewportHeight);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(box.viewportWidth);
    expect(box.clipped).toBe(false);
    expect(await clippedElements(hall)).toEqual([]);
    await hall.shot('display-hall');
  });

  it('a recall is announced again and marked on screen', async () => {
    await voiceIdle(hall);
    const before = (await probe(hall)).history.length;
    const res = await e2e.api('POST', `/api/v1/tickets/${b.id}/recall`, { token: officers.c1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await visible(hall.page, 'latest-recall');
    await waitForText(hall.page, 'latest-number', b.displayNumber);
    const history = (await announced(hall, before + 1)).slice(before);
    expect(history.map((h) => h.text)).toEqual([
      `Gọi lại: mời công dân có số thứ tự ${b.displayNumber} đến quầy số 1`,
    ]);
  });

  it('a display of another zone shows and announces only its own counters', async () => {
    upstairs = await openDisplay('landscape', '', 'tang2');
    await visible(upstairs.page, 'counter-6');
    await visible(upstairs.page, 'counter-7');
    expect(await upstairs.page.locator('[data-testid="counter-1"]').count()).toBe(0);
    await visible(upstairs.page, 'waiting-cutru');
    expect(await upstairs.page.locator('[data-testid="waiting-hotich"]').count()).toBe(0);
    // The calls of the main hall are not on the upstairs screen.
    await visible(upstairs.page, 'latest-none');

    const hallBefore = await probe(hall);
    await issue('cutru');
    const up = await callNext('c6');
    await waitForText(upstairs.page, 'latest-number', up.displayNumber);
    expect(await textOf(upstairs.page, 'latest-counter')).toBe('Quầy 6');
    expect((await announced(upstairs, 1)).map((h) => h.text)).toEqual([
      `Mời công dân có số thứ tự ${up.displayNumber} đến quầy số 6`,
    ]);

    // A later call in the main hall reaches the hall display: events arrive in order, so by now
    // the upstairs call has reached it too, and it was left out.
    await issue('hotich');
    a = await callNext('c2');
    await waitForText(hall.page, 'latest-number', a.displayNumber);
    const hallAfter = (await announced(hall, hallBefore.history.length + 1)).slice(hallBefore.history.length);
    expect(hallAfter.map((h) => h.text)).toEqual([
      `Mời công dân có số thứ tự ${a.displayNumber} đến quầy số 2`,
    ]);
    expect((await probe(hall)).calls).not.toContain(up.displayNumber);
    expect(await hall.page.locator('[data-testid="counter-6"]').count()).toBe(0);
    expect(await textOf(upstairs.page, 'latest-number')).toBe(up.displayNumber);
    await upstairs.shot('display-hall-zone');
  });

  it('portrait: the same picture on a tall screen, and a snapshot is shown, not announced', async () => {
    const portrait = await openDisplay('portrait', '', 'main');
    await waitForText(portrait.page, 'latest-number', a.displayNumber);
    await visible(portrait.page, 'counter-1-number');
    const state = await probe(portrait);
    expect(state.history).toEqual([]);
    expect(state.busy).toBe(false);
    const box = await latestBox(portrait);
    // A tall screen is narrower than the number wants: it fills the width instead.
    expect(box.height).toBeGreaterThanOrEqual(0.18 * box.viewportHeight);
    expect(box.right - box.left).toBeGreaterThanOrEqual(0.8 * box.viewportWidth);
    expect(box.clipped).toBe(false);
    expect(await clippedElements(portrait)).toEqual([]);
    await portrait.shot('display-hall');
  });

  it('shows the media folder’s images when asked, with English lines', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    mkdirSync(join(e2e.hub.dataDir, 'media'), { recursive: true });
    writeFileSync(join(e2e.hub.dataDir, 'media', '01-truc-tuyen.png'), await poster());
    const withMedia = await openDisplay('landscape', 'media=1&english=1', 'main');
    await visible(withMedia.page, 'media-image');
    await withMedia.page.waitForFunction(
      () => (document.querySelector('[data-testid="media-image"]') as HTMLImageElement | null)?.naturalWidth,
      undefined,
      { timeout: 15_000 },
    );
    expect(await textOf(withMedia.page, 'latest-call')).toMatch(/Now calling/i);
    expect(await textOf(withMedia.page, 'latest-counter')).toMatch(/Quầy \d+ Counter \d+/);
    const box = await latestBox(withMedia);
    expect(box.height).toBeGreaterThanOrEqual(0.25 * box.viewportHeight);
    expect(await clippedElements(withMedia)).toEqual([]);
    await withMedia.shot('display-hall-media');
  });

  it('counter-top: one counter’s number huge, and its state when it has none', async () => {
    const wide = await openDisplay('wide', 'layout=counter&counter=1', 'main');
    await waitForText(wide.page, 'counter-top-number', b.displayNumber);
    expect(await textOf(wide.page, 'counter-top-label')).toBe('Quầy 1');
    expect(await clippedElements(wide)).toEqual([]);
    const size = await wide.page.evaluate(() => {
      const r = document.querySelector('[data-testid="counter-top-number"]')!.getBoundingClientRect();
      return r.height / innerHeight;
    });
    expect(size).toBeGreaterThanOrEqual(0.6);
    await wide.shot('display-counter');

    // Quầy 2 pauses: its counter-top screen says so (and the hall grid too).
    const current = a;
    expect(
      (await e2e.api('POST', `/api/v1/tickets/${current.id}/no-show`, { token: officers.c2 })).status,
    ).toBe(200);
    const paused = await e2e.api('POST', '/api/v1/counters/c2/pause', { token: officers.c2, body: {} });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    const small = await openDisplay('small', 'layout=counter&counter=2', 'main');
    await waitForText(small.page, 'counter-top-state', 'Tạm dừng phục vụ');
    expect(await small.page.getAttribute('[data-testid="counter-top"]', 'data-state')).toBe('paused');
    await waitForText(hall.page, 'counter-2-state', 'Tạm dừng');
    await small.shot('display-counter-paused');
    // A counter-top screen is silent by default.
    expect(await small.page.evaluate(() => (window as any).__luotDisplay?.announcer)).toBeNull();

    // Resumed and calling again: the number comes back.
    expect((await e2e.api('POST', '/api/v1/counters/c2/resume', { token: officers.c2 })).status).toBe(200);
    await waitForText(small.page, 'counter-top-state', 'Xin mời');
    await issue('hotich');
    a = await callNext('c2');
    await waitForText(small.page, 'counter-top-number', a.displayNumber);
  });

  it('dims by schedule', async () => {
    const dimmed = await openDisplay('landscape', `dim=${dimAroundNow()}`, 'main');
    await visible(dimmed.page, 'dim-overlay');
    const opacity = await dimmed.page.evaluate(
      () => getComputedStyle(document.querySelector('[data-testid="dim-overlay"]')!).opacity,
    );
    expect(Number(opacity)).toBeCloseTo(0.6);
    await dimmed.shot('display-hall-dimmed');
    expect(await hall.page.locator('[data-testid="dim-overlay"]').count()).toBe(0);
  });

  it('where the browser blocks sound, a big button unlocks it and the call is read out', async () => {
    const strict = await openDisplay('landscape', '', 'main', { autoplay: false });
    await issue('chungthuc');
    b = await callNext('c1');
    await waitForText(strict.page, 'latest-number', b.displayNumber);
    await strict.page
      .waitForFunction(
        () => (window as any).__luotDisplay?.announcer?.getState().blocked === true,
        undefined,
        {
          timeout: 15_000,
          polling: 100,
        },
      )
      .catch(async (error) => {
        const state = await strict.page.evaluate(() => (window as any).__luotDisplay?.announcer?.getState());
        throw new Error(`the voice never reported blocked: ${JSON.stringify(state)} ${strict.errors}`, {
          cause: error,
        });
      });
    await visible(strict.page, 'enable-sound');
    expect((await probe(strict)).blocked).toBe(true);
    expect(await textOf(strict.page, 'enable-sound')).toBe('Chạm để bật âm thanh Tap to enable sound');
    await strict.shot('display-sound-blocked');
    await byTestId(strict.page, 'enable-sound').click();
    await byTestId(strict.page, 'enable-sound').waitFor({ state: 'hidden', timeout: 15_000 });
    const history = await announced(strict, 1);
    expect(history[0]!.text).toBe(`Mời công dân có số thứ tự ${b.displayNumber} đến quầy số 1`);
  });

  it('survives a hub restart: banner, last picture kept, no reload, live again afterwards', async () => {
    await hall.page.evaluate(() => {
      (window as any).__noReload = true;
    });
    const shown = await textOf(hall.page, 'latest-number');
    await voiceIdle(hall);
    const heardBefore = (await probe(hall)).history.map((h) => h.text);
    await e2e.restartHub(async () => {
      const banner = hall.page.locator('[data-testid="connection"] .luot-banner');
      await banner.waitFor({ state: 'visible', timeout: 20_000 });
      expect(await banner.textContent()).toMatch(/Mất kết nối/);
      // The last state stays on screen.
      expect(await textOf(hall.page, 'latest-number')).toBe(shown);
      await hall.shot('display-disconnected');
    });
    await hall.page
      .locator('[data-testid="connection"] .luot-banner')
      .waitFor({ state: 'hidden', timeout: 30_000 });
    expect(await hall.page.evaluate(() => (window as any).__noReload)).toBe(true);
    // The resync after the restart announced nothing again.
    await voiceIdle(hall);
    expect((await probe(hall)).history.map((h) => h.text)).toEqual(heardBefore);
    const before = (await probe(hall)).history.length;
    await issue('hotich');
    a = await callNext('c2');
    await waitForText(hall.page, 'latest-number', a.displayNumber, 20_000);
    const history = (await announced(hall, before + 1)).slice(before);
    expect(history.map((h) => h.text)).toEqual([
      `Mời công dân có số thứ tự ${a.displayNumber} đến quầy số 2`,
    ]);
  });
});
