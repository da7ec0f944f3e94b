// Every command of the hub, declared once: REST routes, socket commands and the OpenAPI
// document are all generated from this map, and all call the same engine functions.

import { verifyPrinterUri } from '@luot/hardware/device';
import { BadPrinterUri } from '@luot/hardware/uri';
import {
  CallTicketRequest,
  CentreResponse,
  CounterResponse,
  CounterViewsResponse,
  DayStats,
  DeviceResponse,
  DevicesResponse,
  EmptyBody,
  FinishRequest,
  HealthResponse,
  IdParams,
  IssueTicketRequest,
  LoginRequest,
  LoginResponse,
  LuotError,
  MeTodayResponse,
  NullableTicketResponse,
  PairingCodeRequest,
  PairingCodeResponse,
  PairRequest,
  PairResponse,
  PauseRequest,
  PrintRequest,
  PrintResponse,
  QueueSnapshotView,
  RatingRequest,
  RecentNoShowsResponse,
  ServicesResponse,
  SetPrinterRequest,
  StatsDayQuery,
  TicketLookupResponse,
  TicketResponse,
  TicketViewResponse,
  TicketViewWithWaitResponse,
  TransferRequest,
  type User,
  UserResponse,
} from '@luot/shared';
import { z } from 'zod';
import { writeAudit } from './admin/audit.ts';
import { centreAnswer } from './admin/centre.ts';
import { ADMIN_COMMANDS } from './admin/commands.ts';
import type { Principal } from './auth.ts';
import {
  type Access,
  ANY_TOKEN,
  type Command,
  type CommandInput,
  command,
  type IdOnly,
  idempotent,
  STAFF,
} from './command-kit.ts';
import { deviceInfo, deviceRow, listDevices, printerSettings, setPrinter } from './devices.ts';
import { counters, type EngineCtx, tickets } from './engine/index.ts';
import { type Hub, VERSION } from './hub.ts';
import { checkKioskIssue } from './issue-limit.ts';
import { type LoginAttempt, refusalReason } from './login-guard.ts';
import { printTicket } from './print-ticket.ts';
import { REPORT_COMMANDS } from './reports/commands.ts';
import { type TicketRow, ticketFromRow } from './store.ts';
import { counterFor, ratingWindow, ticketFor, withTicketFor } from './ticket-views.ts';

/**
 * A POST on one ticket or counter (`…/:id/verb`), idempotent with a key, answered with the
 * object as it is after the change.
 */
function idCommand(
  path: string,
  summary: string,
  run: (ctx: EngineCtx, id: string, body: never) => string,
  opts: {
    body: z.ZodType;
    access: Access;
    reason: string;
    response: z.ZodType;
    answer: (hub: Hub, id: string, principal: Principal | null) => unknown;
  },
): Command {
  return command({
    method: 'POST',
    path,
    summary,
    access: opts.access,
    params: IdParams,
    body: opts.body,
    response: opts.response,
    idempotencyKey: true,
    handler: async ({
      hub,
      principal,
      params,
      body: b,
      idempotencyKey,
    }: CommandInput<IdOnly, unknown, unknown>) => {
      const id = await hub.exec(
        principal,
        opts.reason,
        idempotent(idempotencyKey, path, { params, body: b }, (ctx) => run(ctx, params.id, b as never)),
      );
      return opts.answer(hub, id, principal);
    },
  });
}

const verbOf = (path: string) => path.split('/').pop()!;

/** A ticket command answered with the ticket as it is after the change. */
function ticketCommand(
  path: string,
  summary: string,
  run: (ctx: EngineCtx, id: string, body: never) => string,
  body: z.ZodType = EmptyBody,
  access: Access = STAFF,
): Command {
  return idCommand(path, summary, run, {
    body,
    access,
    reason: verbOf(path),
    response: TicketResponse,
    answer: (hub, id) => ({ ticket: hub.store.ticket(id)! }),
  });
}

/** A counter command answered with the counter as it is after the change. */
function counterCommand(
  path: string,
  summary: string,
  run: (ctx: EngineCtx, id: string, body: never) => string,
  body: z.ZodType = EmptyBody,
): Command {
  return idCommand(path, summary, run, {
    body,
    access: STAFF,
    reason: `counter:${verbOf(path)}`,
    response: CounterResponse,
    answer: (hub, id) => ({ counter: hub.store.counter(hub.store.counterRow(id)!) }),
  });
}

export const COMMANDS = {
  health: command({
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Liveness and identity of the hub',
    access: 'public',
    response: HealthResponse,
    handler: ({ hub }) => {
      const centre = hub.store.centre();
      return {
        status: 'ok' as const,
        version: VERSION,
        serviceDay: hub.serviceDay,
        centre: { code: centre.code, name: centre.name },
      };
    },
  }),
  'auth:login': command({
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Sign in with username and password',
    access: 'public',
    body: LoginRequest,
    response: LoginResponse,
    handler: async ({ hub, body, client }) => {
      let attempt: LoginAttempt;
      try {
        attempt = hub.loginGuard.begin(body.username, client, hub.now());
      } catch (error) {
        const reason = refusalReason(error) ?? 'refused';
        hub.log.warn({ username: body.username, client, reason }, 'login refused');
        throw error;
      }
      let user: User | null = null;
      try {
        user = await hub.auth.checkPassword(body.username, body.password, attempt.trusted);
      } finally {
        hub.loginGuard.end(attempt, user !== null, hub.now());
      }
      if (!user) {
        hub.log.warn({ username: body.username, client, reason: 'wrong_password' }, 'login failed');
        throw new LuotError('unauthorized', 'wrong username or password');
      }
      const { token, expiresAt } = hub.auth.issueUserToken(user.id, hub.now());
      hub.log.info({ userId: user.id, client }, 'user signed in');
      return { token, user, expiresAt: new Date(expiresAt).toISOString() };
    },
  }),
  'auth:logout': command({
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'Revoke the token used for this request',
    access: ANY_TOKEN,
    body: EmptyBody,
    response: z.object({ ok: z.literal(true) }),
    handler: ({ hub, principal }) => {
      hub.auth.revoke(principal!.tokenHash, hub.now());
      hub.emitRevoked(principal!.tokenHash);
      return { ok: true as const };
    },
  }),
  'auth:me': command({
    method: 'GET',
    path: '/api/v1/me',
    summary: 'Who the token belongs to (a user, or a device)',
    access: ANY_TOKEN,
    response: z.object({
      user: UserResponse.shape.user.nullable(),
      device: z
        .object({
          id: z.string(),
          kind: z.string(),
          name: z.string(),
          counterId: z.string().nullable(),
          zone: z.string().nullable(),
        })
        .nullable(),
      counterId: z.string().nullable().describe('the counter this user is signed in at'),
    }),
    handler: ({ hub, principal }) => {
      if (principal!.kind === 'user') {
        const counter = hub.store.st.counterByOfficer.get(principal!.user.id);
        return { user: principal!.user, device: null, counterId: counter?.id ?? null };
      }
      const d = principal!.device;
      return {
        user: null,
        device: { id: d.id, kind: d.kind, name: d.name, counterId: d.counter_id, zone: d.zone },
        counterId: d.counter_id,
      };
    },
  }),
  'me:today': command({
    method: 'GET',
    path: '/api/v1/me/today',
    summary: 'The signed-in user’s own figures for today: served, average service time, no-shows',
    access: STAFF,
    response: MeTodayResponse,
    handler: ({ hub, principal }) => {
      if (principal?.kind !== 'user')
        throw new LuotError('forbidden', 'only a signed-in user has own figures');
      return hub.officerDay(principal.user.id, hub.serviceDay);
    },
  }),
  'devices:pairing-code': command({
    method: 'POST',
    path: '/api/v1/devices/pairing-codes',
    summary: 'Create a one-time pairing code for a kiosk, counter or display device (admin)',
    access: { users: ['admin'] },
    status: 201,
    body: PairingCodeRequest,
    response: PairingCodeResponse,
    handler: ({ hub, principal, body }) => {
      const userId = principal?.kind === 'user' ? principal.user.id : null;
      const now = hub.now();
      const { code, expiresAt } = hub.store.tx(() => {
        const created = hub.auth.createPairingCode(body, userId, now);
        const after = { ...body, expiresAt: new Date(created.expiresAt).toISOString() };
        writeAudit(
          hub.store,
          { userId, action: 'device.pairing_code', target: null, before: null, after },
          now,
        );
        return created;
      });
      return { code, expiresAt: new Date(expiresAt).toISOString() };
    },
  }),
  'devices:pair': command({
    method: 'POST',
    path: '/api/v1/devices/pair',
    summary: 'Exchange a pairing code for a device token; a code works once',
    access: 'public',
    status: 201,
    body: PairRequest,
    response: PairResponse,
    handler: ({ hub, body, client }) => {
      const keys = [`pair:${client}`];
      try {
        hub.pairLimiter.check(keys, hub.now());
      } catch (error) {
        hub.log.warn({ client, reason: 'locked' }, 'pairing refused');
        throw error;
      }
      const paired = hub.auth.pair(body.code, hub.now());
      if (!paired) {
        hub.pairLimiter.fail(keys, hub.now());
        hub.log.warn({ client, reason: 'bad_code' }, 'pairing refused');
        throw new LuotError('unauthorized', 'this pairing code is not valid, used or expired');
      }
      hub.log.info({ deviceId: paired.device.id, kind: paired.device.kind }, 'device paired');
      return paired;
    },
  }),
  'devices:list': command({
    method: 'GET',
    path: '/api/v1/devices',
    summary: 'Paired devices with kiosk printer settings and open alerts (paper out, printer offline, …)',
    access: { users: ['admin', 'director'] },
    response: DevicesResponse,
    handler: ({ hub }) => ({
      devices: listDevices(hub.store),
      defaultPrinter: hub.config.defaultPrinter ?? null,
    }),
  }),
  'devices:set-printer': command({
    method: 'PUT',
    path: '/api/v1/devices/:id/printer',
    summary: 'Assign a network, serial or USB printer to a kiosk (uri null: the default printer) (admin)',
    access: { users: ['admin'] },
    params: IdParams,
    body: SetPrinterRequest,
    response: DeviceResponse,
    handler: ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, z.infer<typeof SetPrinterRequest>, unknown>) => {
      const device = deviceRow(hub.store, params.id);
      if (!device) throw new LuotError('not_found', `no device ${params.id}`);
      if (body.uri !== null) {
        try {
          // The syntax, and for file: a printer device under /dev on this machine (hardware.md).
          verifyPrinterUri(body.uri);
        } catch (error) {
          if (error instanceof BadPrinterUri)
            throw new LuotError('validation_failed', `uri: ${error.message}`);
          throw error;
        }
      }
      if (device.kind !== 'kiosk') {
        throw new LuotError('conflict', `${device.name} is a ${device.kind} device; only kiosks print`);
      }
      const now = hub.now();
      hub.store.tx(() => {
        setPrinter(hub.store, device.id, body, now);
        const after = printerSettings(deviceRow(hub.store, device.id)!);
        const userId = principal?.kind === 'user' ? principal.user.id : null;
        const record = {
          userId,
          action: 'device.printer',
          target: device.id,
          before: printerSettings(device),
          after,
        };
        writeAudit(hub.store, record, now);
      });
      hub.catalogChanged('devices');
      hub.log.info({ deviceId: device.id, printer: body.uri ?? 'default' }, 'kiosk printer set');
      return { device: deviceInfo(hub.store, deviceRow(hub.store, device.id)!) };
    },
  }),
  'centre:get': command({
    method: 'GET',
    path: '/api/v1/centre',
    summary: 'The centre: identity, contact, opening hours, whether it is open now, notice and thresholds',
    access: ANY_TOKEN,
    response: CentreResponse,
    handler: ({ hub }) => centreAnswer(hub),
  }),
  'services:list': command({
    method: 'GET',
    path: '/api/v1/services',
    summary: 'Fields (services) with their procedures',
    access: ANY_TOKEN,
    response: ServicesResponse,
    handler: ({ hub }) => ({ services: hub.store.services() }),
  }),
  'counters:list': command({
    method: 'GET',
    path: '/api/v1/counters',
    summary: 'Counters with state, officer and current ticket',
    access: ANY_TOKEN,
    response: CounterViewsResponse,
    handler: ({ hub, principal }) => ({
      counters: hub.store.counters().map((c) => counterFor(principal, c)),
    }),
  }),
  'counters:no-shows': command({
    method: 'GET',
    path: '/api/v1/counters/:id/no-shows',
    summary: 'No-shows at this counter that may still be reinstated, newest first',
    access: STAFF,
    params: IdParams,
    response: RecentNoShowsResponse,
    handler: ({ hub, params }: CommandInput<IdOnly, unknown, unknown>) => {
      if (!hub.store.counterRow(params.id)) throw new LuotError('not_found', `no counter ${params.id}`);
      const grace = hub.engine.options.reinstateGraceMs;
      const rows = hub.store
        .sql<TicketRow>(
          `SELECT * FROM tickets WHERE status = 'no_show' AND counter_id = ? AND no_show_at >= ?
           ORDER BY no_show_at DESC LIMIT 50`,
        )
        .all(params.id, hub.now() - grace);
      return {
        noShows: rows.map((row) => ({
          ticket: ticketFromRow(row),
          at: new Date(row.no_show_at!).toISOString(),
        })),
        graceMinutes: Math.round(grace / 60_000),
      };
    },
  }),
  'counters:sign-in': counterCommand(
    '/api/v1/counters/:id/sign-in',
    'Work at this counter (one counter per user)',
    (ctx, id) => counters.signIn(ctx, id),
  ),
  'counters:sign-out': counterCommand(
    '/api/v1/counters/:id/sign-out',
    'Leave the counter; a ticket still there goes back to the line',
    (ctx, id) => counters.signOut(ctx, id),
  ),
  'counters:pause': counterCommand(
    '/api/v1/counters/:id/pause',
    'Pause the counter with an optional reason',
    (ctx, id, body: z.infer<typeof PauseRequest>) => counters.pause(ctx, id, body.reason),
    PauseRequest,
  ),
  'counters:resume': counterCommand('/api/v1/counters/:id/resume', 'Resume a paused counter', (ctx, id) =>
    counters.resume(ctx, id),
  ),
  'counters:call-next': command({
    method: 'POST',
    path: '/api/v1/counters/:id/call-next',
    summary: 'Call the next ticket by the counter’s call policy; ticket null when nobody waits',
    access: STAFF,
    params: IdParams,
    body: EmptyBody,
    response: NullableTicketResponse,
    idempotencyKey: true,
    handler: async ({ hub, principal, params, idempotencyKey }: CommandInput<IdOnly, unknown, unknown>) => {
      const path = '/api/v1/counters/:id/call-next';
      const id = await hub.exec(
        principal,
        'call-next',
        idempotent(idempotencyKey, path, { params, body: {} }, (ctx) => tickets.callNext(ctx, params.id)),
      );
      return { ticket: id ? hub.store.ticket(id)! : null };
    },
  }),
  'counters:call': command({
    method: 'POST',
    path: '/api/v1/counters/:id/call',
    summary: 'Call one chosen waiting ticket at this counter',
    access: STAFF,
    params: IdParams,
    body: CallTicketRequest,
    response: TicketResponse,
    idempotencyKey: true,
    handler: async ({
      hub,
      principal,
      params,
      body,
      idempotencyKey,
    }: CommandInput<IdOnly, z.infer<typeof CallTicketRequest>, unknown>) => {
      const path = '/api/v1/counters/:id/call';
      const id = await hub.exec(
        principal,
        'call',
        idempotent(idempotencyKey, path, { params, body }, (ctx) =>
          tickets.callTicket(ctx, params.id, body.ticketId),
        ),
      );
      return { ticket: hub.store.ticket(id)! };
    },
  }),
  'tickets:issue': command({
    method: 'POST',
    path: '/api/v1/tickets',
    summary: 'Issue a ticket; the same Idempotency-Key again gives the same ticket',
    access: { users: ['admin', 'officer'], devices: ['kiosk'] },
    status: 201,
    body: IssueTicketRequest,
    idempotencyKey: true,
    response: TicketViewWithWaitResponse,
    handler: async ({
      hub,
      principal,
      body,
      idempotencyKey,
    }: CommandInput<unknown, z.infer<typeof IssueTicketRequest>, unknown>) => {
      // A kiosk issues a few tickets a minute; a flood through its token gets 429 (staff: no limit).
      if (principal?.kind === 'device' && principal.device.kind === 'kiosk')
        checkKioskIssue(hub.kioskIssueLimiter, principal.device.id, hub.now());
      const { ticketId } = await hub.exec(principal, 'issue', (ctx) =>
        tickets.issueTicket(ctx, { ...body, idempotencyKey }),
      );
      // A kiosk gets the public view (a replayed key may answer a ticket finished since).
      return withTicketFor(principal, hub.ticketWithWait(ticketId));
    },
  }),
  'tickets:get': command({
    method: 'GET',
    path: '/api/v1/tickets/:id',
    summary: 'A ticket with people ahead and estimated wait (the id is unguessable)',
    access: 'public',
    params: IdParams,
    response: TicketLookupResponse,
    handler: ({ hub, principal, params }: CommandInput<IdOnly, unknown, unknown>) => {
      const found = hub.ticketWithWait(params.id);
      const window = ratingWindow(found.ticket, hub.now(), hub.engine.options.ratingWindowMs);
      return { ...withTicketFor(principal, found), ratingWindow: window };
    },
  }),
  'tickets:print': command({
    method: 'POST',
    path: '/api/v1/tickets/:id/print',
    summary:
      'Print the ticket: the issuing kiosk on its printer, or staff reprint (audited); a failed print is answered, not an error',
    access: { users: ['admin', 'officer'], devices: ['kiosk'] },
    params: IdParams,
    body: PrintRequest,
    response: PrintResponse,
    handler: ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, z.infer<typeof PrintRequest>, unknown>) =>
      printTicket(hub, principal!, params.id, body).then((answer) => withTicketFor(principal, answer)),
  }),
  'tickets:recall': ticketCommand(
    '/api/v1/tickets/:id/recall',
    'Call the ticket again (counted)',
    tickets.recall,
  ),
  'tickets:start': ticketCommand(
    '/api/v1/tickets/:id/start',
    'The citizen arrived: start serving',
    tickets.start,
  ),
  'tickets:no-show': ticketCommand('/api/v1/tickets/:id/no-show', 'The citizen did not come', tickets.noShow),
  'tickets:reinstate': ticketCommand(
    '/api/v1/tickets/:id/reinstate',
    'Put a recent no-show back in line, first at the reinstating officer’s counter',
    tickets.reinstate,
  ),
  'tickets:finish': ticketCommand(
    '/api/v1/tickets/:id/finish',
    'Finish with the procedures handled (one or more of the ticket’s field)',
    (ctx, id, body: z.infer<typeof FinishRequest>) => tickets.finish(ctx, id, body),
    FinishRequest,
  ),
  'tickets:transfer': ticketCommand(
    '/api/v1/tickets/:id/transfer',
    'Send the ticket to another field or counter; it keeps its issue time',
    (ctx, id, body: z.infer<typeof TransferRequest>) => tickets.transfer(ctx, id, body),
    TransferRequest,
  ),
  'tickets:cancel': ticketCommand(
    '/api/v1/tickets/:id/cancel',
    'Cancel a waiting or called ticket',
    tickets.cancel,
  ),
  'tickets:rating': idCommand(
    '/api/v1/tickets/:id/rating',
    'The citizen’s satisfaction, 1..4 (4 = rất hài lòng): from the ticket’s status page (no token) or the rating device of its counter; once, within 30 minutes of finishing; staff 403',
    (ctx, id, body: z.infer<typeof RatingRequest>) => tickets.rate(ctx, id, body.score),
    {
      body: RatingRequest,
      // The citizen: no token (its status page), or the counter's rating device; staff get 403 (engine).
      access: 'public',
      reason: 'rating',
      response: TicketViewResponse,
      answer: (hub, id, principal) => ({ ticket: ticketFor(principal, hub.store.ticket(id)!) }),
    },
  ),
  'queue:get': command({
    method: 'GET',
    path: '/api/v1/queue',
    summary: 'Snapshot of open tickets and counters with the last seq',
    access: ANY_TOKEN,
    response: QueueSnapshotView,
    handler: ({ hub, principal }) => {
      hub.snapshotGate.admit({ tokenHash: principal!.tokenHash });
      return hub.snapshotFor(principal);
    },
  }),
  'stats:day': command({
    method: 'GET',
    path: '/api/v1/stats/day',
    summary: 'Figures of one service day (default today)',
    access: { users: ['admin', 'director'] },
    query: StatsDayQuery,
    response: DayStats,
    handler: ({ hub, query }: CommandInput<unknown, unknown, z.infer<typeof StatsDayQuery>>) =>
      hub.statsForDay(query.date ?? hub.serviceDay),
  }),
  ...REPORT_COMMANDS,
  ...ADMIN_COMMANDS,
} satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;

export { type Access, type Command, type CommandInput, mayAccess } from './command-kit.ts';
