// The director's dashboard and the administration pages in Chromium against a real hub: an officer
// is turned away; a director watches a ticket arrive live and an alert appear once a threshold is
// crossed (the hub's clock is moved on by hand); the Excel export downloaded in the browser equals
// GET /api/v1/reports; an admin adds a field and an open kiosk shows it without a reload. Every
// screen is saved to e2e/screenshots/admin-<screen>-<landscape|laptop>.png.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  byTestId,
  type E2E,
  type KioskPage,
  pairKiosk,
  startE2E,
  textOf,
  visible,
  waitForText,
} from './harness.ts';

const DIRECTOR = 'giamdoc-e2e';
const ADMIN = 'quantri-e2e';
const OFFICER = 'canbo-e2e';
const serious = (errors: string[]) =>
  errors.filter((e) => e.startsWith('pageerror') || /Content.Security.Policy/i.test(e));

/** The hub's clock: the real one plus a shift the tests move forward (waits grow without waiting). */
let shiftMs = 0;
const now = () => Date.now() + shiftMs;

let e2e: E2E;
let kioskToken: string;
const tokens: Record<string, string> = {};
let issued = 0;
let setupError: unknown = null;

beforeAll(async () => {
  try {
    e2e = await startE2E({ now });
    kioskToken = await e2e.hub.pairDevice('kiosk');
    tokens.director = (await e2e.hub.user(DIRECTOR, 'director')).token;
    tokens.admin = (await e2e.hub.user(ADMIN, 'admin')).token;
    tokens.officer = (await e2e.hub.user(OFFICER, 'officer')).token;
    await serveSome();
  } catch (error) {
    setupError = error;
  }
}, 240_000);

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await e2e?.close();
});

async function call(method: string, path: string, token: string, body?: unknown, status = 200): Promise<any> {
  const res = await e2e.api(method, path, { token, body });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

/** A ticket issued by the kiosk device through the REST API. */
async function issue(serviceId: string): Promise<any> {
  issued += 1;
  const res = await e2e.api('POST', '/api/v1/tickets', {
    token: kioskToken,
    body: { serviceId },
    headers: { 'idempotency-key': `admin-e2e-${String(issued).padStart(4, '0')}` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket;
}

/** A morning's work so the reports have figures: served, rated, a no-show, people still waiting. */
async function serveSome(): Promise<void> {
  const officer = tokens.officer!;
  await call('POST', '/api/v1/counters/c2/sign-in', officer, {});
  for (let i = 0; i < 4; i++) await issue('hotich');
  await issue('chungthuc');
  for (const [i, procedureIds] of [['hotich-1'], ['hotich-2', 'hotich-6'], ['hotich-1']].entries()) {
    const { ticket } = await call('POST', '/api/v1/counters/c2/call-next', officer, {});
    await call('POST', `/api/v1/tickets/${ticket.id}/start`, officer, {});
    shiftMs += 4 * 60_000; // four minutes at the counter
    await call('POST', `/api/v1/tickets/${ticket.id}/finish`, officer, { procedureIds });
    // The citizen rates on its ticket's status page (no token): staff may not (API.md).
    const rated = await e2e.api('POST', `/api/v1/tickets/${ticket.id}/rating`, {
      body: { score: [4, 3, 2][i] },
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
  }
  const { ticket } = await call('POST', '/api/v1/counters/c2/call-next', officer, {});
  await call('POST', `/api/v1/tickets/${ticket.id}/no-show`, officer, {});
}

async function signIn(page: Page, username: string): Promise<void> {
  await visible(page, 'login-username');
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(`${username}-password`);
  await byTestId(page, 'login-submit').click();
}

/** Marks the page; `stillSamePage` is false once it was reloaded or navigated away. */
async function mark(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    (window as any).__luotMark = true;
  });
  return () => page.evaluate(() => (window as any).__luotMark === true);
}

const digits = (text: string) => Number(text.replace(/\D/g, ''));

describe('sign-in', () => {
  it('turns an officer away with a clear message and keeps no session', async () => {
    const page = await e2e.open('laptop', '/admin/');
    await visible(page.page, 'login');
    await page.shot('admin-login');
    await signIn(page.page, OFFICER);
    await waitForText(page.page, 'login-error', 'Tài khoản cán bộ không có quyền xem bảng điều khiển');
    expect(await page.page.locator('[data-testid="overview"]').count()).toBe(0);
    expect(await page.page.evaluate(() => localStorage.getItem('luot.admin.session'))).toBeNull();
    await page.shot('admin-officer-refused');
    expect(serious(page.errors)).toEqual([]);
  });

  it('a wrong password says so', async () => {
    const page = await e2e.open('laptop', '/admin/');
    await visible(page.page, 'login-username');
    await byTestId(page.page, 'login-username').fill(DIRECTOR);
    await byTestId(page.page, 'login-password').fill('not-the-password');
    await byTestId(page.page, 'login-submit').click();
    await waitForText(page.page, 'login-error', 'Tên đăng nhập hoặc mật khẩu không đúng');
  });
});

describe('live overview', () => {
  let director: KioskPage;

  beforeAll(async () => {
    if (setupError) return;
    director = await e2e.open('landscape', '/admin/');
    await signIn(director.page, DIRECTOR);
    await visible(director.page, 'overview');
  });

  it('shows a ticket issued at the kiosk as soon as it is issued, without a reload', async () => {
    const page = director.page;
    const samePage = await mark(page);
    const before = digits(await textOf(page, 'field-datdai-waiting'));
    const issuedBefore = digits(await textOf(page, 'today-issued-value'));
    await issue('datdai');
    await waitForText(page, 'field-datdai-waiting', new RegExp(`^\\s*${before + 1}\\s*$`));
    await waitForText(page, 'today-issued-value', new RegExp(`^\\s*${issuedBefore + 1}\\s*$`));
    expect(await samePage()).toBe(true);
    // The counter where the officer works, with their name.
    expect(await textOf(page, 'counter-c2')).toContain(`Cán bộ ${OFFICER}`);
    expect(await textOf(page, 'counter-c2-state')).toBe('Đang làm việc');
    expect(await textOf(page, 'today-served-last')).toMatch(/tuần trước/);
    await director.shot('admin-live');
    expect(serious(director.errors)).toEqual([]);
  });

  it('raises a long-wait alert once the director lowers the threshold below the longest wait', async () => {
    const page = director.page;
    const samePage = await mark(page);
    // Datdai's ticket has waited 0 minutes; move the hub's clock on 6 minutes and issue another
    // field's ticket, then 2 more: datdai waits 8 (critical: twice 3 or more), cutru 2 (none).
    shiftMs += 6 * 60_000;
    await issue('cutru');
    shiftMs += 2 * 60_000;
    await call('PUT', '/api/v1/centre', tokens.admin!, {
      thresholds: { targetWaitMinutes: 2, alertWaitMinutes: 3 },
    });
    await visible(page, 'alert-long_wait-datdai');
    const alert = byTestId(page, 'alert-long_wait-datdai');
    expect(await alert.getAttribute('data-severity')).toBe('critical');
    expect(await textOf(page, 'alert-long_wait-datdai')).toMatch(/Đất đai: 1 người chờ quá 3 phút/);
    // Cư trú's ticket has waited 2 minutes: not over the threshold yet.
    expect(await page.locator('[data-testid="alert-long_wait-cutru"]').count()).toBe(0);
    // Critical alerts are red: the theme's danger colour.
    expect(await alert.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(155, 17, 17)');
    expect(await samePage()).toBe(true);
    await director.shot('admin-alerts');

    // The same screen on a 1366×768 laptop, and in English.
    const laptop = await e2e.open('laptop', '/admin/');
    await signIn(laptop.page, DIRECTOR);
    await visible(laptop.page, 'alert-long_wait-datdai');
    await laptop.shot('admin-live');
    await byTestId(laptop.page, 'lang-en').click();
    await waitForText(laptop.page, 'alert-long_wait-datdai', /Land: 1 waiting over 3 min/);
    await waitForText(laptop.page, 'nav-reports', 'Reports');
    await laptop.shot('admin-live-en');
    expect(serious(laptop.errors)).toEqual([]);
  });
});

/** The cells of one sheet, row by row (row 1 first), as plain values. */
function rows(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    out[n - 1] = values.slice(1);
  });
  return out;
}

/** The rows of a breakdown sheet under its heading row (row 4), as objects keyed by heading. */
function table(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const all = rows(sheet);
  const head = all[3] as string[];
  return all.slice(4).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? null])));
}

describe('reports', () => {
  let director: KioskPage;

  beforeAll(async () => {
    if (setupError) return;
    director = await e2e.open('landscape', '/admin/#/reports');
    await signIn(director.page, DIRECTOR);
    await visible(director.page, 'report');
  });

  it('shows today’s figures, the same as GET /api/v1/reports', async () => {
    const page = director.page;
    const report = await call('GET', '/api/v1/reports', tokens.director!);
    expect(report.totals.served).toBe(3);
    await waitForText(page, 'total-issued-value', new RegExp(`^${report.totals.issued}$`));
    expect(await textOf(page, 'total-served-value')).toBe('3');
    expect(await textOf(page, 'total-no-show-value')).toBe('1');
    expect(await textOf(page, 'total-satisfied-value')).toBe(
      `${String(Math.round(report.totals.satisfiedShare * 1000) / 10).replace('.', ',')}%`,
    );
    expect(await textOf(page, 'table-field-hotich')).toContain('Hộ tịch');
    expect(await textOf(page, 'table-procedure-hotich-1')).toMatch(/Đăng ký khai sinh.*2/);
    await visible(page, 'chart-hour');
    await visible(page, 'chart-wait');
    await director.shot('admin-reports');
    expect(serious(director.errors)).toEqual([]);
  });

  it('downloads an Excel file in the browser that holds the same figures as the API', async () => {
    const page = director.page;
    const report = await call('GET', '/api/v1/reports', tokens.director!);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      byTestId(page, 'export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bao-cao-${report.from}_${report.to}.xlsx`);
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Tổng hợp',
        'Lĩnh vực',
        'Quầy',
        'Cán bộ',
        'Thủ tục',
        'Theo giờ',
        'Thời gian chờ',
      ]),
    );

    const summary = new Map(rows(wb.getWorksheet('Tổng hợp')!).map((r) => [r?.[0], r?.[1]]));
    const t = report.totals;
    expect(summary.get('Số phiếu đã cấp')).toBe(t.issued);
    expect(summary.get('Đã phục vụ')).toBe(t.served);
    expect(summary.get('Vắng mặt')).toBe(t.noShow);
    expect(summary.get('Đã huỷ')).toBe(t.cancelled);
    expect(summary.get('Hết hạn')).toBe(t.expired);
    expect(summary.get('Chờ trung bình (phút)')).toBeCloseTo(t.avgWaitSeconds / 60, 6);
    expect(summary.get('Phục vụ trung bình (phút)')).toBeCloseTo(t.avgServiceSeconds / 60, 6);
    expect(summary.get('Rất hài lòng')).toBe(t.ratings['4']);
    expect(summary.get('Hài lòng')).toBe(t.ratings['3']);
    expect(summary.get('Bình thường')).toBe(t.ratings['2']);
    expect(summary.get('Mức độ hài lòng')).toBeCloseTo(t.satisfiedShare, 9);

    const fields = table(wb.getWorksheet('Lĩnh vực')!);
    expect(fields.map((r) => [r['Lĩnh vực'], r['Số phiếu đã cấp'], r['Đã phục vụ'], r['Vắng mặt']])).toEqual([
      ...report.byService.map((s: any) => [s.name, s.issued, s.served, s.noShow]),
      ['Tổng cộng', t.issued, t.served, t.noShow],
    ]);
    const officers = table(wb.getWorksheet('Cán bộ')!);
    expect(officers.map((r) => [r['Cán bộ'], r['Đã phục vụ']])).toEqual(
      report.byOfficer.map((o: any) => [o.displayName, o.served]),
    );
    const procedures = table(wb.getWorksheet('Thủ tục')!);
    expect(procedures.map((r) => [r['Thủ tục'], r['Số lượt giải quyết']])).toEqual(
      report.byProcedure.map((p: any) => [p.name, p.count]),
    );
    const waits = table(wb.getWorksheet('Thời gian chờ')!);
    expect(waits.map((r) => r['Số phiếu'])).toEqual(report.waitDistribution.map((b: any) => b.count));
  });

  it('downloads the CSV (UTF-8 with a BOM) of the same period', async () => {
    const page = director.page;
    const report = await call('GET', '/api/v1/reports', tokens.director!);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      byTestId(page, 'export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bao-cao-${report.from}_${report.to}.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const hotich = report.byService.find((s: any) => s.serviceId === 'hotich');
    expect(csv).toContain(`Hộ tịch,${hotich.issued},${hotich.served},${hotich.noShow}`);
  });

  it('a custom period is checked before it is asked for, then shows that period', async () => {
    const page = director.page;
    const today: string = (await call('GET', '/api/v1/health', tokens.director!)).serviceDay;
    const typed = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    await byTestId(page, 'period-custom').click();
    await byTestId(page, 'period-from').fill(typed(today));
    await byTestId(page, 'period-to').fill('01/01/2020');
    await byTestId(page, 'period-apply').click();
    await waitForText(page, 'period-error', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc');
    const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    await byTestId(page, 'period-from').fill(typed(weekAgo));
    await byTestId(page, 'period-to').fill(typed(today));
    await byTestId(page, 'period-apply').click();
    await waitForText(page, 'report-range', /\(7 ngày\)/);
    await director.shot('admin-reports-week');

    const laptop = await e2e.open('laptop', '/admin/#/reports');
    await signIn(laptop.page, DIRECTOR);
    await visible(laptop.page, 'report');
    await laptop.shot('admin-reports');
  });

  it('a director sees no administration', async () => {
    const page = director.page;
    expect(await page.locator('[data-testid="nav-admin"]').count()).toBe(0);
    await page.goto(new URL('/admin/#/admin/users', e2e.url).href);
    await visible(page, 'overview');
    expect(await page.locator('[data-testid="admin"]').count()).toBe(0);
  });
});

describe('administration', () => {
  let admin: KioskPage;

  beforeAll(async () => {
    if (setupError) return;
    admin = await e2e.open('landscape', '/admin/');
    await signIn(admin.page, ADMIN);
    await visible(admin.page, 'nav-admin');
    await byTestId(admin.page, 'nav-admin').click();
    await visible(admin.page, 'admin-fields');
  });

  it('an admin adds a field and an open kiosk shows it without a reload', async () => {
    const kiosk = await e2e.open('portrait', '/kiosk/');
    await pairKiosk(e2e, kiosk, 'Kiosk sảnh E2E');
    const kioskSame = await mark(kiosk.page);

    const page = admin.page;
    await admin.shot('admin-fields');
    await byTestId(page, 'admin-add-field').click();
    await visible(page, 'field-form');
    await byTestId(page, 'input-code').fill('TUPHAP');
    await byTestId(page, 'input-prefix').fill('T');
    await byTestId(page, 'input-name').fill('Tư pháp – Hòa giải');
    await byTestId(page, 'input-nameEn').fill('Justice and mediation');
    await byTestId(page, 'input-start').fill('5001');
    await byTestId(page, 'input-end').fill('4000');
    await byTestId(page, 'dialog-save').click();
    // Refused before it is sent, naming the field as the hub would.
    await waitForText(page, 'form-error', 'Kiểm tra lại “Số kết thúc”');
    await admin.shot('admin-field-form');
    await byTestId(page, 'input-end').fill('5999');

    // The kiosk on its fields screen (its inactivity timer is 30 s; this takes a few).
    await byTestId(kiosk.page, 'idle').click();
    await visible(kiosk.page, 'services');
    expect(await textOf(kiosk.page, 'services')).not.toContain('Tư pháp – Hòa giải');
    await byTestId(page, 'dialog-save').click();
    await waitForText(page, 'admin-fields', 'Tư pháp – Hòa giải');
    await waitForText(kiosk.page, 'services', 'Tư pháp – Hòa giải');
    expect(await kioskSame()).toBe(true);
    await kiosk.shot('admin-kiosk-new-field');

    const services = (await call('GET', '/api/v1/admin/services', tokens.admin!)).services;
    const added = services.find((s: any) => s.code === 'TUPHAP');
    expect(added).toMatchObject({
      name: 'Tư pháp – Hòa giải',
      prefix: 'T',
      start: 5001,
      end: 5999,
      active: true,
    });
    expect(serious(kiosk.errors)).toEqual([]);
  });

  it('shows every other administration screen', async () => {
    const page = admin.page;
    await byTestId(page, 'admin-field-hotich-procedures').click();
    await visible(page, 'admin-procedures-hotich');
    await admin.shot('admin-fields-procedures');

    await byTestId(page, 'admin-tab-counters').click();
    await visible(page, 'admin-counter-c2');
    await admin.shot('admin-counters');
    await byTestId(page, 'admin-counter-c2-edit').click();
    await visible(page, 'counter-form');
    await byTestId(page, 'input-sign').fill('300');
    await byTestId(page, 'dialog-save').click();
    await waitForText(page, 'form-error', 'Kiểm tra lại “Địa chỉ bảng LED”');
    await admin.shot('admin-counter-form');
    await page.keyboard.press('Escape');

    await byTestId(page, 'admin-tab-users').click();
    await visible(page, `admin-user-${OFFICER}`);
    await admin.shot('admin-users');
    // A weak password is refused on the form, in Vietnamese, before anything is sent.
    await byTestId(page, 'admin-add-user').click();
    await visible(page, 'user-form');
    await byTestId(page, 'input-username').fill('canbo.moi');
    await byTestId(page, 'input-displayName').fill('Lê Thị Mới');
    await byTestId(page, 'input-password').fill('12345678');
    await byTestId(page, 'dialog-save').click();
    await waitForText(page, 'form-error', 'Mật khẩu quá đơn giản');
    await byTestId(page, 'input-password').fill('canbo.moi2025');
    await byTestId(page, 'dialog-save').click();
    await waitForText(page, 'form-error', 'không được trùng với tên đăng nhập');
    await admin.shot('admin-user-weak-password');
    await page.keyboard.press('Escape');

    await byTestId(page, 'admin-tab-devices').click();
    await visible(page, 'admin-devices');
    await byTestId(page, 'input-name').fill('Màn hình sảnh chính');
    await byTestId(page, 'input-kind').selectOption('display');
    await byTestId(page, 'pairing-create').click();
    await waitForText(page, 'pairing-code', /[A-Z0-9]{4}/);
    await admin.shot('admin-devices');

    await byTestId(page, 'admin-tab-centre').click();
    await visible(page, 'centre-form');
    await admin.shot('admin-centre');

    await byTestId(page, 'admin-tab-audit').click();
    await visible(page, 'admin-audit');
    await waitForText(page, 'admin-audit', 'TUPHAP');
    await admin.shot('admin-audit');
    expect(serious(admin.errors)).toEqual([]);
  });
});
