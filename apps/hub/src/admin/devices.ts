// Paired devices as the admin manages them: rename, move to a zone or counter, revoke.
import type { UpdateDeviceRequest } from '@luot/shared';
import { LuotError } from '@luot/shared';
import type { DeviceRow, Store } from '../db/store.ts';
import { type AdminCtx, revokeTokens } from './change.ts';

const anyDevice = (store: Store, id: string) => store.data.devices.byId(id);

function activeDevice(store: Store, id: string): DeviceRow {
  const row = anyDevice(store, id);
  if (!row) throw new LuotError('not_found', `no device ${id}`);
  if (row.active !== 1) throw new LuotError('conflict', `device ${row.name} is revoked; pair a new one`);
  return row;
}

const deviceRecord = (row: DeviceRow) => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  zone: row.zone,
  counterId: row.counter_id,
  active: row.active === 1,
});

export function updateDevice(a: AdminCtx, id: string, body: UpdateDeviceRequest): string {
  const { store } = a;
  const row = activeDevice(store, id);
  // The same rules as pairing: a zone is for displays, a counter for counter devices.
  if (body.zone != null && row.kind !== 'display')
    throw new LuotError('validation_failed', `zone: only for display devices (this is a ${row.kind})`);
  if (body.counterId != null) {
    if (row.kind !== 'counter')
      throw new LuotError('validation_failed', `counterId: only for counter devices (this is a ${row.kind})`);
    if (!store.data.adminPeople.activeCounterExists(body.counterId))
      throw new LuotError('validation_failed', `counterId: no counter ${body.counterId}`);
  }
  store.data.adminPeople.updateDevice(id, {
    name: body.name ?? row.name,
    zone: body.zone === undefined ? row.zone : body.zone,
    counterId: body.counterId === undefined ? row.counter_id : body.counterId,
  });
  a.audit('device.updated', id, deviceRecord(row), deviceRecord(anyDevice(store, id)!));
  return id;
}

/** Unpairs a device for good: its tokens stop working at once and its sockets are closed. */
export function revokeDevice(a: AdminCtx, id: string): string {
  const { store } = a;
  const row = activeDevice(store, id);
  store.data.adminPeople.deactivateDevice(id);
  const tokensRevoked = revokeTokens(a, { deviceId: id });
  a.audit('device.revoked', id, deviceRecord(row), { ...deviceRecord(anyDevice(store, id)!), tokensRevoked });
  return id;
}
