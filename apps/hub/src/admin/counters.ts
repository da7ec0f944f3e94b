// Counters as the admin edits them: number, name, zone, fields in order, call policy and the
// RS-485 addresses of their sign, keypad and rating pad.
import type { AdminCounter, CreateCounterRequest, DeviceAddresses, UpdateCounterRequest } from '@luot/shared';
import { LuotError } from '@luot/shared';
import { newId } from '../auth/auth.ts';
import { ADDRESS_COLUMNS, type AdminCounterRow } from '../db/admin-catalog.ts';
import type { Store } from '../db/store.ts';
import type { AdminCtx } from './change.ts';

const ADDRESS_KINDS = Object.keys(ADDRESS_COLUMNS) as (keyof DeviceAddresses)[];

const counterRow = (store: Store, id: string) => store.data.adminCatalog.counter(id);

const addressesOf = (row: AdminCounterRow): DeviceAddresses => ({
  sign: row.sign_address,
  keypad: row.keypad_address,
  pad: row.pad_address,
});

function counterOut(store: Store, row: AdminCounterRow): AdminCounter {
  return { ...store.counter(row), active: row.active === 1, deviceAddresses: addressesOf(row) };
}

/** What the audit log keeps of a counter: its settings, not its live state. */
function counterRecord(store: Store, row: AdminCounterRow) {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    zone: row.zone,
    serviceIds: store.data.adminCatalog.serviceIdsOfCounter(row.id),
    callPolicy: row.call_policy,
    active: row.active === 1,
    deviceAddresses: addressesOf(row),
  };
}

/** Every counter, inactive ones too, by number. */
export function adminCounters(store: Store): AdminCounter[] {
  return store.data.adminCatalog.counters().map((row) => counterOut(store, row));
}

export function adminCounter(store: Store, id: string): AdminCounter {
  const row = counterRow(store, id);
  if (!row) throw new LuotError('not_found', `no counter ${id}`);
  return counterOut(store, row);
}

function checkNumberFree(store: Store, number: number, exceptId: string | null): void {
  const other = store.data.adminCatalog.counterWithNumber(number, exceptId);
  if (other) throw new LuotError('conflict', `number: counter ${number} already exists (${other.name})`);
}

function checkServices(store: Store, serviceIds: string[]): void {
  for (const [i, id] of serviceIds.entries()) {
    if (!store.data.adminCatalog.serviceExists(id))
      throw new LuotError('validation_failed', `serviceIds.${i}: no field ${id}`);
  }
}

function checkAddresses(store: Store, addresses: DeviceAddresses, exceptId: string | null): void {
  for (const kind of ADDRESS_KINDS) {
    const address = addresses[kind];
    if (address === null) continue;
    const other = store.data.adminCatalog.counterWithAddress(kind, address, exceptId);
    if (other) {
      throw new LuotError(
        'conflict',
        `deviceAddresses.${kind}: address ${address} is already used by the ${kind} of counter ${other.number}`,
      );
    }
  }
}

export function createCounter(a: AdminCtx, body: CreateCounterRequest): string {
  const { store } = a;
  checkNumberFree(store, body.number, null);
  checkServices(store, body.serviceIds);
  const addresses: DeviceAddresses = {
    sign: body.deviceAddresses.sign ?? null,
    keypad: body.deviceAddresses.keypad ?? null,
    pad: body.deviceAddresses.pad ?? null,
  };
  checkAddresses(store, addresses, null);
  const id = counterRow(store, `c${body.number}`) ? newId() : `c${body.number}`;
  store.data.adminCatalog.insertCounter(id, {
    number: body.number,
    name: body.name,
    zone: body.zone,
    callPolicy: body.callPolicy,
    active: body.active ? 1 : 0,
    signAddress: addresses.sign,
    keypadAddress: addresses.keypad,
    padAddress: addresses.pad,
  });
  store.data.adminCatalog.setCounterServices(id, body.serviceIds);
  a.audit('counter.created', id, null, counterRecord(store, counterRow(store, id)!));
  return id;
}

export function updateCounter(a: AdminCtx, id: string, body: UpdateCounterRequest): string {
  const { store } = a;
  const row = counterRow(store, id);
  if (!row) throw new LuotError('not_found', `no counter ${id}`);
  const before = counterRecord(store, row);
  const inUse = row.state !== 'closed' || row.officer_id !== null;
  if (body.number !== undefined && body.number !== row.number) {
    checkNumberFree(store, body.number, id);
    // Officers, signs and displays know an open counter by its number.
    if (inUse)
      throw new LuotError('conflict', `number: counter ${row.number} is open; sign its officer out first`);
  }
  if (body.active === false && row.active === 1 && inUse) {
    throw new LuotError('conflict', `active: counter ${row.number} is open; sign its officer out first`);
  }
  if (body.serviceIds) checkServices(store, body.serviceIds);
  const addresses: DeviceAddresses = { ...before.deviceAddresses };
  for (const kind of ADDRESS_KINDS) {
    const given = body.deviceAddresses?.[kind];
    if (given !== undefined) addresses[kind] = given;
  }
  checkAddresses(store, addresses, id);
  store.data.adminCatalog.updateCounter(id, {
    number: body.number ?? row.number,
    name: body.name ?? row.name,
    zone: body.zone ?? row.zone,
    callPolicy: body.callPolicy ?? row.call_policy,
    active: body.active === undefined ? row.active : body.active ? 1 : 0,
    signAddress: addresses.sign,
    keypadAddress: addresses.keypad,
    padAddress: addresses.pad,
  });
  if (body.serviceIds) store.data.adminCatalog.setCounterServices(id, body.serviceIds);
  a.audit('counter.updated', id, before, counterRecord(store, counterRow(store, id)!));
  return id;
}
