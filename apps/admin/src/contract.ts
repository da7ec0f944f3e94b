// The hub's answers the dashboard reads, as @luot/shared declares them (admin.ts, reports.ts),
// and the parts of them the screens take.
import type { Overview, PeriodReport } from '@luot/shared';

export type { Overview, OverviewAlert, PeriodReport, ReportFigures as Figures } from '@luot/shared';
export type OverviewField = Overview['fields'][number];
export type OverviewCounter = Overview['counters'][number];
export type WaitBucket = PeriodReport['waitDistribution'][number];
