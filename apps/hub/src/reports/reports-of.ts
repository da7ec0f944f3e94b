// The hub's report reader: one per hub, reading past days ahead; a period's report, timed.
import type { PeriodReport } from '@luot/shared';
import { centreSettings } from '../admin/settings.ts';
import type { Hub } from '../hub.ts';
import { Reports } from './period.ts';

/** Reports slower than this are logged (a query that matters should not take longer). */
const SLOW_REPORT_MS = 20;

const reportsOf = new WeakMap<Hub, Reports>();

/**
 * The hub's report reader. The first call (the hub calls it once it listens) starts reading
 * the past year's days in the background, so that the first long report is answered quickly.
 */
export function reportsFor(hub: Hub): Reports {
  let reports = reportsOf.get(hub);
  if (!reports) {
    reports = new Reports(hub.store, (error) =>
      hub.log.warn(
        { err: error },
        'saving report days failed: they are read from the tickets until the hub restarts',
      ),
    );
    reportsOf.set(hub, reports);
    const started = performance.now();
    const ahead = reports.readAhead(hub.serviceDay);
    ahead.then(
      (days) => hub.log.info({ days, ms: Math.round(performance.now() - started) }, 'report days read ahead'),
      (error) => hub.log.error({ err: error }, 'reading report days ahead failed'),
    );
  }
  return reports;
}

/** The report of a period (both ends left out: today), timed and logged when slow. */
export function periodReport(
  hub: Hub,
  query: { from?: string | undefined; to?: string | undefined },
): PeriodReport {
  const today = hub.serviceDay;
  const from = query.from ?? today;
  const to = query.to ?? today;
  const reports = reportsFor(hub);
  const started = performance.now();
  const report = reports.period(from, to, today, centreSettings(hub.store).targetWaitMinutes);
  const ms = performance.now() - started;
  if (ms > SLOW_REPORT_MS) hub.log.info({ from, to, ms: Math.round(ms) }, 'report computed');
  return report;
}
