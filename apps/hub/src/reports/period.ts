// Period reports (GET /api/v1/reports): the sum of the period's days, with names from the
// catalogue. Past days are kept in memory once read (and the year before today is read ahead
// after the first report), and dropped again when the event log shows a change to one of
// their tickets (a late rating, a day close): a year's report reads only what it has not seen
// (see docs/reports.md).
import type { FigureSums, PeriodReport } from '@luot/shared';
import {
  addSums,
  averageSeconds,
  avgWaitSeconds,
  daysBetween,
  emptySums,
  FigureAccumulator,
  MAX_REPORT_DAYS,
  nextDay,
  targetWaitMs,
  waitDistribution,
} from '@luot/shared';
import type { Store } from '../db/store.ts';
import { type DayFigures, type DayGroup, readDays } from './day-figures.ts';

// Every figure (averages, the nearest-rank p90, shares, rounding) is defined in @luot/shared
// (figures.ts); kthSmallest is re-exported for the plan tests.
export { kthSmallest } from '@luot/shared';

/** One row of a breakdown: the sums of its groups, with their waits. */
class Partition extends FigureAccumulator {
  add(group: DayGroup): void {
    this.addGroup(group, group.waits);
  }
}

function partitionOf<K>(map: Map<K, Partition>, key: K): Partition {
  let p = map.get(key);
  if (!p) {
    p = new Partition();
    map.set(key, p);
  }
  return p;
}

// The SQL of saved days lives in db/report-days.ts (re-exported for the plan tests).
export { CHANGED_DAYS_SQL, SAVED_DAYS_SQL } from '../db/report-days.ts';

/** Beyond this many log rows since the last look, dropping every kept day is cheaper. */
const MAX_EVENTS_TO_SCAN = 50_000;
/** Kept days: two years' worth is a few megabytes (in memory and in report_days). */
const MAX_KEPT_DAYS = 800;
/** The saved log position is brought forward at least this often (bounds the scan at start). */
const SAVE_SEQ_EVERY = 10_000;

/** A day's figures as saved in report_days (JSON: waits as plain numbers, procedures as pairs). */
export function dayToJson(figures: DayFigures | null): string {
  if (!figures) return 'null';
  return JSON.stringify({
    day: figures.day,
    groups: figures.groups.map((g) => ({ ...g, waits: Array.from(g.waits) })),
    hours: figures.hours,
    procedures: [...figures.procedures],
  });
}

export function dayFromJson(text: string): DayFigures | null {
  const saved = JSON.parse(text) as {
    day: string;
    groups: (Omit<DayGroup, 'waits'> & { waits: number[] })[];
    hours: DayFigures['hours'];
    procedures: [string, number][];
  } | null;
  if (!saved) return null;
  return {
    day: saved.day,
    groups: saved.groups.map((g) => ({ ...g, waits: Float64Array.from(g.waits) })),
    hours: saved.hours,
    procedures: new Map(saved.procedures),
  };
}

export class Reports {
  /** Past days read, in memory (null: a day without tickets). */
  private readonly kept = new Map<string, DayFigures | null>();
  /** Past days saved in report_days (null until the table has been looked at). */
  private saved: Set<string> | null = null;
  private savedSeq = 0;
  private seenSeq = 0;
  private timeZone = '';
  /** False after a failed write: saved days are then neither written nor read by this process. */
  private saving = true;

  /** `onSaveError`: a write to report_days failed (the report itself is still answered). */
  constructor(
    private readonly store: Store,
    private readonly onSaveError?: (error: unknown) => void,
  ) {}

  /**
   * Writes to report_days with, in the same transaction, the log position `seq` they are valid
   * at. Saved days are a cache: a write that fails (a full disk, a read-only file) leaves the
   * report as it is, and stops saving for this process, so report_days stays as its last good
   * write left it.
   */
  private tryWrite(seq: number, write: () => void): boolean {
    if (!this.saving) return false;
    try {
      this.store.tx(() => {
        write();
        this.store.data.reportDays.saveState(seq, this.timeZone);
      });
      this.savedSeq = seq;
      return true;
    } catch (error) {
      this.saving = false;
      this.saved?.clear();
      this.onSaveError?.(error);
      return false;
    }
  }

  /**
   * On first use: the saved days and the log position they are valid at, unless the time zone
   * changed since (their local hours would be wrong) or too much happened for a scan.
   */
  private loadSaved(): Set<string> {
    if (this.saved) return this.saved;
    const st = this.store;
    const tz = st.centre().time_zone;
    const state = st.data.reportDays.state();
    const seq = st.lastSeq();
    this.timeZone = tz;
    if (state && state.time_zone === tz && seq - state.seen_seq <= MAX_EVENTS_TO_SCAN) {
      this.saved = new Set(st.data.reportDays.savedDayNames());
      this.seenSeq = this.savedSeq = state.seen_seq;
    } else {
      this.saved = new Set();
      this.seenSeq = seq;
      this.tryWrite(seq, () => st.data.reportDays.clear());
    }
    return this.saved;
  }

  /**
   * Drops kept days whose tickets changed since the last look (every change is logged). The hub
   * also calls it every 30 s, so the saved log position keeps up even when nobody asks for a
   * report (otherwise a restart after a long quiet spell would find too much to scan).
   */
  forgetChanged(): void {
    const saved = this.loadSaved();
    const st = this.store;
    const seq = st.lastSeq();
    const tz = st.centre().time_zone;
    const drop: string[] = [];
    let all = false;
    if (tz !== this.timeZone || seq - this.seenSeq > MAX_EVENTS_TO_SCAN) {
      this.kept.clear();
      all = true;
    } else if ((this.kept.size > 0 || saved.size > 0) && seq > this.seenSeq) {
      for (const day of st.data.reportDays.changedSince(this.seenSeq)) {
        this.kept.delete(day);
        if (saved.has(day)) drop.push(day);
      }
    }
    this.seenSeq = seq;
    this.timeZone = tz;
    if (all) saved.clear();
    for (const day of drop) saved.delete(day);
    if (all || drop.length > 0 || seq - this.savedSeq > SAVE_SEQ_EVERY) {
      this.tryWrite(seq, () => {
        if (all) st.data.reportDays.clear();
        for (const day of drop) st.data.reportDays.remove(day);
      });
    }
  }

  /** Saved days of the range not in memory yet, into memory. */
  private loadSavedDays(from: string, to: string): void {
    const saved = this.saved!;
    let missing = false;
    for (let d = from; d <= to && !missing; d = nextDay(d)) missing = saved.has(d) && !this.kept.has(d);
    if (!missing) return;
    const rows = this.store.data.reportDays.savedDays(from, to);
    for (const r of rows)
      if (saved.has(r.day) && !this.kept.has(r.day)) this.keep(r.day, dayFromJson(r.figures));
  }

  /** Days read from the tickets, saved with the log position they are valid at. */
  private saveDays(days: [string, DayFigures | null][]): void {
    const reportDays = this.store.data.reportDays;
    const saved = this.saved!;
    const after = new Set([...saved, ...days.map(([day]) => day)]);
    // The oldest beyond the limit go (a report that old reads its tickets again).
    const evicted = after.size > MAX_KEPT_DAYS ? [...after].sort().slice(0, after.size - MAX_KEPT_DAYS) : [];
    const written = this.tryWrite(this.seenSeq, () => {
      for (const [day, figures] of days) reportDays.put(day, dayToJson(figures));
      for (const day of evicted) reportDays.remove(day);
    });
    if (!written) return;
    for (const [day] of days) saved.add(day);
    for (const day of evicted) saved.delete(day);
  }

  /** The figures of each day of the period; days before `today` are kept for next time. */
  private days(from: string, to: string, today: string): DayFigures[] {
    this.forgetChanged();
    const lastPast = to < today ? to : daysBefore(today, 1);
    if (from <= lastPast) this.loadSavedDays(from, lastPast);
    const out: DayFigures[] = [];
    const fresh: [string, DayFigures | null][] = [];
    let runStart: string | null = null;
    const readRun = (end: string) => {
      if (runStart === null) return;
      const read = readDays(this.store, runStart, end, this.timeZone);
      for (let d = runStart; d <= end; d = nextDay(d)) {
        const figures = read.get(d) ?? null;
        if (d < today) {
          this.keep(d, figures);
          fresh.push([d, figures]);
        }
        if (figures) out.push(figures);
      }
      runStart = null;
    };
    let last = from;
    for (let d = from; d <= to; d = nextDay(d)) {
      const kept = d < today ? this.kept.get(d) : undefined;
      if (kept === undefined) {
        runStart ??= d;
      } else {
        readRun(last);
        if (kept) out.push(kept);
      }
      last = d;
    }
    readRun(to);
    if (fresh.length > 0) this.saveDays(fresh);
    return out.sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  private readingAhead: Promise<number> | null = null;

  /**
   * Reads the year of days before `today` in the background, a week per turn of the event loop
   * (a few milliseconds each, between commands), so that a long period asked for later is
   * answered from kept days. Resolves with the number of days read; stops if the database closes.
   */
  readAhead(today: string): Promise<number> {
    this.readingAhead ??= new Promise<number>((resolve, reject) => {
      const first = daysBefore(today, MAX_REPORT_DAYS);
      let end = daysBefore(today, 1);
      let read = 0;
      let loaded = false;
      const step = () => {
        try {
          if (!this.store.db.open || end < first) return resolve(read);
          if (!loaded) {
            // First the days saved by an earlier run (one query), then what is still missing.
            loaded = true;
            this.forgetChanged();
            this.loadSavedDays(first, end);
            return setImmediate(step);
          }
          const weekStart = daysBefore(end, 6);
          // biome-ignore lint/complexity/useMathMinMax: days are YYYY-MM-DD strings, not numbers
          const start = weekStart < first ? first : weekStart;
          this.days(start, end, today);
          read += daysBetween(start, end);
          end = daysBefore(start, 1);
          setImmediate(step);
        } catch (error) {
          reject(error);
        }
      };
      setImmediate(step);
    });
    return this.readingAhead;
  }

  private keep(day: string, figures: DayFigures | null): void {
    this.kept.delete(day);
    this.kept.set(day, figures);
    if (this.kept.size > MAX_KEPT_DAYS) this.kept.delete(this.kept.keys().next().value!);
  }

  period(from: string, to: string, today: string, targetWaitMinutes: number): PeriodReport {
    const days = this.days(from, to, today);
    const totals = new Partition();
    const byService = new Map<string, Partition>();
    const byCounter = new Map<string, Partition>();
    const byOfficer = new Map<string, Partition>();
    const procedures = new Map<string, number>();
    const hours = Array.from({ length: 24 }, () => ({ issued: 0, served: 0, waitSum: 0, waitCount: 0 }));
    const byDay: PeriodReport['byDay'] = [];
    for (const day of days) {
      const daySums: FigureSums = emptySums();
      for (const g of day.groups) {
        addSums(daySums, g);
        totals.add(g);
        partitionOf(byService, g.serviceId).add(g);
        if (g.counterId) partitionOf(byCounter, g.counterId).add(g);
        if (g.officerId) partitionOf(byOfficer, g.officerId).add(g);
      }
      day.hours.forEach((h, i) => {
        const into = hours[i]!;
        into.issued += h.issued;
        into.served += h.served;
        into.waitSum += h.waitSum;
        into.waitCount += h.waitCount;
      });
      for (const [id, n] of day.procedures) procedures.set(id, (procedures.get(id) ?? 0) + n);
      if (daySums.issued > 0) {
        byDay.push({
          date: day.day,
          issued: daySums.issued,
          served: daySums.served,
          noShow: daySums.noShow,
          avgWaitSeconds: avgWaitSeconds(daySums),
        });
      }
    }

    const target = targetWaitMs(targetWaitMinutes);
    const names = this.catalogue();
    const active = hours.flatMap((h, hour) => (h.issued > 0 || h.served > 0 ? [hour] : []));
    const allWaits = totals.waits();
    const distribution = waitDistribution(allWaits);
    return {
      from,
      to,
      days: daysBetween(from, to),
      targetWaitMinutes,
      totals: totals.figures(target, allWaits),
      byService: [...byService]
        .map(([serviceId, p]) => ({ serviceId, service: names.services.get(serviceId), p }))
        .sort(
          (a, b) => (a.service?.order ?? 1e9) - (b.service?.order ?? 1e9) || cmp(a.serviceId, b.serviceId),
        )
        .map(({ serviceId, service, p }) => ({
          serviceId,
          name: service?.name ?? serviceId,
          ...p.figures(target),
        })),
      byCounter: [...byCounter]
        .map(([counterId, p]) => {
          const c = names.counters.get(counterId);
          return { counterId, number: c?.number ?? 0, name: c?.name ?? counterId, ...p.figures(target) };
        })
        .sort((a, b) => a.number - b.number || cmp(a.counterId, b.counterId)),
      byOfficer: [...byOfficer]
        .map(([officerId, p]) => ({
          officerId,
          displayName: names.users.get(officerId) ?? officerId,
          ...p.figures(target),
        }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi') || cmp(a.officerId, b.officerId)),
      byProcedure: [...procedures]
        .map(([procedureId, count]) => {
          const p = names.procedures.get(procedureId);
          return { procedureId, serviceId: p?.serviceId ?? '', name: p?.name ?? procedureId, count };
        })
        .sort((a, b) => b.count - a.count || cmp(a.procedureId, b.procedureId)),
      byHour:
        active.length === 0
          ? []
          : hours.slice(active[0], active.at(-1)! + 1).map((h, i) => ({
              hour: active[0]! + i,
              issued: h.issued,
              served: h.served,
              avgWaitSeconds: averageSeconds(h.waitSum, h.waitCount),
            })),
      byDay,
      waitDistribution: distribution,
    };
  }

  /** Names of everything a breakdown may mention, inactive ones included. */
  private catalogue() {
    const names = this.store.data.reportFigures;
    return {
      services: new Map(names.serviceNames().map((s, order) => [s.id, { name: s.name, order }])),
      counters: new Map(names.counterNames().map((c) => [c.id, c])),
      users: new Map(names.userNames().map((u) => [u.id, u.display_name])),
      procedures: new Map(
        names.procedureNames().map((p) => [p.id, { serviceId: p.service_id, name: p.name }]),
      ),
    };
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const daysBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
