// Fields (services) and their procedures as the admin edits them.
import type {
  AdminProcedure,
  AdminService,
  CreateProcedureRequest,
  CreateServiceRequest,
  UpdateProcedureRequest,
  UpdateServiceRequest,
} from '@luot/shared';
import { LuotError } from '@luot/shared';
import { newId } from '../auth/auth.ts';
import type { ProcedureRow } from '../db/admin-catalog.ts';
import type { ServiceRow, Store } from '../db/store.ts';
import type { AdminCtx } from './change.ts';

/** A field as stored, without its procedures: what the audit log keeps. */
function serviceRecord(row: ServiceRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    prefix: row.prefix,
    start: row.start_number,
    end: row.end_number,
    icon: row.icon,
    active: row.active === 1,
    sortOrder: row.sort_order,
    meanServiceMinutes: Math.round(row.mean_service_seconds / 6) / 10,
  };
}

function procedureOut(row: ProcedureRow): AdminProcedure {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    active: row.active === 1,
    sortOrder: row.sort_order,
  };
}

const serviceRow = (store: Store, id: string) => store.data.adminCatalog.service(id);
const procedureRow = (store: Store, id: string) => store.data.adminCatalog.procedure(id);

/** Every field with every procedure, inactive ones included, in kiosk order. */
export function adminServices(store: Store): AdminService[] {
  const procedures = store.data.adminCatalog.procedures();
  return store.data.adminCatalog.services().map((row) => ({
    ...serviceRecord(row),
    procedures: procedures.filter((p) => p.service_id === row.id).map(procedureOut),
  }));
}

export function adminService(store: Store, id: string): AdminService {
  const found = adminServices(store).find((s) => s.id === id);
  if (!found) throw new LuotError('not_found', `no field ${id}`);
  return found;
}

interface Numbering {
  id: string | null;
  prefix: string;
  start: number;
  end: number;
}

/**
 * An active field's numbers must not collide with another active field's: their ranges may not
 * overlap under the same prefix, and none of its numbers may already have been given out today
 * by another field (a number once shown is never issued again that day).
 */
function checkNumbering(store: Store, field: Numbering, serviceDay: string): void {
  const others = store.data.adminCatalog.activeServicesWithPrefix(field.prefix, field.id);
  for (const other of others) {
    if (field.start <= other.end_number && other.start_number <= field.end) {
      const shown = field.prefix ? `${field.prefix} ` : '';
      throw new LuotError(
        'conflict',
        `start: numbers ${shown}${field.start}–${field.end} overlap field ${other.code} (${shown}${other.start_number}–${other.end_number})`,
      );
    }
  }
  const taken = store.data.adminCatalog.numberTaken({
    day: serviceDay,
    id: field.id,
    prefix: field.prefix,
    start: field.start,
    end: field.end,
  });
  if (taken) {
    throw new LuotError(
      'conflict',
      `start: number ${taken.display_number} was already given out today by another field`,
    );
  }
}

function checkCodeFree(store: Store, code: string, exceptId: string | null): void {
  const other = store.data.adminCatalog.serviceWithCode(code, exceptId);
  if (other) throw new LuotError('conflict', `code: ${code} is already the code of another field`);
}

const nextSortOrder = (store: Store, table: 'services' | 'procedures', serviceId?: string) =>
  (table === 'services'
    ? store.data.adminCatalog.maxServiceSortOrder()
    : store.data.adminCatalog.maxProcedureSortOrder(serviceId!)) ?? -1;

export function createService(a: AdminCtx, body: CreateServiceRequest): string {
  const { store } = a;
  checkCodeFree(store, body.code, null);
  if (body.active) checkNumbering(store, { id: null, ...body }, a.engine.serviceDay);
  const wanted = body.code.toLowerCase();
  const id = /^[a-z0-9_-]{1,64}$/.test(wanted) && !serviceRow(store, wanted) ? wanted : newId();
  store.data.adminCatalog.insertService(id, {
    code: body.code,
    name: body.name,
    nameEn: body.nameEn,
    prefix: body.prefix,
    start: body.start,
    end: body.end,
    icon: body.icon,
    active: body.active,
    sortOrder: body.sortOrder ?? nextSortOrder(store, 'services') + 1,
    meanServiceSeconds: Math.round(body.meanServiceMinutes * 60),
  });
  a.audit('service.created', id, null, serviceRecord(serviceRow(store, id)!));
  return id;
}

export function updateService(a: AdminCtx, id: string, body: UpdateServiceRequest): string {
  const { store } = a;
  const row = serviceRow(store, id);
  if (!row) throw new LuotError('not_found', `no field ${id}`);
  const before = serviceRecord(row);
  const next = { ...before, ...body };
  if (next.end < next.start) throw new LuotError('validation_failed', 'end: must be at least start');
  if (body.code !== undefined && body.code !== row.code) checkCodeFree(store, body.code, id);
  const numberingChanged =
    next.prefix !== before.prefix || next.start !== before.start || next.end !== before.end;
  if (next.active && (numberingChanged || !before.active)) {
    checkNumbering(store, { id, prefix: next.prefix, start: next.start, end: next.end }, a.engine.serviceDay);
  }
  store.data.adminCatalog.updateService(id, {
    code: next.code,
    name: next.name,
    nameEn: next.nameEn,
    prefix: next.prefix,
    start: next.start,
    end: next.end,
    icon: next.icon,
    active: next.active,
    sortOrder: next.sortOrder,
    meanServiceSeconds:
      body.meanServiceMinutes === undefined
        ? row.mean_service_seconds
        : Math.round(body.meanServiceMinutes * 60),
  });
  a.audit('service.updated', id, before, serviceRecord(serviceRow(store, id)!));
  return id;
}

export function createProcedure(a: AdminCtx, serviceId: string, body: CreateProcedureRequest): string {
  const { store } = a;
  if (!serviceRow(store, serviceId)) throw new LuotError('not_found', `no field ${serviceId}`);
  let id = `${serviceId}-${nextSortOrder(store, 'procedures', serviceId) + 2}`;
  if (id.length > 64 || procedureRow(store, id)) id = newId();
  store.data.adminCatalog.insertProcedure(id, serviceId, {
    code: body.code,
    name: body.name,
    nameEn: body.nameEn,
    active: body.active,
    sortOrder: body.sortOrder ?? nextSortOrder(store, 'procedures', serviceId) + 1,
  });
  a.audit('procedure.created', id, null, { serviceId, ...procedureOut(procedureRow(store, id)!) });
  return id;
}

export function updateProcedure(a: AdminCtx, id: string, body: UpdateProcedureRequest): string {
  const { store } = a;
  const row = procedureRow(store, id);
  if (!row) throw new LuotError('not_found', `no procedure ${id}`);
  const before = procedureOut(row);
  const next = { ...before, ...body };
  store.data.adminCatalog.updateProcedure(id, {
    code: next.code,
    name: next.name,
    nameEn: next.nameEn,
    active: next.active,
    sortOrder: next.sortOrder,
  });
  a.audit(
    'procedure.updated',
    id,
    { serviceId: row.service_id, ...before },
    { serviceId: row.service_id, ...procedureOut(procedureRow(store, id)!) },
  );
  return id;
}

export function procedureAnswer(store: Store, id: string): { procedure: AdminProcedure; serviceId: string } {
  const row = procedureRow(store, id);
  if (!row) throw new LuotError('not_found', `no procedure ${id}`);
  return { procedure: procedureOut(row), serviceId: row.service_id };
}
