// The public "waiting now" page at `/`: no sign-in, Vietnamese, the centres where the wait is
// short first, each snapshot's time, silent centres marked; one database read per 15 s whatever
// the number of phones; no personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCity } from '../src/server.ts';
import { adminToken, enrolCentre, report, reportTicket, startTestCity } from './harness.ts';

let t = Date.parse('2026-12-01T02:30:00.000Z'); // 09:30 in Cần Thơ
const now = () => t;
let city: RunningCity;
let reads = 0;

const live = (waiting: number, countersOpen: number, longestWaitSeconds: number | null) => ({
  at: new Date(t).toISOString(),
  waiting,
  countersOpen,
  longestWaitSeconds,
});

beforeAll(async () => {
  city = await startTestCity({}, now);
  const token = await adminToken(city.url);
  const nk = await enrolCentre(city.url, token, 'NK', 'Phường Ninh Kiều');
  const ck = await enrolCentre(city.url, token, 'CK', 'Phường Cái Khế');
  const ta = await enrolCentre(city.url, token, 'TA', 'Phường Tân An');
  await enrolCentre(city.url, token, 'VT', 'Xã Vị Tân');
  const created = Math.floor(t / 1000);
  const officer = reportTicket({ officer: 'o-abcdefabcdefabcd' });
  expect(
    (await nk.send(report('NK', { tickets: [officer], live: live(7, 3, 1260) }), { created })).status,
  ).toBe(200);
  expect((await ck.send(report('CK', { live: live(2, 2, 240) }), { created })).status).toBe(200);
  expect((await ta.send(report('TA', { live: live(0, 0, null) }), { created })).status).toBe(200);
  const query = city.db.query.bind(city.db);
  city.db.query = (async (text: string, params?: never) => {
    if (/FROM centres ORDER BY code/.test(text)) reads += 1;
    return query(text, params);
  }) as typeof city.db.query;
});
afterAll(() => city?.stop());

const page = async () => {
  const res = await fetch(`${city.url}/`);
  return { res, html: await res.text() };
};

describe('the public page', () => {
  it('lists the centres where the wait is short first, with each snapshot’s time, in Vietnamese', async () => {
    const { res, html } = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(html).toContain('<html lang="vi">');
    const order = [...html.matchAll(/data-code="(\w+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['CK', 'NK', 'TA', 'VT']);
    const ck = html.slice(html.indexOf('data-code="CK"'), html.indexOf('data-code="NK"'));
    expect(ck).toContain('Chờ lâu nhất: <strong>4 phút</strong>');
    expect(ck).toContain('Đang chờ: <strong>2</strong> người');
    expect(ck).toContain('Quầy đang mở: <strong>2</strong>');
    expect(ck).toContain('Cập nhật lúc 09:30');
    expect(html).toContain('Chờ lâu nhất: <strong>21 phút</strong>');
    expect(html.slice(html.indexOf('data-code="TA"'))).toContain('Chưa mở quầy');
    expect(html.slice(html.indexOf('data-code="VT"'))).toContain('Chưa có số liệu lúc này');
    expect(html).not.toMatch(/o-abcdef|officer/);
  });

  it('reads the database once per 15 s, however many phones ask', async () => {
    const before = reads;
    const pages = await Promise.all(Array.from({ length: 60 }, () => page()));
    expect(pages.every((p) => p.res.status === 200)).toBe(true);
    expect(reads - before).toBe(0);
    t += 16_000;
    await Promise.all(Array.from({ length: 20 }, () => page()));
    expect(reads - before).toBe(1);
  });

  it('marks a centre silent for more than 15 minutes as without current figures', async () => {
    t += 20 * 60_000;
    const { html } = await page();
    const order = [...html.matchAll(/data-code="(\w+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['CK', 'NK', 'TA', 'VT']);
    expect(html.slice(html.indexOf('data-code="NK"'), html.indexOf('data-code="TA"'))).toContain(
      'Chưa có số liệu lúc này (lần cuối 09:30)',
    );
  });
});
