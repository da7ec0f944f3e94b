// Administration commands (issue 7): fields, procedures, counters, users, devices, the centre,
// the audit log and the live overview. Merged into COMMANDS. Every change goes through
// adminChange (change.ts): one transaction with its audit row, then `catalog:changed`.
import {
  AdminCounterResponse,
  AdminCountersResponse,
  AdminDeviceResponse,
  AdminProcedureResponse,
  AdminServiceResponse,
  AdminServicesResponse,
  AdminUserResponse,
  AuditQuery,
  AuditResponse,
  CentreResponse,
  CreateCounterRequest,
  CreateProcedureRequest,
  CreateServiceRequest,
  CreateUserRequest,
  EmptyBody,
  IdParams,
  LuotError,
  Overview,
  PASSWORD_PROBLEM_MESSAGES,
  passwordProblem,
  ResetPasswordRequest,
  RevokeDeviceResponse,
  UpdateCentreRequest,
  UpdateCounterRequest,
  UpdateDeviceRequest,
  UpdateProcedureRequest,
  UpdateServiceRequest,
  UpdateUserRequest,
  UserResponse,
  UsersResponse,
} from '@luot/shared';
import type { z } from 'zod';
import { hashPassword } from '../auth.ts';
import { type Command, type CommandInput, command, type IdOnly } from '../command-kit.ts';
import { deviceInfo, deviceRow } from '../devices.ts';
import type { Hub } from '../hub.ts';
import { userFromRow } from '../store.ts';
import { listAudit } from './audit.ts';
import { centreAnswer, updateCentre } from './centre.ts';
import { adminChange } from './change.ts';
import { adminCounter, adminCounters, createCounter, updateCounter } from './counters.ts';
import { revokeDevice, updateDevice } from './devices.ts';
import { overviewQuery } from './overview.ts';
import {
  adminService,
  adminServices,
  createProcedure,
  createService,
  procedureAnswer,
  updateProcedure,
  updateService,
} from './services.ts';
import { adminUser, adminUsers, createUser, resetPassword, updateUser } from './users.ts';

const ADMIN = { users: ['admin'] } as const;
const READERS = { users: ['admin', 'director'] } as const;

type Body<S extends z.ZodType> = z.infer<S>;

/** An update with nothing in it is a mistake of the caller, not a change to audit. */
function somethingToChange(body: object): void {
  if (Object.keys(body).length === 0) throw new LuotError('validation_failed', 'body: nothing to change');
}

const overviews = new WeakMap<Hub, ReturnType<typeof overviewQuery>>();

export const ADMIN_COMMANDS = {
  // ---- fields and procedures
  'admin:services': command({
    method: 'GET',
    path: '/api/v1/admin/services',
    summary: 'Every field with every procedure, inactive ones included (admin)',
    access: ADMIN,
    response: AdminServicesResponse,
    handler: ({ hub }) => ({ services: adminServices(hub.store) }),
  }),
  'services:create': command({
    method: 'POST',
    path: '/api/v1/services',
    summary: 'Create a field: code, names, ticket prefix and number range (admin)',
    access: ADMIN,
    status: 201,
    body: CreateServiceRequest,
    response: AdminServiceResponse,
    handler: async ({
      hub,
      principal,
      body,
    }: CommandInput<unknown, Body<typeof CreateServiceRequest>, unknown>) => {
      const id = await adminChange(hub, principal, 'services', 'service.create', (a) =>
        createService(a, body),
      );
      return { service: adminService(hub.store, id) };
    },
  }),
  'services:update': command({
    method: 'PUT',
    path: '/api/v1/services/:id',
    summary: 'Change a field; `active: false` stops new tickets (a field in use is never deleted) (admin)',
    access: ADMIN,
    params: IdParams,
    body: UpdateServiceRequest,
    response: AdminServiceResponse,
    handler: async ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, Body<typeof UpdateServiceRequest>, unknown>) => {
      somethingToChange(body);
      await adminChange(hub, principal, 'services', 'service.update', (a) =>
        updateService(a, params.id, body),
      );
      return { service: adminService(hub.store, params.id) };
    },
  }),
  'procedures:create': command({
    method: 'POST',
    path: '/api/v1/services/:id/procedures',
    summary: 'Add a procedure to a field (admin)',
    access: ADMIN,
    status: 201,
    params: IdParams,
    body: CreateProcedureRequest,
    response: AdminProcedureResponse,
    handler: async ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, Body<typeof CreateProcedureRequest>, unknown>) => {
      const id = await adminChange(hub, principal, 'services', 'procedure.create', (a) =>
        createProcedure(a, params.id, body),
      );
      return procedureAnswer(hub.store, id);
    },
  }),
  'procedures:update': command({
    method: 'PUT',
    path: '/api/v1/procedures/:id',
    summary: 'Change a procedure; `active: false` hides it from kiosks and counters (admin)',
    access: ADMIN,
    params: IdParams,
    body: UpdateProcedureRequest,
    response: AdminProcedureResponse,
    handler: async ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, Body<typeof UpdateProcedureRequest>, unknown>) => {
      somethingToChange(body);
      await adminChange(hub, principal, 'services', 'procedure.update', (a) =>
        updateProcedure(a, params.id, body),
      );
      return procedureAnswer(hub.store, params.id);
    },
  }),

  // ---- counters
  'admin:counters': command({
    method: 'GET',
    path: '/api/v1/admin/counters',
    summary: 'Every counter, inactive ones included, with its device addresses (admin)',
    access: ADMIN,
    response: AdminCountersResponse,
    handler: ({ hub }) => ({ counters: adminCounters(hub.store) }),
  }),
  'counters:create': command({
    method: 'POST',
    path: '/api/v1/counters',
    summary: 'Create a counter: number, name, zone, fields in order, call policy, device addresses (admin)',
    access: ADMIN,
    status: 201,
    body: CreateCounterRequest,
    response: AdminCounterResponse,
    handler: async ({
      hub,
      principal,
      body,
    }: CommandInput<unknown, Body<typeof CreateCounterRequest>, unknown>) => {
      const id = await adminChange(hub, principal, 'counters', 'counter.create', (a) =>
        createCounter(a, body),
      );
      return { counter: adminCounter(hub.store, id) };
    },
  }),
  'counters:update': command({
    method: 'PUT',
    path: '/api/v1/counters/:id',
    summary: 'Change a counter; its number and `active` only while it is closed (admin)',
    access: ADMIN,
    params: IdParams,
    body: UpdateCounterRequest,
    response: AdminCounterResponse,
    handler: async ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, Body<typeof UpdateCounterRequest>, unknown>) => {
      somethingToChange(body);
      await adminChange(hub, principal, 'counters', 'counter.update', (a) =>
        updateCounter(a, params.id, body),
      );
      return { counter: adminCounter(hub.store, params.id) };
    },
  }),

  // ---- users
  'users:list': command({
    method: 'GET',
    path: '/api/v1/users',
    summary: 'Every user, inactive ones included (admin)',
    access: ADMIN,
    response: UsersResponse,
    handler: ({ hub }) => ({ users: adminUsers(hub.store) }),
  }),
  'users:create': command({
    method: 'POST',
    path: '/api/v1/users',
    summary: 'Create a user (admin)',
    access: ADMIN,
    status: 201,
    body: CreateUserRequest,
    response: UserResponse,
    handler: async ({
      hub,
      principal,
      body,
    }: CommandInput<unknown, Body<typeof CreateUserRequest>, unknown>) => {
      const { password, ...user } = body;
      const hash = await hashPassword(password);
      const id = await adminChange(hub, principal, 'users', 'user.create', (a) => createUser(a, user, hash));
      // API.md's answer: the user as login shows it.
      return { user: userFromRow(hub.store.st.userById.get(id)!) };
    },
  }),
  'users:update': command({
    method: 'PUT',
    path: '/api/v1/users/:id',
    summary:
      'Rename, change role or deactivate a user; deactivating signs them out and revokes their tokens (admin)',
    access: ADMIN,
    params: IdParams,
    body: UpdateUserRequest,
    response: AdminUserResponse,
    handler: async ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, Body<typeof UpdateUserRequest>, unknown>) => {
      somethingToChange(body);
      await adminChange(hub, principal, 'users', 'user.update', (a) => updateUser(a, params.id, body));
      return { user: adminUser(hub.store, params.id) };
    },
  }),
  'users:password': command({
    method: 'POST',
    path: '/api/v1/users/:id/password',
    summary: 'Set a new password for a user; every token of the user is revoked (admin)',
    access: ADMIN,
    params: IdParams,
    body: ResetPasswordRequest,
    response: AdminUserResponse,
    handler: async ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, Body<typeof ResetPasswordRequest>, unknown>) => {
      const target = adminUser(hub.store, params.id); // 404 before spending a hash on nobody
      if (passwordProblem(body.password, target.username) === 'like_username') {
        throw new LuotError('validation_failed', `password: ${PASSWORD_PROBLEM_MESSAGES.like_username}`);
      }
      const hash = await hashPassword(body.password);
      await adminChange(hub, principal, 'users', 'user.password', (a) => resetPassword(a, params.id, hash));
      return { user: adminUser(hub.store, params.id) };
    },
  }),

  // ---- devices
  'devices:update': command({
    method: 'PUT',
    path: '/api/v1/devices/:id',
    summary: 'Rename a device, or move a display to a zone or a counter device to a counter (admin)',
    access: ADMIN,
    params: IdParams,
    body: UpdateDeviceRequest,
    response: AdminDeviceResponse,
    handler: async ({
      hub,
      principal,
      params,
      body,
    }: CommandInput<IdOnly, Body<typeof UpdateDeviceRequest>, unknown>) => {
      somethingToChange(body);
      await adminChange(hub, principal, 'devices', 'device.update', (a) => updateDevice(a, params.id, body));
      return { device: deviceInfo(hub.store, deviceRow(hub.store, params.id)!) };
    },
  }),
  'devices:revoke': command({
    method: 'POST',
    path: '/api/v1/devices/:id/revoke',
    summary: 'Unpair a device: its token stops working at once (admin)',
    access: ADMIN,
    params: IdParams,
    body: EmptyBody,
    response: RevokeDeviceResponse,
    handler: async ({ hub, principal, params }: CommandInput<IdOnly, unknown, unknown>) => {
      await adminChange(hub, principal, 'devices', 'device.revoke', (a) => revokeDevice(a, params.id));
      return { device: { id: params.id, revoked: true as const } };
    },
  }),

  // ---- centre
  'centre:update': command({
    method: 'PUT',
    path: '/api/v1/centre',
    summary: 'Change the centre’s name, contact, opening hours, notice and thresholds (admin)',
    access: ADMIN,
    body: UpdateCentreRequest,
    response: CentreResponse,
    handler: async ({
      hub,
      principal,
      body,
    }: CommandInput<unknown, Body<typeof UpdateCentreRequest>, unknown>) => {
      somethingToChange(body);
      await adminChange(hub, principal, 'centre', 'centre.update', (a) => updateCentre(a, body));
      return centreAnswer(hub);
    },
  }),

  // ---- reading
  'audit:list': command({
    method: 'GET',
    path: '/api/v1/audit',
    summary: 'Administration changes, newest first; `before` (an entry id) pages back (admin, director)',
    access: READERS,
    query: AuditQuery,
    response: AuditResponse,
    handler: ({ hub, query }: CommandInput<unknown, unknown, z.infer<typeof AuditQuery>>) => ({
      entries: listAudit(
        hub.store,
        query.limit ?? 50,
        query.before === undefined ? null : Number(query.before),
      ),
    }),
  }),
  'overview:get': command({
    method: 'GET',
    path: '/api/v1/overview',
    summary: 'Live overview: waiting per field, counters, alerts, today against last week (admin, director)',
    access: READERS,
    response: Overview,
    handler: ({ hub }) => {
      let query = overviews.get(hub);
      if (!query) {
        query = overviewQuery(hub);
        overviews.set(hub, query);
      }
      return query();
    },
  }),
} satisfies Record<string, Command>;
