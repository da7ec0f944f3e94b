// The hub's API, reports: Figures of a day and of any period, and their exports.
import { PeriodReport, ReportExportQuery, ReportQuery } from '../reports.ts';
import { DayStats, StatsDayQuery } from '../schemas.ts';
import { endpoint, READERS } from './endpoint.ts';
import { FileDownload, REPORT_FILE_TYPES } from './files.ts';

export const REPORTS_API = {
  'stats:day': endpoint({
    method: 'GET',
    path: '/api/v1/stats/day',
    summary: 'Figures of one service day (default today)',
    access: READERS,
    query: StatsDayQuery,
    response: DayStats,
  }),
  'reports:period': endpoint({
    method: 'GET',
    path: '/api/v1/reports',
    summary:
      'Figures of a period of service days (default today): totals and by field, counter, officer, procedure, hour, day; wait distribution',
    access: READERS,
    query: ReportQuery,
    response: PeriodReport,
  }),
  'reports:export': endpoint({
    method: 'GET',
    path: '/api/v1/reports/export',
    summary:
      'The period report as a file to download: xlsx (one sheet per breakdown) or csv (totals and by field), Vietnamese headings',
    access: READERS,
    query: ReportExportQuery,
    response: FileDownload,
    produces: REPORT_FILE_TYPES,
  }),
};
