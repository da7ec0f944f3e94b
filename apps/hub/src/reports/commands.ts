// Report commands (issue 7): period statistics, breakdowns and exports. Merged into COMMANDS.
import { PeriodReport, ReportExportQuery, ReportQuery } from '@luot/shared';
import { z } from 'zod';
import { centreSettings } from '../admin/settings.ts';
import { type Command, type CommandInput, command, FileReply } from '../command-kit.ts';
import type { Hub } from '../hub.ts';
import { CONTENT_TYPES, exportReport } from './export.ts';
import { Reports } from './period.ts';

const READERS = { users: ['admin', 'director'] } as const;
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

export const REPORT_COMMANDS = {
  'reports:period': command({
    method: 'GET',
    path: '/api/v1/reports',
    summary:
      'Figures of a period of service days (default today): totals and by field, counter, officer, procedure, hour, day; wait distribution',
    access: READERS,
    query: ReportQuery,
    response: PeriodReport,
    handler: ({ hub, query }: CommandInput<unknown, unknown, z.infer<typeof ReportQuery>>) =>
      periodReport(hub, query),
  }),
  'reports:export': command({
    method: 'GET',
    path: '/api/v1/reports/export',
    summary:
      'The period report as a file to download: xlsx (one sheet per breakdown) or csv (totals and by field), Vietnamese headings',
    access: READERS,
    query: ReportExportQuery,
    response: z.instanceof(FileReply),
    produces: Object.values(CONTENT_TYPES),
    handler: async ({ hub, query }: CommandInput<unknown, unknown, z.infer<typeof ReportExportQuery>>) => {
      const report = periodReport(hub, query);
      const started = performance.now();
      const file = await exportReport(
        report,
        query.format ?? 'xlsx',
        hub.store.centre().name,
        new Date(hub.now()),
        hub.log,
      );
      const ms = Math.round(performance.now() - started);
      hub.log.info(
        { from: report.from, to: report.to, format: query.format ?? 'xlsx', bytes: file.body.length, ms },
        'report exported',
      );
      return new FileReply(file.filename, file.contentType, file.body);
    },
  }),
} satisfies Record<string, Command>;
