// Administration schemas: editing fields, counters, users, devices and the centre,
// the audit log, the live overview, and the `catalog:changed` realtime event.
import { z } from 'zod';
import { CallPolicy, Role } from './domain.ts';
import { OpeningHours } from './opening-hours.ts';
import {
  CentreThresholds,
  Counter,
  DeviceInfo,
  Id,
  IsoTime,
  NewPassword,
  Service,
  Text,
  User,
} from './schemas.ts';

// ---- building blocks ------------------------------------------------------

const required = (max: number) => Text(max).pipe(z.string().min(1, 'required'));

/** A field's code: letters, digits, dash or underscore; stored in capitals. */
export const ServiceCode = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, 'required')
  .max(32, 'at most 32 characters')
  .regex(/^[A-Z0-9_-]+$/, 'letters A–Z, digits, dash or underscore');

/** A ticket prefix: up to 3 capital letters A–Z, or empty (numbers only). */
export const TicketPrefix = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{0,3}$/, 'up to 3 letters A–Z, or empty');

const TicketNumber = z
  .number({ message: 'a whole number' })
  .int('a whole number')
  .min(0, 'from 0 to 99999')
  .max(99_999, 'from 0 to 99999');

const SortOrder = z.number().int('a whole number').min(0, 'at least 0').max(10_000, 'at most 10000');

const IconName = z
  .string()
  .trim()
  .max(40, 'at most 40 characters')
  .regex(/^[a-z0-9-]*$/, 'lower-case letters, digits or dash');

const Minutes = (what: string) =>
  z
    .number({ message: 'a whole number of minutes' })
    .int('a whole number of minutes')
    .min(1, `${what}: at least 1 minute`)
    .max(1440, `${what}: at most 1440 minutes`);

/** An RS-485 address (hardware.md): 1..247, or null for no such device on the bus. */
export const BusAddress = z
  .number({ message: 'an address from 1 to 247' })
  .int('an address from 1 to 247')
  .min(1, 'an address from 1 to 247')
  .max(247, 'an address from 1 to 247')
  .nullable();

export const DeviceAddresses = z.object({
  sign: BusAddress.describe('LED counter sign'),
  keypad: BusAddress.describe('keypad caller'),
  pad: BusAddress.describe('satisfaction rating pad'),
});
export type DeviceAddresses = z.infer<typeof DeviceAddresses>;

/**
 * Opening hours as an admin may save them: well-formed times, open before close, each window
 * on at least one day, no day twice in a window, and no two windows overlapping on a day.
 */
export const ValidOpeningHours = OpeningHours.max(21, 'at most 21 windows').superRefine((windows, ctx) => {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  windows.forEach((w, i) => {
    if (w.days.length === 0)
      ctx.addIssue({ code: 'custom', path: [i, 'days'], message: 'choose at least one day' });
    if (new Set(w.days).size !== w.days.length)
      ctx.addIssue({ code: 'custom', path: [i, 'days'], message: 'a day is listed twice' });
    if (minutes(w.open) >= minutes(w.close))
      ctx.addIssue({ code: 'custom', path: [i, 'close'], message: 'must be after open' });
  });
  for (let i = 0; i < windows.length; i++)
    for (let j = 0; j < i; j++) {
      const a = windows[i]!;
      const b = windows[j]!;
      const sameDay = a.days.some((d) => b.days.includes(d));
      if (sameDay && minutes(a.open) < minutes(b.close) && minutes(b.open) < minutes(a.close))
        ctx.addIssue({ code: 'custom', path: [i], message: `overlaps window ${j} on the same day` });
    }
});

// ---- fields (services) and procedures -------------------------------------

export const AdminProcedure = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type AdminProcedure = z.infer<typeof AdminProcedure>;

export const AdminService = Service.extend({
  sortOrder: z.number().int(),
  meanServiceMinutes: z.number().describe('prior mean service time, used by the wait estimate'),
  procedures: z.array(AdminProcedure).describe('every procedure, inactive ones too'),
});
export type AdminService = z.infer<typeof AdminService>;

const serviceFields = {
  code: ServiceCode,
  name: required(100),
  nameEn: Text(100),
  prefix: TicketPrefix,
  start: TicketNumber.describe('first number of the daily range'),
  end: TicketNumber.describe('last number of the daily range'),
  icon: IconName,
  active: z.boolean(),
  sortOrder: SortOrder,
  meanServiceMinutes: z
    .number({ message: 'a number of minutes' })
    .min(0.5, 'at least 0.5 minute')
    .max(240, 'at most 240 minutes'),
};

const rangeInOrder = (b: { start?: number | undefined; end?: number | undefined }) =>
  b.start === undefined || b.end === undefined || b.end >= b.start;
const RANGE_MESSAGE = { message: 'must be at least start', path: ['end'] };

export const CreateServiceRequest = z
  .strictObject({
    ...serviceFields,
    nameEn: serviceFields.nameEn.default(''),
    prefix: serviceFields.prefix.default(''),
    icon: serviceFields.icon.default(''),
    active: serviceFields.active.default(true),
    sortOrder: serviceFields.sortOrder.optional(),
    meanServiceMinutes: serviceFields.meanServiceMinutes.default(10),
  })
  .refine(rangeInOrder, RANGE_MESSAGE);
export type CreateServiceRequest = z.infer<typeof CreateServiceRequest>;

export const UpdateServiceRequest = z
  .strictObject({
    code: serviceFields.code.optional(),
    name: serviceFields.name.optional(),
    nameEn: serviceFields.nameEn.optional(),
    prefix: serviceFields.prefix.optional(),
    start: serviceFields.start.optional(),
    end: serviceFields.end.optional(),
    icon: serviceFields.icon.optional(),
    active: serviceFields.active.optional(),
    sortOrder: serviceFields.sortOrder.optional(),
    meanServiceMinutes: serviceFields.meanServiceMinutes.optional(),
  })
  .refine(rangeInOrder, RANGE_MESSAGE);
export type UpdateServiceRequest = z.infer<typeof UpdateServiceRequest>;

export const AdminServicesResponse = z.object({ services: z.array(AdminService) });
export const AdminServiceResponse = z.object({ service: AdminService });

const ProcedureCode = Text(40)
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .describe('national procedure code, where known; empty or null: none');

export const CreateProcedureRequest = z.strictObject({
  code: ProcedureCode.default(null),
  name: required(300),
  nameEn: Text(300).default(''),
  active: z.boolean().default(true),
  sortOrder: SortOrder.optional(),
});
export type CreateProcedureRequest = z.infer<typeof CreateProcedureRequest>;

export const UpdateProcedureRequest = z.strictObject({
  code: ProcedureCode.optional(),
  name: required(300).optional(),
  nameEn: Text(300).optional(),
  active: z.boolean().optional(),
  sortOrder: SortOrder.optional(),
});
export type UpdateProcedureRequest = z.infer<typeof UpdateProcedureRequest>;

export const AdminProcedureResponse = z.object({ procedure: AdminProcedure, serviceId: z.string() });

// ---- counters ---------------------------------------------------------------

export const AdminCounter = Counter.extend({
  active: z.boolean(),
  deviceAddresses: DeviceAddresses,
});
export type AdminCounter = z.infer<typeof AdminCounter>;

const counterFields = {
  number: z
    .number({ message: 'a whole number' })
    .int('a whole number')
    .min(1, 'from 1 to 999')
    .max(999, 'from 1 to 999'),
  name: required(60),
  zone: Text(40).pipe(z.string().min(1, 'required')).describe('which wall displays show it (display zone)'),
  serviceIds: z
    .array(Id)
    .min(1, 'choose at least one field')
    .max(30, 'at most 30 fields')
    .refine((ids) => new Set(ids).size === ids.length, 'a field is listed twice')
    .describe('the fields it serves, in order (the order matters for the strict call policy)'),
  callPolicy: CallPolicy,
  deviceAddresses: z.strictObject({
    sign: BusAddress.optional(),
    keypad: BusAddress.optional(),
    pad: BusAddress.optional(),
  }),
  active: z.boolean(),
};

export const CreateCounterRequest = z.strictObject({
  ...counterFields,
  zone: counterFields.zone.default('main'),
  callPolicy: counterFields.callPolicy.default('default'),
  deviceAddresses: counterFields.deviceAddresses.default({}),
  active: counterFields.active.default(true),
});
export type CreateCounterRequest = z.infer<typeof CreateCounterRequest>;

export const UpdateCounterRequest = z.strictObject({
  number: counterFields.number.optional(),
  name: counterFields.name.optional(),
  zone: counterFields.zone.optional(),
  serviceIds: counterFields.serviceIds.optional(),
  callPolicy: counterFields.callPolicy.optional(),
  deviceAddresses: counterFields.deviceAddresses
    .optional()
    .describe('only the addresses given change; null removes one'),
  active: counterFields.active.optional(),
});
export type UpdateCounterRequest = z.infer<typeof UpdateCounterRequest>;

export const AdminCountersResponse = z.object({ counters: z.array(AdminCounter) });
export const AdminCounterResponse = z.object({ counter: AdminCounter });

// ---- users ------------------------------------------------------------------

export const AdminUser = User.extend({
  active: z.boolean(),
  createdAt: IsoTime,
  counterId: z.string().nullable().describe('the counter the user is signed in at'),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const UsersResponse = z.object({ users: z.array(AdminUser) });
export const AdminUserResponse = z.object({ user: AdminUser });

export const UpdateUserRequest = z.strictObject({
  displayName: required(100).optional(),
  role: Role.optional(),
  active: z.boolean().optional().describe('false: cannot sign in, and every token is revoked'),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ResetPasswordRequest = z.strictObject({
  password: NewPassword,
});
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

// ---- devices ------------------------------------------------------------------

export const UpdateDeviceRequest = z.strictObject({
  name: required(100).optional(),
  zone: Text(40)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
    .describe('display devices: the zone they show'),
  counterId: Id.nullable().optional().describe('counter devices: the counter they belong to'),
});
export type UpdateDeviceRequest = z.infer<typeof UpdateDeviceRequest>;

export const AdminDeviceResponse = z.object({ device: DeviceInfo });
export const RevokeDeviceResponse = z.object({
  device: z.object({ id: z.string(), revoked: z.literal(true) }),
});

// ---- centre -------------------------------------------------------------------

export const UpdateCentreRequest = z.strictObject({
  name: required(200).optional(),
  nameEn: Text(200).optional(),
  address: Text(300).optional(),
  hotline: Text(40).optional(),
  openingHours: ValidOpeningHours.optional().describe('empty: always open'),
  notice: Text(1000)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
    .describe('text the wall displays scroll; empty or null: none'),
  thresholds: z
    .strictObject({
      targetWaitMinutes: Minutes('targetWaitMinutes').optional(),
      alertWaitMinutes: Minutes('alertWaitMinutes').optional(),
      idleAlertMinutes: Minutes('idleAlertMinutes').optional(),
      deviceSilentMinutes: Minutes('deviceSilentMinutes').optional(),
    })
    .optional()
    .describe('only the thresholds given change'),
});
export type UpdateCentreRequest = z.infer<typeof UpdateCentreRequest>;

// ---- audit log ------------------------------------------------------------------

export const AuditEntry = z.object({
  id: z.string(),
  at: IsoTime,
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string().describe("e.g. 'service.updated', 'user.password_reset'"),
  target: z.string().nullable().describe('the id of what changed'),
  before: z.unknown().describe('the object before (null: it did not exist)'),
  after: z.unknown().describe('the object after'),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  limit: z.coerce
    .number({ message: 'a whole number' })
    .int('a whole number')
    .min(1, 'from 1 to 200')
    .max(200, 'from 1 to 200')
    .optional(),
  before: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'an entry id')
    .optional()
    .describe('entries older than this id (paging)'),
});
export const AuditResponse = z.object({ entries: z.array(AuditEntry).describe('newest first') });

// ---- live overview ----------------------------------------------------------------

export const ALERT_KINDS = [
  'long_wait',
  'counter_idle',
  'counter_paused',
  'printer',
  'device_silent',
] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;

export const OverviewAlert = z.object({
  kind: AlertKind,
  severity: z.enum(['warning', 'critical']).describe('critical: twice the threshold, or a printer down'),
  message: z.string().describe('Vietnamese'),
  messageEn: z.string(),
  at: IsoTime.describe(
    'when the situation began: the oldest ticket issued, the counter’s last action, the device last seen, the printer’s first failure',
  ),
  ref: z.string().nullable().describe('the field, counter or device it is about'),
});
export type OverviewAlert = z.infer<typeof OverviewAlert>;

const DayFigures = {
  issued: z.number().int(),
  served: z.number().int(),
  noShow: z.number().int(),
  avgWaitSeconds: z.number().nullable(),
};

export const Overview = z.object({
  serviceDay: z.string(),
  at: IsoTime.describe('the hub time the overview was computed'),
  thresholds: CentreThresholds,
  fields: z.array(
    z.object({
      serviceId: z.string(),
      name: z.string(),
      waiting: z.number().int(),
      longestWaitSeconds: z.number().nullable().describe('null: nobody waits'),
    }),
  ),
  counters: z.array(
    Counter.extend({
      idleSeconds: z
        .number()
        .nullable()
        .describe('open or paused without a ticket: seconds since its last action; else null'),
    }),
  ),
  alerts: z.array(OverviewAlert).describe('critical first, then oldest first'),
  today: z.object({ ...DayFigures, waiting: z.number().int() }),
  lastWeek: z
    .object({ date: z.string(), ...DayFigures })
    .describe('the same weekday 7 days ago, counted up to the same time of day'),
});
export type Overview = z.infer<typeof Overview>;

// ---- realtime -------------------------------------------------------------------------

export const CATALOG_PARTS = ['services', 'counters', 'centre', 'users', 'devices'] as const;
export const CatalogPart = z.enum(CATALOG_PARTS);
export type CatalogPart = z.infer<typeof CatalogPart>;

/** `catalog:changed`: an admin changed this part; clients reload it. */
export const CatalogChangedEvent = z.object({ what: CatalogPart, at: IsoTime });
export type CatalogChangedEvent = z.infer<typeof CatalogChangedEvent>;
