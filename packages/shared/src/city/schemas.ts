// zod schemas of the city's public contract (API.md, "The city"): the report a centre signs and
// sends, the city's answers, and the hub's own city endpoints. One declaration drives the hub's
// sender, the city's validation and the city's OpenAPI document.
import { z } from 'zod';
import { Channel, Priority, TicketStatus } from '../domain.ts';
import { Day, IsoTime, LoginRequest, Text } from '../schemas.ts';

/** A centre's code at the city: the city's identifier of the commune or ward. */
export const CentreCode = z
  .string()
  .min(1, 'required')
  .max(32, 'at most 32 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

/** An ISO 8601 time with its offset, as the protocol writes every instant. */
export const ReportTime = z.iso.datetime({ offset: true, message: 'an ISO 8601 time with offset' });

const Count = z.number().int().min(0).max(10_000_000);
const Seconds = z.number().min(0).max(100_000_000).nullable();

export const CityRatings = z.strictObject({ '1': Count, '2': Count, '3': Count, '4': Count });

/** The figures the city and the hub compute the same way (docs/glossary.md, Figures). */
export const CityFigures = z.strictObject({
  issued: Count,
  served: Count,
  noShow: Count,
  cancelled: Count,
  expired: Count,
  avgWaitSeconds: Seconds,
  p90WaitSeconds: Seconds,
  avgServiceSeconds: Seconds,
  ratings: CityRatings,
});
export type CityFigures = z.infer<typeof CityFigures>;

/** The latest state of one ticket, as a report carries it. */
export const ReportTicket = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a valid id'),
  serviceDay: Day,
  service: z.strictObject({ code: z.string().min(1).max(32), name: Text(200) }),
  procedureCodes: z.array(z.string().min(1).max(64)).max(20),
  priority: Priority.nullable(),
  channel: Channel,
  status: TicketStatus,
  issuedAt: ReportTime,
  calledAt: ReportTime.nullable(),
  startedAt: ReportTime.nullable(),
  finishedAt: ReportTime.nullable(),
  counterNumber: z.number().int().min(0).max(9999).nullable(),
  officer: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'a pseudonymous id')
    .nullable()
    .describe('a pseudonymous id of the officer, never a name'),
  recallCount: z.number().int().min(0).max(1000),
  rating: z.number().int().min(1).max(4).nullable(),
  version: z.number().int().min(1).describe('the event-log seq of this state; the city keeps the highest'),
});
export type ReportTicket = z.infer<typeof ReportTicket>;

/** A closed day's figures as the hub computed them ("daily counts"). */
export const ReportDay = CityFigures.extend({ date: Day });
export type ReportDay = z.infer<typeof ReportDay>;

export const LiveSnapshot = z.strictObject({
  at: ReportTime,
  waiting: Count,
  countersOpen: Count,
  longestWaitSeconds: z.number().int().min(0).max(100_000_000).nullable(),
});
export type LiveSnapshot = z.infer<typeof LiveSnapshot>;

/** Most tickets one report may carry (a hub sends at most this many per batch). */
export const REPORT_MAX_TICKETS = 5000;
/** Largest report body the city reads (API.md: over 4 MiB is 413). */
export const REPORT_MAX_BYTES = 4 * 1024 * 1024;

export const Report = z
  .strictObject({
    centre: CentreCode,
    fromSeq: z.number().int().min(1),
    toSeq: z.number().int().min(0),
    sentAt: ReportTime,
    tickets: z.array(ReportTicket).max(REPORT_MAX_TICKETS),
    days: z.array(ReportDay).max(400),
    live: LiveSnapshot.nullable().optional(),
  })
  .refine((r) => r.toSeq >= r.fromSeq - 1, { message: 'toSeq below fromSeq - 1', path: ['toSeq'] })
  .refine((r) => r.tickets.every((t) => t.version <= r.toSeq), {
    message: 'a ticket version beyond toSeq',
    path: ['tickets'],
  });
export type Report = z.infer<typeof Report>;

export const ReportAck = z.object({ ackedSeq: z.number().int() });
export type ReportAck = z.infer<typeof ReportAck>;

// ---- the city's endpoints

export const CityRole = z.enum(['admin', 'viewer']);
export type CityRole = z.infer<typeof CityRole>;

export const CityUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: CityRole,
});
export type CityUser = z.infer<typeof CityUser>;

export const CityHealth = z.object({ status: z.literal('ok'), version: z.string() });
export const CityLoginRequest = LoginRequest;
export const CityLoginResponse = z.object({ token: z.string(), user: CityUser, expiresAt: IsoTime });

export const CentreRef = z.object({ code: z.string(), name: z.string() });

export const CreateCentreRequest = z.strictObject({
  code: CentreCode,
  name: Text(200).pipe(z.string().min(1, 'required')),
});
export const CreateCentreResponse = z.object({
  centre: CentreRef,
  enrolmentCode: z.string(),
  expiresAt: IsoTime,
});

/** An Ed25519 public key, SPKI PEM. */
export const PublicKeyPem = z
  .string()
  .max(2000)
  .regex(
    /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\r?\n?$/,
    'an SPKI PEM public key',
  );

export const EnrolRequest = z.strictObject({
  enrolmentCode: z.string().min(1, 'required').max(64),
  publicKey: PublicKeyPem,
});
export const EnrolResponse = z.object({ centre: CentreRef });

export const CentreListItem = z.object({
  code: z.string(),
  name: z.string(),
  enrolled: z.boolean(),
  lastReportAt: IsoTime.nullable(),
  ackedSeq: z.number().int(),
});
export const CentresResponse = z.object({ centres: z.array(CentreListItem) });

export const CityStatsQuery = z.strictObject({
  from: Day,
  to: Day,
  centre: CentreCode.optional(),
});
export const CityStatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  centres: z.array(CityFigures.extend({ code: z.string(), name: z.string() })),
  total: CityFigures,
});
export type CityStatsResponse = z.infer<typeof CityStatsResponse>;

const AlertCentre = z.object({ code: z.string(), name: z.string() });
export const CityAlert = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('silent'), centre: AlertCentre, since: IsoTime.nullable() }),
  z.object({ kind: z.literal('unreconciled'), centre: AlertCentre, date: z.string() }),
  z.object({
    kind: z.literal('long_wait'),
    centre: AlertCentre,
    longestWaitSeconds: z.number(),
    at: IsoTime,
  }),
]);
export const CityAlertsResponse = z.object({ alerts: z.array(CityAlert) });

// ---- the hub's side (API.md, "The hub's side")

export const CityJoinRequest = z.strictObject({
  cityUrl: z.url({ protocol: /^https?$/, message: 'an http(s) URL of the city server' }).max(500),
  enrolmentCode: z.string().trim().min(1, 'required').max(64),
});
export const CityLink = z.object({
  url: z.string(),
  centreCode: z.string(),
  ackedSeq: z.number().int(),
  lastSentAt: IsoTime.nullable(),
  lastError: z.string().nullable(),
});
export type CityLink = z.infer<typeof CityLink>;
export const CityJoinResponse = z.object({ city: z.object({ url: z.string(), centreCode: z.string() }) });
export const CityStatusResponse = z.object({ city: CityLink.nullable() });
