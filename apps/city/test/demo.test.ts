// The demo city: a dozen Cần Thơ centres enrol and report 28 days through the real protocol;
// every reported day reconciles with the city's own figures, the same run gives the same figures,
// and a second start adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRES, demoDay, keepDemoLive, seedDemoCity } from '../src/demo.ts';
import type { RunningCity } from '../src/server.ts';
import { startTestCity } from './harness.ts';

const NOW = Date.parse('2026-12-04T03:00:00.000Z'); // a Friday, 10:00 in Cần Thơ
let t = NOW;
let city: RunningCity;
let sent = 0;

beforeAll(async () => {
  city = await startTestCity({}, () => t);
  sent = await seedDemoCity(city.city, city.url, { days: 28, now: NOW });
}, 120_000);
afterAll(() => city?.stop());

describe('the demo city', () => {
  it('has the twelve centres, enrolled, each with 28 days reported and reconciled', async () => {
    const { centres } = await city.city.listCentres();
    expect(centres.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Phường Hưng Phú', 'Xã Trường Long Tây', 'Xã Hòa Lựu']),
    );
    expect(centres).toHaveLength(DEMO_CENTRES.length);
    expect(centres.every((c) => c.enrolled && c.lastReportAt !== null)).toBe(true);
    for (const centre of DEMO_CENTRES) {
      const days = await city.city.centreDays(centre.code);
      const open = days.filter((d) => d.figures.issued > 0);
      expect(open.length).toBeGreaterThanOrEqual(24); // Sundays are closed
      expect(days.every((d) => d.reconciled)).toBe(true);
      expect(days.at(-1)?.date).toBe('2026-12-03');
    }
  });

  it('totals what the centres sent, and its figures are those of the days', async () => {
    const stats = await city.city.stats('2026-11-06', '2026-12-03', null);
    expect(stats.total.issued).toBe(sent);
    expect(sent).toBeGreaterThan(30_000);
    const one = demoDay('CAIKHE', 1.1, '2026-12-02');
    const day = await city.city.stats('2026-12-02', '2026-12-02', 'CAIKHE');
    expect(day.total).toEqual(Object.fromEntries(Object.entries(one.figures).filter(([k]) => k !== 'date')));
  });

  it('gives the same day every time, and a second start adds nothing', async () => {
    expect(demoDay('VITAN', 0.7, '2026-11-20')).toEqual(demoDay('VITAN', 0.7, '2026-11-20'));
    expect(await seedDemoCity(city.city, city.url, { days: 28, now: NOW })).toBe(0);
  });

  it('shows the centres on the public page with their live snapshots', async () => {
    const html = await (await fetch(`${city.url}/`)).text();
    for (const centre of DEMO_CENTRES) expect(html).toContain(centre.name);
    expect(html).toContain('Quầy đang mở');
  });

  it('keeps the demo centres live while the demo runs, with new keys each start', async () => {
    t = NOW + 30 * 60_000; // the first snapshots are stale now
    const stale = await (await fetch(`${city.url}/`)).text();
    expect(stale).toContain('Chưa có số liệu lúc này');
    t += 16_000; // past the page's cache
    const stop = await keepDemoLive(city.city, city.url, { everyMs: 3_600_000, now: () => t });
    try {
      const html = await (await fetch(`${city.url}/`)).text();
      expect(html).not.toContain('Chưa có số liệu lúc này');
      expect(html).toContain('Cập nhật lúc 10:30');
    } finally {
      stop();
    }
  });
});
