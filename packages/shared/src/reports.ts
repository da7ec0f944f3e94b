// Report schemas: figures of a period of service days, with breakdowns and exports.
import { z } from 'zod';
import { Day } from './schemas.ts';

/** The longest period one report may cover, in days (a leap year). */
export const MAX_REPORT_DAYS = 366;

/** Calendar days from `from` to `to`, both included (1 for a single day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Wait buckets of `waitDistribution`, in minutes: from inclusive, to exclusive (null = no end). */
export const WAIT_BUCKETS: readonly (readonly [number, number | null])[] = [
  [0, 5],
  [5, 10],
  [10, 15],
  [15, 20],
  [20, 30],
  [30, 45],
  [45, 60],
  [60, null],
];

const period = z.strictObject({
  from: Day.optional().describe('first service day, YYYY-MM-DD (with `to`; both left out: today)'),
  to: Day.optional().describe(
    'last service day, YYYY-MM-DD, at most 366 days after `from` counted inclusively',
  ),
});

function checkPeriod(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from === undefined && q.to === undefined) return;
  if (q.from === undefined || q.to === undefined) {
    const missing = q.from === undefined ? 'from' : 'to';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: 'required with from and to (or leave both out)',
    });
    return;
  }
  if (q.to < q.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${q.from})` });
  } else if (daysBetween(q.from, q.to) > MAX_REPORT_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `a report covers at most ${MAX_REPORT_DAYS} days`,
    });
  }
}

/** GET /api/v1/reports: the period; both left out is today. */
export const ReportQuery = period.superRefine(checkPeriod);
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportFormat = z.enum(['xlsx', 'csv']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** GET /api/v1/reports/export: the period and the file format (default xlsx). */
export const ReportExportQuery = period
  .extend({ format: ReportFormat.optional().describe('xlsx (default) or csv') })
  .superRefine(checkPeriod);
export type ReportExportQuery = z.infer<typeof ReportExportQuery>;

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);

/** The figures of the whole period, and of each field, counter and officer. */
export const ReportFigures = z.object({
  issued: count.describe('tickets issued (by their field after any transfer)'),
  served: count.describe('tickets done'),
  noShow: count,
  cancelled: count,
  expired: count,
  avgWaitSeconds: z.number().nullable().describe('called minus issued, over called tickets; null if none'),
  p90WaitSeconds: z.number().nullable().describe('nearest-rank 90th percentile of the waits'),
  avgServiceSeconds: z.number().nullable().describe('finished minus started, over done tickets'),
  withinTargetShare: share
    .nullable()
    .describe('share of called tickets that waited at most targetWaitMinutes; null if none was called'),
  ratings: z.object({ '1': count, '2': count, '3': count, '4': count }),
  satisfiedShare: share.nullable().describe('ratings 3 and 4 over all ratings; null if none'),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const PeriodReport = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int().describe('calendar days in the period'),
  targetWaitMinutes: z.number().int(),
  totals: ReportFigures,
  byService: z.array(z.object({ serviceId: z.string(), name: z.string(), ...ReportFigures.shape })),
  byCounter: z.array(
    z.object({ counterId: z.string(), number: z.number().int(), name: z.string(), ...ReportFigures.shape }),
  ),
  byOfficer: z.array(z.object({ officerId: z.string(), displayName: z.string(), ...ReportFigures.shape })),
  byProcedure: z.array(z.object({ procedureId: z.string(), serviceId: z.string(), name: z.string(), count })),
  byHour: z
    .array(
      z.object({
        hour: z.number().int().min(0).max(23),
        issued: count,
        served: count,
        avgWaitSeconds: z.number().nullable(),
      }),
    )
    .describe('local hours from the first to the last with tickets, zeros in between'),
  byDay: z
    .array(
      z.object({
        date: z.string(),
        issued: count,
        served: count,
        noShow: count,
        avgWaitSeconds: z.number().nullable(),
      }),
    )
    .describe('service days with tickets, oldest first'),
  waitDistribution: z.array(
    z.object({ fromMinutes: z.number().int(), toMinutes: z.number().int().nullable(), count }),
  ),
});
export type PeriodReport = z.infer<typeof PeriodReport>;
