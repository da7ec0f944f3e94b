// Users as the admin manages them: create, rename, change role, deactivate, reset a password.
import type { AdminUser, CreateUserRequest, UpdateUserRequest } from '@luot/shared';
import { LuotError } from '@luot/shared';
import { newId } from '../auth/auth.ts';
import type { Store, UserRow } from '../db/store.ts';
import { counters } from '../engine/index.ts';
import { type AdminCtx, revokeTokens } from './change.ts';

const userRow = (store: Store, id: string) => store.st.userById.get(id);

/** What the admin sees of a user and the audit log keeps: never the password hash. */
function userOut(store: Store, row: UserRow): AdminUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    createdAt: new Date(row.created_at).toISOString(),
    counterId: store.st.counterByOfficer.get(row.id)?.id ?? null,
  };
}

export function adminUsers(store: Store): AdminUser[] {
  return store.data.adminPeople.users().map((row) => userOut(store, row));
}

export function adminUser(store: Store, id: string): AdminUser {
  const row = userRow(store, id);
  if (!row) throw new LuotError('not_found', `no user ${id}`);
  return userOut(store, row);
}

export function createUser(
  a: AdminCtx,
  body: Omit<CreateUserRequest, 'password'>,
  passwordHash: string,
): string {
  const { store } = a;
  if (store.st.userByName.get(body.username))
    throw new LuotError('conflict', `username: ${body.username} is taken`);
  const id = newId();
  store.st.insertUser.run(id, body.username, body.displayName, body.role, passwordHash, a.now);
  a.audit('user.created', id, null, userOut(store, userRow(store, id)!));
  return id;
}

const activeAdmins = (store: Store) => store.data.adminPeople.activeAdminCount();

export function updateUser(a: AdminCtx, id: string, body: UpdateUserRequest): string {
  const { store } = a;
  const row = userRow(store, id);
  if (!row) throw new LuotError('not_found', `no user ${id}`);
  const before = userOut(store, row);
  const active = body.active ?? before.active;
  const role = body.role ?? row.role;
  // The centre must keep someone who can administer it.
  if (row.role === 'admin' && row.active === 1 && (!active || role !== 'admin') && activeAdmins(store) <= 1) {
    throw new LuotError(
      'conflict',
      `${body.active === false ? 'active' : 'role'}: ${row.username} is the last active admin`,
    );
  }
  // Someone who may no longer serve leaves the counter; a ticket there goes back to the line.
  const counter = store.st.counterByOfficer.get(id);
  if (counter && (!active || role === 'director')) counters.signOut(a.engine, counter.id);
  store.data.adminPeople.updateUser(id, { displayName: body.displayName ?? row.display_name, role, active });
  if (!active && before.active) revokeTokens(a, { userId: id });
  a.audit('user.updated', id, before, userOut(store, userRow(store, id)!));
  return id;
}

export function resetPassword(a: AdminCtx, id: string, passwordHash: string): string {
  const { store } = a;
  const row = userRow(store, id);
  if (!row) throw new LuotError('not_found', `no user ${id}`);
  store.data.adminPeople.setPasswordHash(id, passwordHash);
  const tokensRevoked = revokeTokens(a, { userId: id });
  a.audit('user.password_reset', id, null, { username: row.username, tokensRevoked });
  return id;
}
