// Handlers of the hub's report commands (contract: @luot/shared contract/reports.ts): a day's
// statistics, a period's figures and their exports.

import { exportReport } from '../reports/export.ts';
import { periodReport } from '../reports/reports-of.ts';
import { FileReply, handlers } from './kit.ts';

export const REPORT_HANDLERS = handlers({
  'stats:day': ({ hub, query }) => hub.statsForDay(query.date ?? hub.serviceDay),

  'reports:period': ({ hub, query }) => periodReport(hub, query),
  'reports:export': async ({ hub, query }) => {
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
});
