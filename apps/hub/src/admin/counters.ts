// Counters as the admin edits them: number, name, zone, fields in order, call policy and the
// RS-485 addresses of their sign, keypad and rating pad.
import type { AdminCounter, CreateCounterRequest, DeviceAddresses, UpdateCounterRequest } from '@luot/shared';
import { LuotError } from '@luot/shared';
import { newId } from '../auth/auth.ts';
import type { CounterRow, Store } from '../db/store.ts';
import type { AdminCtx } from './change.ts';

interface AdminCounterRow extends CounterRow {
  sign_address: number | null;
  keypad_address: number | null;
  pad_address: number | null;
}

const ADDRESS_COLUMNS = { sign: 'sign_address', keypad: 'keypad_address', pad: 'pad_address' } as const;
const ADDRESS_KINDS = Object.keys(ADDRESS_COLUMNS) as (keyof DeviceAddresses)[];

const counterRow = (store: Store, id: string) =>
  store.sql<AdminCounterRow>('SELECT * FROM counters WHERE id = ?').get(id);

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
    serviceIds: store
      .sql<{ service_id: string }>(
        'SELECT service_id FROM counter_services WHERE counter_id = ? ORDER BY position',
      )
      .all(row.id)
      .map((r) => r.service_id),
    callPolicy: row.call_policy,
    active: row.active === 1,
    deviceAddresses: addressesOf(row),
  };
}

/** Every counter, inactive ones too, by number. */
export function adminCounters(store: Store): AdminCounter[] {
  return store
    .sql<AdminCounterRow>('SELECT * FROM counters ORDER BY number')
    .all()
    .map((row) => counterOut(store, row));
}

export function adminCounter(store: Store, id: string): AdminCounter {
  const row = counterRow(store, id);
  if (!row) throw new LuotError('not_found', `no counter ${id}`);
  return counterOut(store, row);
}

function checkNumberFree(store: Store, number: number, exceptId: string | null): void {
  const other = store
    .sql<{ id: string; name: string }>('SELECT id, name FROM counters WHERE number = ? AND id IS NOT ?')
    .get(number, exceptId);
  if (other) throw new LuotError('conflict', `number: counter ${number} already exists (${other.name})`);
}

function checkServices(store: Store, serviceIds: string[]): void {
  for (const [i, id] of serviceIds.entries()) {
    if (!store.sql('SELECT 1 FROM services WHERE id = ?').get(id))
      throw new LuotError('validation_failed', `serviceIds.${i}: no field ${id}`);
  }
}

function checkAddresses(store: Store, addresses: DeviceAddresses, exceptId: string | null): void {
  for (const kind of ADDRESS_KINDS) {
    const address = addresses[kind];
    if (address === null) continue;
    const other = store
      .sql<{ number: number }>(
        `SELECT number FROM counters WHERE ${ADDRESS_COLUMNS[kind]} = ? AND id IS NOT ?`,
      )
      .get(address, exceptId);
    if (other) {
      throw new LuotError(
        'conflict',
        `deviceAddresses.${kind}: address ${address} is already used by the ${kind} of counter ${other.number}`,
      );
    }
  }
}

function setServices(store: Store, counterId: string, serviceIds: string[]): void {
  store.sql('DELETE FROM counter_services WHERE counter_id = ?').run(counterId);
  serviceIds.forEach((serviceId, position) => {
    store
      .sql('INSERT INTO counter_services (counter_id, service_id, position) VALUES (?, ?, ?)')
      .run(counterId, serviceId, position);
  });
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
  store
    .sql(
      `INSERT INTO counters (id, number, name, zone, call_policy, active, sign_address, keypad_address, pad_address)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      body.number,
      body.name,
      body.zone,
      body.callPolicy,
      body.active ? 1 : 0,
      addresses.sign,
      addresses.keypad,
      addresses.pad,
    );
  setServices(store, id, body.serviceIds);
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
  store
    .sql(
      `UPDATE counters SET number = ?, name = ?, zone = ?, call_policy = ?, active = ?,
         sign_address = ?, keypad_address = ?, pad_address = ? WHERE id = ?`,
    )
    .run(
      body.number ?? row.number,
      body.name ?? row.name,
      body.zone ?? row.zone,
      body.callPolicy ?? row.call_policy,
      body.active === undefined ? row.active : body.active ? 1 : 0,
      addresses.sign,
      addresses.keypad,
      addresses.pad,
      id,
    );
  if (body.serviceIds) setServices(store, id, body.serviceIds);
  a.audit('counter.updated', id, before, counterRecord(store, counterRow(store, id)!));
  return id;
}
