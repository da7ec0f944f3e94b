// zod schemas of every REST body and answer in API.md; types are inferred from them.
import { z } from 'zod';
import { CallPolicy, Channel, CounterState, DeviceKind, Priority, Role, TicketStatus } from './domain.ts';
import { OpeningHours } from './opening-hours.ts';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from './passwords.ts';
import { isValidDay } from './service-day.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Ids the hub hands out: url-safe, bounded. */
export const Id = z
  .string()
  .min(1, 'required')
  .max(64, 'too long')
  .regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');

/**
 * Invisible characters that make a name look like another in a list: every Unicode
 * format character (Cf) — bidirectional embeddings, overrides and isolates U+202A–U+202E and
 * U+2066–U+2069, the marks U+200E, U+200F and U+061C, zero-width spaces and joiners U+200B–U+200D,
 * the word joiner U+2060, U+FEFF, the soft hyphen, tag characters — and the blank Hangul fillers
 * and the combining grapheme joiner, which show nothing. Vietnamese needs none of them.
 */
const INVISIBLE_CHARS = /\p{Cf}|\u034f|[\u115f\u1160\u3164\uffa0]/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Human text typed by a person: no control or invisible characters, bounded, trimmed. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s), 'contains control characters')
    .superRefine((s, ctx) => {
      const found = INVISIBLE_CHARS.exec(s);
      if (found) {
        ctx.addIssue({
          code: 'custom',
          message: `contains an invisible or direction-changing character (${codePoint(found[0])}): remove it`,
        });
      }
    });

export const IsoTime = z.string().describe('ISO 8601 time');
export const Day = z.string().refine(isValidDay, 'a date as YYYY-MM-DD').describe('YYYY-MM-DD');

// ---- Domain objects -------------------------------------------------------

export const Procedure = z.object({
  id: z.string(),
  code: z.string().nullable().describe('national procedure code, where known'),
  name: z.string(),
  nameEn: z.string(),
});
export type Procedure = z.infer<typeof Procedure>;

export const Service = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  prefix: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  icon: z.string(),
  active: z.boolean(),
  procedures: z.array(Procedure),
});
export type Service = z.infer<typeof Service>;

export const Ticket = z.object({
  id: z.string(),
  serviceDay: z.string(),
  serviceId: z.string(),
  procedureId: z.string().nullable(),
  number: z.number().int(),
  displayNumber: z.string(),
  priority: Priority.nullable(),
  channel: Channel,
  status: TicketStatus,
  issuedAt: IsoTime,
  calledAt: IsoTime.nullable(),
  startedAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
  counterId: z.string().nullable(),
  counterNumber: z.number().int().nullable(),
  officerId: z.string().nullable(),
  procedureIds: z.array(z.string()),
  recallCount: z.number().int(),
  rating: z.number().int().min(1).max(4).nullable(),
  targetCounterId: z
    .string()
    .nullable()
    .describe('while waiting: the counter it was transferred or reinstated to'),
  note: z.string().nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

export const OfficerRef = z.object({ id: z.string(), displayName: z.string() });

export const Counter = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  zone: z.string(),
  serviceIds: z.array(z.string()),
  callPolicy: CallPolicy,
  state: CounterState,
  pauseReason: z.string().nullable(),
  officer: OfficerRef.nullable(),
  currentTicket: Ticket.nullable(),
});
export type Counter = z.infer<typeof Counter>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type User = z.infer<typeof User>;

export const Device = z.object({ id: z.string(), kind: DeviceKind, name: z.string() });
export type Device = z.infer<typeof Device>;

// ---- Requests -------------------------------------------------------------

export const Username = z
  .string()
  .min(1, 'required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');

export const LoginRequest = z.strictObject({
  username: z.string().min(1, 'required').max(64, 'at most 64 characters'),
  password: z.string().min(1, 'required').max(200, 'at most 200 characters'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** A password being set: not too short, trivial or common (passwords.ts). */
export const NewPassword = z
  .string()
  .max(200, 'at most 200 characters')
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: PASSWORD_PROBLEM_MESSAGES[problem] });
  });

export const CreateUserRequest = z
  .strictObject({
    username: Username,
    password: NewPassword,
    displayName: Text(100).pipe(z.string().min(1, 'required')),
    role: Role,
  })
  .superRefine((user, ctx) => {
    if (passwordProblem(user.password, user.username) === 'like_username') {
      ctx.addIssue({ code: 'custom', path: ['password'], message: PASSWORD_PROBLEM_MESSAGES.like_username });
    }
  });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const PairingCodeRequest = z.strictObject({
  kind: DeviceKind,
  name: Text(100).pipe(z.string().min(1, 'required')),
  counterId: Id.optional().describe('counter devices: the counter they belong to'),
  zone: Text(40).optional().describe('display devices: the zone they show'),
});
export type PairingCodeRequest = z.infer<typeof PairingCodeRequest>;

export const PairRequest = z.strictObject({
  code: z.string().min(1, 'required').max(32, 'at most 32 characters'),
});
export type PairRequest = z.infer<typeof PairRequest>;

export const IssueTicketRequest = z.strictObject({
  serviceId: Id,
  procedureId: Id.nullish(),
  priority: Priority.nullish(),
  channel: Channel.optional(),
});
export type IssueTicketRequest = z.infer<typeof IssueTicketRequest>;

export const IdempotencyKey = z
  .string()
  .min(8, 'at least 8 characters')
  .max(128, 'at most 128 characters')
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export const PauseRequest = z.strictObject({ reason: Text(200).optional() });
export type PauseRequest = z.infer<typeof PauseRequest>;

export const CallTicketRequest = z.strictObject({ ticketId: Id });
export type CallTicketRequest = z.infer<typeof CallTicketRequest>;

export const FinishRequest = z.strictObject({
  procedureIds: z.array(Id).min(1, 'choose at least one procedure').max(20, 'at most 20'),
  note: Text(500).optional(),
});
export type FinishRequest = z.infer<typeof FinishRequest>;

export const TransferRequest = z
  .strictObject({
    serviceId: Id.optional(),
    counterId: Id.optional(),
    reason: Text(200).optional(),
  })
  .refine((b) => b.serviceId !== undefined || b.counterId !== undefined, {
    message: 'serviceId or counterId is required',
    path: ['serviceId'],
  });
export type TransferRequest = z.infer<typeof TransferRequest>;

export const RatingRequest = z.strictObject({
  score: z.number().int('a whole number').min(1, 'from 1 to 4').max(4, 'from 1 to 4'),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

export const EmptyBody = z.strictObject({});

export const IdParams = z.strictObject({ id: Id });
export const StatsDayQuery = z.strictObject({ date: Day.optional() });

// ---- Answers --------------------------------------------------------------

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  serviceDay: z.string(),
  centre: z.object({ code: z.string(), name: z.string() }),
});
/** The director's thresholds (centre settings; edited with PUT /api/v1/centre). */
export const CentreThresholds = z.object({
  targetWaitMinutes: z.number().int().describe('"served within target wait": waited at most this long'),
  alertWaitMinutes: z.number().int().describe('a ticket waiting longer is an alert'),
  idleAlertMinutes: z
    .number()
    .int()
    .describe('a counter idle or paused while people wait longer is an alert'),
  deviceSilentMinutes: z.number().int().describe('a device not seen for longer is an alert'),
});
export type CentreThresholds = z.infer<typeof CentreThresholds>;
export const Centre = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  timeZone: z.string().describe('IANA zone the opening hours are in'),
  address: z.string(),
  hotline: z.string(),
  openingHours: OpeningHours.describe('empty: always open'),
  openNow: z.boolean().describe('whether the centre is within its opening hours, by the hub clock'),
  notice: z.string().nullable().describe('text the wall displays scroll; null: none'),
  thresholds: CentreThresholds,
});
export type Centre = z.infer<typeof Centre>;
export const CentreResponse = z.object({ centre: Centre });
export const LoginResponse = z.object({ token: z.string(), user: User, expiresAt: IsoTime });
export const UserResponse = z.object({ user: User });
export const PairingCodeResponse = z.object({ code: z.string(), expiresAt: IsoTime });
export const PairResponse = z.object({ device: Device, token: z.string() });
export const ServicesResponse = z.object({ services: z.array(Service) });
export const CountersResponse = z.object({ counters: z.array(Counter) });
export const CounterResponse = z.object({ counter: Counter });
export const TicketResponse = z.object({ ticket: Ticket });
export const NullableTicketResponse = z.object({ ticket: Ticket.nullable() });
export const TicketWithWaitResponse = z.object({
  ticket: Ticket,
  waitingAhead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
});
export type TicketWithWait = z.infer<typeof TicketWithWaitResponse>;

export const QueueSnapshot = z.object({
  serviceDay: z.string(),
  seq: z.number().int(),
  tickets: z.array(Ticket),
  counters: z.array(Counter),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

// ---- The public view of tickets (changed 2026-12-04) ----------------------

/**
 * What only staff (user tokens) see of a ticket: the officer's note can hold personal data (ID
 * card, phone), and who served it, what was handled and the citizen's rating are internal.
 */
export const PRIVATE_TICKET_FIELDS = ['note', 'officerId', 'procedureIds', 'rating'] as const;

/**
 * A ticket's public view: what anonymous callers (the citizen's status page) and devices (kiosk,
 * wall display, counter devices) get — number, field, priority, status, counter, times. API.md:
 * no `note`, `officerId`, `procedureIds` or `rating`.
 */
export const PublicTicket = Ticket.omit({ note: true, officerId: true, procedureIds: true, rating: true });
export type PublicTicket = z.infer<typeof PublicTicket>;

/** A counter as devices and anonymous callers see it: its current ticket in the public view. */
export const PublicCounter = Counter.extend({ currentTicket: PublicTicket.nullable() });
export type PublicCounter = z.infer<typeof PublicCounter>;

/** A ticket as the caller may see it: whole for staff (user tokens), else its public view. */
export const TicketView = z.union([Ticket, PublicTicket]);
export type TicketView = z.infer<typeof TicketView>;
export const CounterView = z.union([Counter, PublicCounter]);
export const TicketViewResponse = z.object({ ticket: TicketView });
export const CounterViewsResponse = z.object({ counters: z.array(CounterView) });
export const TicketViewWithWaitResponse = TicketWithWaitResponse.extend({ ticket: TicketView });
export type TicketViewWithWait = z.infer<typeof TicketViewWithWaitResponse>;

/** How long after finishing the citizen may rate a ticket (API.md). */
export const RATING_WINDOW_MINUTES = 30;

/**
 * Whether a done ticket may still be rated by the citizen: `open` (until `closesAt`, finishedAt
 * plus 30 minutes by the hub's clock), `rated` (once per ticket) or `closed` (too late).
 */
export const RatingWindow = z.object({
  state: z.enum(['open', 'rated', 'closed']),
  closesAt: IsoTime,
});
export type RatingWindow = z.infer<typeof RatingWindow>;

/** GET /api/v1/tickets/:id: the ticket (public view without a staff token) and its rating window. */
export const TicketLookupResponse = TicketViewWithWaitResponse.extend({
  ratingWindow: RatingWindow.nullable().describe('null until the ticket is done'),
});
export type TicketLookup = z.infer<typeof TicketLookupResponse>;

export const PublicQueueSnapshot = QueueSnapshot.extend({
  tickets: z.array(PublicTicket),
  counters: z.array(PublicCounter),
});
export type PublicQueueSnapshot = z.infer<typeof PublicQueueSnapshot>;
/** GET /api/v1/queue and `queue:snapshot`: whole for staff, the public view for devices. */
export const QueueSnapshotView = z.union([QueueSnapshot, PublicQueueSnapshot]);

const StatsGroup = {
  issued: z.number().int(),
  served: z.number().int(),
  noShow: z.number().int(),
  avgWaitSeconds: z.number().nullable(),
  avgServiceSeconds: z.number().nullable(),
};
export const DayStats = z.object({
  date: z.string(),
  issued: z.number().int(),
  served: z.number().int(),
  noShow: z.number().int(),
  cancelled: z.number().int(),
  expired: z.number().int(),
  waiting: z.number().int(),
  avgWaitSeconds: z.number().nullable(),
  p90WaitSeconds: z.number().nullable(),
  avgServiceSeconds: z.number().nullable(),
  byService: z.array(z.object({ serviceId: z.string(), ...StatsGroup })),
  byCounter: z.array(z.object({ counterId: z.string(), ...StatsGroup })),
  byOfficer: z.array(z.object({ officerId: z.string(), ...StatsGroup })),
  byProcedure: z.array(z.object({ procedureId: z.string(), count: z.number().int() })),
  byHour: z.array(z.object({ hour: z.number().int(), issued: z.number().int(), served: z.number().int() })),
  ratings: z.object({
    '1': z.number().int(),
    '2': z.number().int(),
    '3': z.number().int(),
    '4': z.number().int(),
  }),
  frozen: z.boolean().describe('true once the day is closed and its summary frozen'),
});
export type DayStats = z.infer<typeof DayStats>;

/** GET /api/v1/me/today (added): the signed-in officer's own figures for today. */
export const MeTodayResponse = z.object({
  served: z.number().int().describe('tickets this officer finished today'),
  avgServiceSeconds: z
    .number()
    .nullable()
    .describe('finished minus started, on average; null before the first'),
  noShow: z.number().int().describe('tickets this officer marked as no-show today'),
});
export type MeTodayResponse = z.infer<typeof MeTodayResponse>;

/** GET /api/v1/counters/:id/no-shows (added): no-shows at a counter that may still be reinstated. */
export const RecentNoShowsResponse = z.object({
  noShows: z.array(z.object({ ticket: Ticket, at: IsoTime.describe('when it was marked no-show') })),
  graceMinutes: z.number().int().describe('how long after a no-show it may be reinstated'),
});
export type RecentNoShowsResponse = z.infer<typeof RecentNoShowsResponse>;

// ---- Devices and printing (added) -----------------------------------------

export const PaperWidthSchema = z
  .union([z.literal(58), z.literal(80)], { message: '58 or 80 (mm)' })
  .describe('paper width in mm');
export const PrintModeSchema = z
  .enum(['raster', 'text', 'ascii'], { message: 'raster, text or ascii' })
  .describe('raster: the ticket as an image (any printer); text: Windows-1258 text; ascii: no diacritics');
export const PRINTER_ERROR_CODES = [
  'offline',
  'paper_out',
  'cover_open',
  'timeout',
  'connection_lost',
  'bad_uri',
  'error',
] as const;
export const PrinterErrorCodeSchema = z.enum(PRINTER_ERROR_CODES);

export const SetPrinterRequest = z.strictObject({
  uri: Text(300)
    .pipe(z.string().min(1, 'required'))
    .nullable()
    .describe(
      'tcp://HOST:PORT, serial:/dev/ttyUSB0?baud=9600 or file:/dev/usb/lp0; null = the default printer',
    ),
  paper: PaperWidthSchema.optional(),
  mode: PrintModeSchema.optional(),
});
export type SetPrinterRequest = z.infer<typeof SetPrinterRequest>;

export const PrintRequest = z.strictObject({
  deviceId: Id.optional().describe('staff: the kiosk whose printer to use (default: the issuing kiosk)'),
});
export type PrintRequest = z.infer<typeof PrintRequest>;

export const PrinterSettings = z.object({
  uri: z.string().nullable().describe('null: the hub’s default printer (LUOT_DEFAULT_PRINTER)'),
  paper: PaperWidthSchema,
  mode: PrintModeSchema,
});
export type PrinterSettings = z.infer<typeof PrinterSettings>;

export const DeviceAlert = z.object({
  id: z.string(),
  kind: z.string().describe('what the alert is about, e.g. printer'),
  code: z.string().describe('e.g. paper_out, offline'),
  message: z.string(),
  at: IsoTime.describe('first seen'),
  lastAt: IsoTime.describe('last seen'),
  count: z.number().int().describe('times seen while open'),
});
export type DeviceAlert = z.infer<typeof DeviceAlert>;

export const DeviceInfo = z.object({
  id: z.string(),
  kind: DeviceKind,
  name: z.string(),
  counterId: z.string().nullable(),
  zone: z.string().nullable(),
  lastSeenAt: IsoTime.nullable(),
  printer: PrinterSettings.nullable().describe('kiosks only; null for other devices'),
  alerts: z.array(DeviceAlert).describe('open alerts, oldest first'),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const DevicesResponse = z.object({
  devices: z.array(DeviceInfo),
  defaultPrinter: z.string().nullable().describe('LUOT_DEFAULT_PRINTER'),
});
export const DeviceResponse = z.object({ device: DeviceInfo });

export const PrintOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), ms: z.number().int() }),
  z.object({ ok: z.literal(false), error: PrinterErrorCodeSchema, message: z.string() }),
]);
export type PrintOutcome = z.infer<typeof PrintOutcome>;

export const PrintResponse = z.object({
  ticket: TicketView.describe('the public view for the kiosk'),
  print: PrintOutcome.describe('a failed print is not an HTTP error: show the number anyway'),
});
export type PrintResponse = z.infer<typeof PrintResponse>;
