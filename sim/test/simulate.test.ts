// The simulator against a real hub: two weekdays into a temp data dir, then the hub's own
// figures (GET /api/v1/stats/day, GET /api/v1/tickets/:id) are checked, as a director would see them.
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ADMIN_PASSWORD, startTestHub, type TestHub, tempDir } from '@luot/hub/testing';
import type { DayStats, Ticket } from '@luot/shared';
import { startOfServiceDay } from '@luot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulateOptions, type SimulateResult, simulate } from '../src/simulate.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const UNTIL = '2026-03-03'; // Monday 2 and Tuesday 3 March 2026
const OPEN_HOURS = [7, 8, 9, 10, 11, 13, 14, 15, 16];

const dirs: string[] = [];
function options(extra: Partial<SimulateOptions> = {}): SimulateOptions {
  const dataDir = tempDir('luot-sim-');
  dirs.push(dataDir);
  return {
    days: 2,
    until: UNTIL,
    dataDir,
    seed: 'test-seed',
    officers: null,
    scale: 1,
    adminPassword: ADMIN_PASSWORD,
    officerPassword: 'officer-test-pass',
    keepTicketIds: true,
    ...extra,
  };
}

/** Day figures with officer ids (random per data dir) replaced by the officers' usernames. */
function comparable(run: SimulateResult): unknown[] {
  const names = new Map(run.officers.map((o) => [o.userId, o.username]));
  return run.days.map((d) => ({
    ...d.stats,
    byOfficer: d.stats.byOfficer
      .map((o) => ({ ...o, officerId: names.get(o.officerId) ?? o.officerId }))
      .sort((a, b) => a.officerId.localeCompare(b.officerId)),
  }));
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const loader = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', loader, join(REPO_ROOT, 'sim', 'src', 'cli.ts'), ...args],
      { cwd: REPO_ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let run: SimulateResult;
let hub: TestHub;
let token: string;
const stats = new Map<string, DayStats>();

beforeAll(async () => {
  run = await simulate(options());
  // The filled data dir opened by an ordinary hub the morning after.
  hub = await startTestHub({
    dataDir: run.dataDir,
    now: () => startOfServiceDay('2026-03-04', 'Asia/Ho_Chi_Minh') + 8 * 3600_000,
  });
  token = await hub.login();
  for (const date of ['2026-03-02', '2026-03-03']) {
    const res = await hub.api('GET', `/api/v1/stats/day?date=${date}`, { token });
    expect(res.status).toBe(200);
    stats.set(date, res.body);
  }
}, 180_000);

afterAll(async () => {
  await hub?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('two simulated weekdays, read back through the hub’s API', () => {
  it('are closed days with the profile’s volume, every ticket accounted for', () => {
    expect(run.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03']);
    for (const day of run.days) {
      const s = stats.get(day.date)!;
      expect(s.frozen).toBe(true);
      expect(s.issued).toBeGreaterThan(day.expected * 0.8);
      expect(s.issued).toBeLessThan(day.expected * 1.2);
      expect(s.served + s.noShow + s.cancelled + s.expired).toBe(s.issued);
      expect(s.waiting).toBe(0);
      // About 5% no-shows, a few cancellations; most are served.
      expect(s.noShow / s.issued).toBeGreaterThan(0.01);
      expect(s.noShow / s.issued).toBeLessThan(0.1);
      expect(s.cancelled).toBeGreaterThan(0);
      expect(s.served / s.issued).toBeGreaterThan(0.85);
      expect(s.avgWaitSeconds).toBeGreaterThan(60);
      expect(s.avgServiceSeconds).toBeGreaterThan(60);
      // What the simulator was told is what the hub reports.
      expect(s).toEqual(day.stats);
    }
  });

  it('issue tickets only in opening hours and serve them by the evening', () => {
    for (const s of stats.values()) {
      const issuedHours = s.byHour.filter((h) => h.issued > 0).map((h) => h.hour);
      expect(issuedHours.every((h) => OPEN_HOURS.includes(h))).toBe(true);
      expect(issuedHours).toContain(8);
      const servedHours = s.byHour.filter((h) => h.served > 0).map((h) => h.hour);
      expect(Math.min(...servedHours)).toBeGreaterThanOrEqual(7);
      expect(Math.max(...servedHours)).toBeLessThanOrEqual(17);
    }
  });

  it('spread over every field, counter and officer, with ratings mostly 3–4', () => {
    for (const s of stats.values()) {
      expect(s.byService).toHaveLength(10);
      expect(s.byCounter.map((c) => c.counterId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
      expect(new Set(s.byOfficer.map((o) => o.officerId))).toEqual(
        new Set(run.officers.map((o) => o.userId)),
      );
      expect(s.byProcedure.length).toBeGreaterThan(15);
      const r = s.ratings;
      const rated = r['1'] + r['2'] + r['3'] + r['4'];
      expect(rated / s.served).toBeGreaterThan(0.55);
      expect((r['3'] + r['4']) / rated).toBeGreaterThan(0.75);
      expect(r['1'] + r['2']).toBeGreaterThan(0);
    }
  });

  it('call priority tickets before plain ones that came earlier; recall, call by number, transfer', async () => {
    const ids = run.days.flatMap((d) => d.ticketIds ?? []);
    expect(ids.length).toBe(run.counts.issued);
    const tickets: Ticket[] = [];
    for (const id of ids) {
      // As staff see them: officer and procedures are not in the public view.
      const res = await hub.api('GET', `/api/v1/tickets/${id}`, { token });
      expect(res.status).toBe(200);
      tickets.push(res.body.ticket);
    }
    const calledAt = (t: Ticket) => Date.parse(t.calledAt!);
    const jumped = tickets.filter(
      (p) =>
        p.priority !== null &&
        p.calledAt !== null &&
        tickets.some(
          (q) =>
            q.priority === null &&
            q.serviceId === p.serviceId &&
            q.serviceDay === p.serviceDay &&
            q.issuedAt < p.issuedAt &&
            (q.calledAt === null || calledAt(q) > calledAt(p)),
        ),
    );
    expect(jumped.length).toBeGreaterThan(3);
    expect(tickets.some((t) => t.recallCount > 0 && t.status === 'done')).toBe(true);
    expect(tickets.filter((t) => t.channel === 'online').length).toBeGreaterThan(0);
    expect(tickets.some((t) => t.procedureIds.length === 2)).toBe(true);
    // Every ticket the hub served ended at a counter by an officer of the run.
    const officerIds = new Set(run.officers.map((o) => o.userId));
    expect(tickets.filter((t) => t.status === 'done').every((t) => officerIds.has(t.officerId!))).toBe(true);
    expect(run.counts.specificCalls).toBeGreaterThan(0);
    expect(run.counts.transfers).toBeGreaterThan(0);
    expect(run.counts.pauses).toBeGreaterThanOrEqual(14); // lunch at least, every officer, both days
    expect(run.counts.surprises).toBe(0);
    // A dashboard socket heard every call and recall, without a gap.
    expect(run.realtime).toEqual({ calls: run.counts.calls, recalls: run.counts.recalls, gaps: 0 });
  });

  it('gives identical days for the same seed, different ones for another seed', async () => {
    const again = await simulate(options());
    expect(comparable(again)).toEqual(comparable(run));
    const other = await simulate(options({ seed: 'another-seed', days: 1, until: '2026-03-02' }));
    expect(comparable(other)[0]).not.toEqual(comparable(run)[0]);
  }, 180_000);
});

describe('pnpm simulate (the command)', () => {
  it('refuses bad options with exit code 2 and a message naming the option, touching nothing', async () => {
    const dir = join(tempDir('luot-sim-cli-'), 'never');
    dirs.push(dir);
    const cases = [
      [['--days', '0'], /--days: a whole number from 1 to 3660/],
      [['--until', '2999-01-01'], /--until: a past day/],
      [['--scale', 'lots'], /--scale: a number above 0/],
      [['--frobnicate'], /frobnicate/],
    ] as const;
    const outs = await Promise.all(cases.map(([args]) => cli([...args, '--data-dir', dir])));
    outs.forEach((out, i) => {
      expect(out.code, out.stderr).toBe(2);
      expect(out.stderr).toMatch(cases[i]![1]);
      expect(out.stderr).toMatch(/pnpm simulate \[--days N\]/);
    });
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses more officers than counters, and a data dir that already has those days', async () => {
    const fresh = options().dataDir;
    const [tooMany, again] = await Promise.all([
      cli(['--days', '1', '--until', UNTIL, '--officers', '8', '--data-dir', fresh]),
      cli(['--days', '1', '--until', UNTIL, '--data-dir', run.dataDir]),
    ]);
    expect(tooMany.code, tooMany.stderr).toBe(2);
    expect(tooMany.stderr).toMatch(/--officers: the centre has 7 counters, so at most 7 officers/);
    expect(again.code, again.stderr).toBe(2);
    expect(again.stderr).toMatch(/already has tickets up to 2026-03-03/);
  });

  it('prints a JSON summary of a Saturday with --json', async () => {
    const dataDir = options().dataDir;
    const out = await cli([
      '--days',
      '1',
      '--until',
      '2026-03-07',
      '--seed',
      '3',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout);
    expect(summary.days).toHaveLength(1);
    const day = summary.days[0];
    expect(day).toMatchObject({ date: '2026-03-07', weekday: 6, expected: 90 });
    expect(day.issued).toBeGreaterThan(60);
    expect(day.served + day.noShow + day.cancelled + day.expired).toBe(day.issued);
    expect(summary.totals.issued).toBe(day.issued);
    expect(summary.speed.tickets).toBe(day.issued);
    expect(summary.speed.requests).toBeGreaterThan(day.issued * 3);
  });
});
