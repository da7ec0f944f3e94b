// The wall display's end-to-end kit, for display.e2e.test.ts: the hub and browser started once per
// file (with officers signed in at c1, c2 and c6 and Quầy 6 and 7 moved to zone "tang2"), and the
// helpers that issue and call tickets, open paired displays and read what they show and announce.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { type E2E, type KioskPage, type Orientation, startE2E, visible } from './harness.ts';

const serious = (errors: string[]) =>
  errors.filter((e) => e.startsWith('pageerror') || /Content.Security.Policy/i.test(e));

interface Announced {
  text: string;
  startedAt: number;
  endedAt: number;
}
interface DisplayProbe {
  history: Announced[];
  busy: boolean;
  blocked: boolean;
  calls: string[];
}

export let e2e: E2E;
let kioskToken: string;
/** Officer tokens by counter id; each officer is signed in at that counter. */
export const officers: Record<string, string> = {};
let issued = 0;
let setupError: unknown = null;
export const pages: KioskPage[] = [];

/** Starts the hub and the browser for the file, and checks its pages for serious errors at the end. */
export function setUpDisplayE2E(): void {
  beforeAll(async () => {
    try {
      e2e = await startE2E();
      // A second zone upstairs: Quầy 6 (Cư trú) and Quầy 7 (Trực tuyến, Nhận kết quả).
      e2e.hub.running.hub.store.sql(`UPDATE counters SET zone = 'tang2' WHERE id IN ('c6', 'c7')`).run();
      kioskToken = await e2e.hub.pairDevice('kiosk');
      for (const id of ['c1', 'c2', 'c6']) {
        officers[id] = (await e2e.hub.user(`canbo-man-hinh-${id}`, 'officer')).token;
        const res = await e2e.api('POST', `/api/v1/counters/${id}/sign-in`, { token: officers[id] });
        if (res.status !== 200) throw new Error(`sign-in ${id}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    } catch (error) {
      setupError = error;
    }
  }, 240_000);

  beforeEach(() => {
    if (setupError) throw setupError;
  });

  afterAll(async () => {
    for (const p of pages) expect(serious(p.errors), p.page.url()).toEqual([]);
    await e2e?.close();
  });
}

/** A ticket issued by the kiosk device through the REST API. */
export async function issue(serviceId: string): Promise<any> {
  issued += 1;
  const res = await e2e.api('POST', '/api/v1/tickets', {
    token: kioskToken,
    body: { serviceId },
    headers: { 'idempotency-key': `display-e2e-${String(issued).padStart(4, '0')}` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket;
}

/** The officer at this counter calls the next ticket (marking the one there a no-show first). */
export async function callNext(counterId: string): Promise<any> {
  const token = officers[counterId]!;
  const counters = (await e2e.api('GET', '/api/v1/counters', { token })).body.counters as any[];
  const current = counters.find((c) => c.id === counterId)?.currentTicket;
  if (current) {
    const res = await e2e.api('POST', `/api/v1/tickets/${current.id}/no-show`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const res = await e2e.api('POST', `/api/v1/counters/${counterId}/call-next`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.ticket).not.toBeNull();
  return res.body.ticket;
}

export async function displayCode(name: string, zone?: string): Promise<string> {
  const res = await e2e.api('POST', '/api/v1/devices/pairing-codes', {
    token: e2e.adminToken,
    body: { kind: 'display', name, ...(zone ? { zone } : {}) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.code;
}

/** A display page paired (through `?pair=`) to a zone, showing its first screen. */
export async function openDisplay(
  orientation: Orientation,
  query: string,
  zone: string | undefined,
  options: { autoplay?: boolean } = {},
): Promise<KioskPage> {
  const code = await displayCode(`Màn hình ${orientation} ${zone ?? 'tất cả'}`, zone);
  const sep = query ? '&' : '';
  const page = await e2e.open(orientation, `/display/?${query}${sep}pair=${code}`, options);
  pages.push(page);
  await visible(page.page, /layout=counter/.test(query) ? 'counter-top' : 'hall');
  await online(page);
  return page;
}

/** Waits until the page's socket is connected: from then on it hears every call. */
export async function online(page: KioskPage): Promise<void> {
  await page.page.locator('[data-testid="connection"][data-state="online"]').waitFor({
    state: 'attached',
    timeout: 15_000,
  });
}

/** The voice's state and the calls on screen (window.__luotDisplay, the diagnostic hook). */
export function probe(page: KioskPage): Promise<DisplayProbe> {
  return page.page.evaluate(() => {
    const d = (window as any).__luotDisplay;
    const state = d?.announcer?.getState();
    return {
      history: state?.history ?? [],
      busy: state ? state.current !== null || state.queued.length > 0 : false,
      blocked: state?.blocked ?? false,
      calls: (d?.controller?.getState().calls ?? []).map((c: any) => c.displayNumber),
    };
  });
}

/** Waits (on the page, no sleeps) until the voice has finished `count` announcements. */
export async function announced(page: KioskPage, count: number, timeout = 40_000): Promise<Announced[]> {
  await page.page.waitForFunction(
    (n) => ((window as any).__luotDisplay?.announcer?.getState().history.length ?? 0) >= n,
    count,
    { timeout, polling: 100 },
  );
  return (await probe(page)).history;
}

/** Waits (on the page) until the voice has nothing playing or queued. */
export async function voiceIdle(page: KioskPage, timeout = 40_000): Promise<void> {
  await page.page.waitForFunction(
    () => {
      const state = (window as any).__luotDisplay?.announcer?.getState();
      return !state || (state.current === null && state.queued.length === 0);
    },
    undefined,
    { timeout, polling: 100 },
  );
}

/** The latest call's number, checked against the viewport: large, and not cut off. */
export async function latestBox(page: KioskPage) {
  return page.page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="latest-number"]')!;
    const r = el.getBoundingClientRect();
    const panel = el.closest<HTMLElement>('.d-latest__call')!;
    return {
      height: r.height,
      fontSize: Number.parseFloat(getComputedStyle(el).fontSize),
      left: r.left,
      right: r.right,
      viewportWidth: innerWidth,
      viewportHeight: innerHeight,
      clipped: panel.scrollWidth > panel.clientWidth + 1 || panel.scrollHeight > panel.clientHeight + 1,
    };
  });
}

/**
 * Elements whose content is cut off: a box that hides its overflow and has more than fits, or a
 * number or label that reaches past the edge of the screen.
 */
export function clippedElements(page: KioskPage): Promise<string[]> {
  return page.page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '.d-counter, .d-recent__item, .d-latest__call, .d-latest__number, .d-latest__counter, .d-ctop__number, .d-ctop__label, .d-ctop__state, .d-centre, .luot-clock',
      ),
    ]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const outside = r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight;
        const hides = getComputedStyle(el).overflow !== 'visible';
        return (
          outside || (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
        );
      })
      .map((el) => el.dataset.testid ?? el.className),
  );
}

/** A tidy poster for the media folder, drawn by the browser itself (no binary fixture). */
export async function poster(): Promise<Buffer> {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.setContent(
      `<body style="margin:0;display:flex;flex-direction:column;justify-content:center;align-items:center;
        height:100vh;background:#0b3d91;color:#fff;font:700 64px sans-serif;text-align:center">
        <div>Nộp hồ sơ trực tuyến</div><div style="font-size:44px;margin-top:24px">dichvucong.gov.vn</div></body>`,
    );
    return await page.screenshot({ type: 'png' });
  } finally {
    await context.close();
  }
}

/** A window of local time (Asia/Ho_Chi_Minh) around now: `HH:MM-HH:MM`. */
export function dimAroundNow(): string {
  const hhmm = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(ms);
  return `${hhmm(Date.now() - 3_600_000)}-${hhmm(Date.now() + 3_600_000)}`;
}
