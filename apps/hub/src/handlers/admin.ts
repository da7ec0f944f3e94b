// Handlers of the hub's administration commands (contract: @luot/shared contract/admin.ts): the
// centre, fields, procedures, counters, users, devices, the audit log and the live overview.
// Every change goes through adminChange (admin/change.ts): one transaction with its audit row,
// then `catalog:changed`.
import { LuotError, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '@luot/shared';
import { listAudit } from '../admin/audit.ts';
import { centreAnswer, updateCentre } from '../admin/centre.ts';
import { adminChange } from '../admin/change.ts';
import { adminCounter, adminCounters, createCounter, updateCounter } from '../admin/counters.ts';
import { revokeDevice, updateDevice } from '../admin/devices.ts';
import { overviewQuery } from '../admin/overview.ts';
import {
  adminService,
  adminServices,
  createProcedure,
  createService,
  procedureAnswer,
  updateProcedure,
  updateService,
} from '../admin/services.ts';
import { adminUser, adminUsers, createUser, resetPassword, updateUser } from '../admin/users.ts';
import { hashPassword } from '../auth/auth.ts';
import { userFromRow } from '../db/store.ts';
import type { Hub } from '../hub.ts';
import { deviceInfo, deviceRow } from '../printing/kiosk-devices.ts';
import { handlers } from './kit.ts';

/** An update with nothing in it is a mistake of the caller, not a change to audit. */
function somethingToChange(body: object): void {
  if (Object.keys(body).length === 0) throw new LuotError('validation_failed', 'body: nothing to change');
}

const overviews = new WeakMap<Hub, ReturnType<typeof overviewQuery>>();

export const ADMIN_HANDLERS = handlers({
  // ---- read by every token
  'centre:get': ({ hub }) => centreAnswer(hub),
  'services:list': ({ hub }) => ({ services: hub.store.services() }),
  // ---- fields and procedures
  'admin:services': ({ hub }) => ({ services: adminServices(hub.store) }),
  'services:create': async ({ hub, principal, body }) => {
    const id = await adminChange(hub, principal, 'services', 'service.create', (a) => createService(a, body));
    return { service: adminService(hub.store, id) };
  },
  'services:update': async ({ hub, principal, params, body }) => {
    somethingToChange(body);
    await adminChange(hub, principal, 'services', 'service.update', (a) => updateService(a, params.id, body));
    return { service: adminService(hub.store, params.id) };
  },
  'procedures:create': async ({ hub, principal, params, body }) => {
    const id = await adminChange(hub, principal, 'services', 'procedure.create', (a) =>
      createProcedure(a, params.id, body),
    );
    return procedureAnswer(hub.store, id);
  },
  'procedures:update': async ({ hub, principal, params, body }) => {
    somethingToChange(body);
    await adminChange(hub, principal, 'services', 'procedure.update', (a) =>
      updateProcedure(a, params.id, body),
    );
    return procedureAnswer(hub.store, params.id);
  },

  // ---- counters
  'admin:counters': ({ hub }) => ({ counters: adminCounters(hub.store) }),
  'counters:create': async ({ hub, principal, body }) => {
    const id = await adminChange(hub, principal, 'counters', 'counter.create', (a) => createCounter(a, body));
    return { counter: adminCounter(hub.store, id) };
  },
  'counters:update': async ({ hub, principal, params, body }) => {
    somethingToChange(body);
    await adminChange(hub, principal, 'counters', 'counter.update', (a) => updateCounter(a, params.id, body));
    return { counter: adminCounter(hub.store, params.id) };
  },

  // ---- users
  'users:list': ({ hub }) => ({ users: adminUsers(hub.store) }),
  'users:create': async ({ hub, principal, body }) => {
    const { password, ...user } = body;
    const hash = await hashPassword(password);
    const id = await adminChange(hub, principal, 'users', 'user.create', (a) => createUser(a, user, hash));
    // API.md's answer: the user as login shows it.
    return { user: userFromRow(hub.store.st.userById.get(id)!) };
  },
  'users:update': async ({ hub, principal, params, body }) => {
    somethingToChange(body);
    await adminChange(hub, principal, 'users', 'user.update', (a) => updateUser(a, params.id, body));
    return { user: adminUser(hub.store, params.id) };
  },
  'users:password': async ({ hub, principal, params, body }) => {
    const target = adminUser(hub.store, params.id); // 404 before spending a hash on nobody
    if (passwordProblem(body.password, target.username) === 'like_username') {
      throw new LuotError('validation_failed', `password: ${PASSWORD_PROBLEM_MESSAGES.like_username}`);
    }
    const hash = await hashPassword(body.password);
    await adminChange(hub, principal, 'users', 'user.password', (a) => resetPassword(a, params.id, hash));
    return { user: adminUser(hub.store, params.id) };
  },

  // ---- devices
  'devices:update': async ({ hub, principal, params, body }) => {
    somethingToChange(body);
    await adminChange(hub, principal, 'devices', 'device.update', (a) => updateDevice(a, params.id, body));
    return { device: deviceInfo(hub.store, deviceRow(hub.store, params.id)!) };
  },
  'devices:revoke': async ({ hub, principal, params }) => {
    await adminChange(hub, principal, 'devices', 'device.revoke', (a) => revokeDevice(a, params.id));
    return { device: { id: params.id, revoked: true as const } };
  },

  // ---- centre
  'centre:update': async ({ hub, principal, body }) => {
    somethingToChange(body);
    await adminChange(hub, principal, 'centre', 'centre.update', (a) => updateCentre(a, body));
    return centreAnswer(hub);
  },

  // ---- reading
  'audit:list': ({ hub, query }) => ({
    entries: listAudit(
      hub.store,
      query.limit ?? 50,
      query.before === undefined ? null : Number(query.before),
    ),
  }),
  'overview:get': ({ hub }) => {
    let query = overviews.get(hub);
    if (!query) {
      query = overviewQuery(hub);
      overviews.set(hub, query);
    }
    return query();
  },
});
