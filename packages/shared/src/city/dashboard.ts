// zod schemas of the city dashboard's API (/city/): the overview of every centre for a period with
// its live state, one centre's breakdowns, the city's settings, and its users. Figures follow the
// one definition in figures.ts (withinTargetShare, noShowShare, satisfiedShare).
import { z } from 'zod';
import { Day, IsoTime, NewPassword, Text, Username } from '../schemas.ts';
import { CentreCode, CityFigures, CityRole, CityUser } from './schemas.ts';

const Share = z.number().min(0).max(1).nullable().describe('0..1, four decimals; null when nothing to count');

/** The shares the city compares centres by, next to their figures. */
export const CityShares = z.object({
  /** Called tickets whose wait was at most the city's target wait. */
  withinTargetShare: Share,
  /** No-shows over tickets called. */
  noShowShare: Share,
  /** Ratings "rất hài lòng" (4) and "hài lòng" (3) over all ratings. */
  satisfiedShare: Share,
});
export const CityFiguresWithShares = CityFigures.extend(CityShares.shape);
export type CityFiguresWithShares = z.infer<typeof CityFiguresWithShares>;

/** A centre's last live snapshot as the city received it (null when it never sent one). */
export const CentreLive = z.object({
  at: IsoTime,
  waiting: z.number().int(),
  countersOpen: z.number().int(),
  longestWaitSeconds: z.number().nullable(),
});
export type CentreLive = z.infer<typeof CentreLive>;

export const CityPeriodQuery = z.strictObject({ from: Day, to: Day }).refine((q) => q.from <= q.to, {
  message: 'from after to',
  path: ['from'],
});

export const OverviewCentre = CityFiguresWithShares.extend({
  code: z.string(),
  name: z.string(),
  enrolled: z.boolean(),
  lastReportAt: IsoTime.nullable(),
  live: CentreLive.nullable(),
  /** 1 = best share within the target wait (then shorter average wait); null without a called ticket. */
  rank: z.number().int().nullable(),
});
export type OverviewCentre = z.infer<typeof OverviewCentre>;

export const CityOverviewResponse = z.object({
  from: z.string(),
  to: z.string(),
  targetWaitMinutes: z.number(),
  generatedAt: IsoTime,
  centres: z.array(OverviewCentre),
  total: CityFiguresWithShares,
});
export type CityOverviewResponse = z.infer<typeof CityOverviewResponse>;

export const CentreCodeParams = z.strictObject({ code: CentreCode });

/** One row of a breakdown: figures of the tickets with this key. */
export const BreakdownRow = CityFiguresWithShares.extend({ key: z.string(), name: z.string() });
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const CentreReportResponse = z.object({
  centre: z.object({
    code: z.string(),
    name: z.string(),
    enrolled: z.boolean(),
    lastReportAt: IsoTime.nullable(),
    live: CentreLive.nullable(),
  }),
  from: z.string(),
  to: z.string(),
  targetWaitMinutes: z.number(),
  total: CityFiguresWithShares,
  /** Every service day in [from, to] with tickets, ascending; `reconciled` null for an open day. */
  days: z.array(BreakdownRow.extend({ reconciled: z.boolean().nullable() })),
  /** By field (key = field code). */
  fields: z.array(BreakdownRow),
  /** By national procedure code (key = code; a ticket with several codes counts in each). */
  procedures: z.array(BreakdownRow),
  /** By hour of issue, local time of the centre (key = '07'…'17'). */
  hours: z.array(BreakdownRow),
});
export type CentreReportResponse = z.infer<typeof CentreReportResponse>;

/** What an export is broken down by. */
export const ExportBy = z.enum(['centre', 'field', 'procedure']);
export const CityExportQuery = z.strictObject({
  from: Day,
  to: Day,
  by: ExportBy.default('centre'),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const CitySettings = z.strictObject({
  /** The target wait: a ticket called within it counts as served in time. */
  targetWaitMinutes: z.number().int().min(1).max(240),
  /** A centre whose current longest wait passes this raises an alert. */
  longWaitMinutes: z.number().int().min(5).max(480),
  /** A centre silent this long during office hours raises an alert. */
  silentMinutes: z.number().int().min(5).max(240),
});
export type CitySettings = z.infer<typeof CitySettings>;
export const CITY_SETTINGS_DEFAULTS: CitySettings = {
  targetWaitMinutes: 15,
  longWaitMinutes: 30,
  silentMinutes: 15,
};
export const CitySettingsResponse = z.object({ settings: CitySettings });

export const CityUserListItem = CityUser.extend({ createdAt: IsoTime, locked: z.boolean() });
export const CityUsersResponse = z.object({ users: z.array(CityUserListItem) });
export const CreateCityUserRequest = z.strictObject({
  username: Username,
  displayName: Text(100).pipe(z.string().min(1, 'required')),
  role: CityRole,
  password: NewPassword,
});
export const CityUserResponse = z.object({ user: CityUser });
export const CityUserParams = z.strictObject({ id: z.string().min(1).max(64) });

/** A revoked centre is no longer enrolled: its reports are refused until it enrols with a new code. */
export const RevokeCentreResponse = z.object({
  centre: z.object({ code: z.string(), enrolled: z.literal(false) }),
});
