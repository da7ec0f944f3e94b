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
import type { ServiceRow, Store } from '../db/store.ts';
import type { AdminCtx } from './change.ts';

interface ProcedureRow {
  id: string;
  service_id: string;
  code: string | null;
  name: string;
  name_en: string;
  active: number;
  sort_order: number;
}

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

const serviceRow = (store: Store, id: string) =>
  store.sql<ServiceRow>('SELECT * FROM services WHERE id = ?').get(id);
const procedureRow = (store: Store, id: string) =>
  store.sql<ProcedureRow>('SELECT * FROM procedures WHERE id = ?').get(id);

/** Every field with every procedure, inactive ones included, in kiosk order. */
export function adminServices(store: Store): AdminService[] {
  const procedures = store.sql<ProcedureRow>('SELECT * FROM procedures ORDER BY sort_order, name').all();
  return store
    .sql<ServiceRow>('SELECT * FROM services ORDER BY sort_order, code')
    .all()
    .map((row) => ({
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
  const others = store
    .sql<ServiceRow>('SELECT * FROM services WHERE active = 1 AND prefix = ? AND id IS NOT ?')
    .all(field.prefix, field.id);
  for (const other of others) {
    if (field.start <= other.end_number && other.start_number <= field.end) {
      const shown = field.prefix ? `${field.prefix} ` : '';
      throw new LuotError(
        'conflict',
        `start: numbers ${shown}${field.start}–${field.end} overlap field ${other.code} (${shown}${other.start_number}–${other.end_number})`,
      );
    }
  }
  const taken = store
    .sql<{ display_number: string }>(
      `SELECT display_number FROM tickets
       WHERE service_day = @day AND origin_service_id IS NOT @id
         AND substr(display_number, 1, length(@prefix)) = @prefix
         AND length(display_number) > length(@prefix)
         AND substr(display_number, length(@prefix) + 1) NOT GLOB '*[^0-9]*'
         AND CAST(substr(display_number, length(@prefix) + 1) AS INTEGER) BETWEEN @start AND @end
       LIMIT 1`,
    )
    .get({ day: serviceDay, id: field.id, prefix: field.prefix, start: field.start, end: field.end });
  if (taken) {
    throw new LuotError(
      'conflict',
      `start: number ${taken.display_number} was already given out today by another field`,
    );
  }
}

function checkCodeFree(store: Store, code: string, exceptId: string | null): void {
  const other = store
    .sql<{ id: string }>('SELECT id FROM services WHERE code = ? AND id IS NOT ?')
    .get(code, exceptId);
  if (other) throw new LuotError('conflict', `code: ${code} is already the code of another field`);
}

const nextSortOrder = (store: Store, table: 'services' | 'procedures', serviceId?: string) =>
  (table === 'services'
    ? store.sql<{ n: number | null }>('SELECT MAX(sort_order) AS n FROM services').get()
    : store
        .sql<{ n: number | null }>('SELECT MAX(sort_order) AS n FROM procedures WHERE service_id = ?')
        .get(serviceId)
  )?.n ?? -1;

export function createService(a: AdminCtx, body: CreateServiceRequest): string {
  const { store } = a;
  checkCodeFree(store, body.code, null);
  if (body.active) checkNumbering(store, { id: null, ...body }, a.engine.serviceDay);
  const wanted = body.code.toLowerCase();
  const id = /^[a-z0-9_-]{1,64}$/.test(wanted) && !serviceRow(store, wanted) ? wanted : newId();
  store
    .sql(
      `INSERT INTO services (id, code, name, name_en, prefix, start_number, end_number, icon, active,
         sort_order, mean_service_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      body.code,
      body.name,
      body.nameEn,
      body.prefix,
      body.start,
      body.end,
      body.icon,
      body.active ? 1 : 0,
      body.sortOrder ?? nextSortOrder(store, 'services') + 1,
      Math.round(body.meanServiceMinutes * 60),
    );
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
  store
    .sql(
      `UPDATE services SET code = ?, name = ?, name_en = ?, prefix = ?, start_number = ?, end_number = ?,
         icon = ?, active = ?, sort_order = ?, mean_service_seconds = ? WHERE id = ?`,
    )
    .run(
      next.code,
      next.name,
      next.nameEn,
      next.prefix,
      next.start,
      next.end,
      next.icon,
      next.active ? 1 : 0,
      next.sortOrder,
      body.meanServiceMinutes === undefined
        ? row.mean_service_seconds
        : Math.round(body.meanServiceMinutes * 60),
      id,
    );
  a.audit('service.updated', id, before, serviceRecord(serviceRow(store, id)!));
  return id;
}

export function createProcedure(a: AdminCtx, serviceId: string, body: CreateProcedureRequest): string {
  const { store } = a;
  if (!serviceRow(store, serviceId)) throw new LuotError('not_found', `no field ${serviceId}`);
  let id = `${serviceId}-${nextSortOrder(store, 'procedures', serviceId) + 2}`;
  if (id.length > 64 || procedureRow(store, id)) id = newId();
  store
    .sql(
      `INSERT INTO procedures (id, service_id, code, name, name_en, active, sort_order)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      serviceId,
      body.code,
      body.name,
      body.nameEn,
      body.active ? 1 : 0,
      body.sortOrder ?? nextSortOrder(store, 'procedures', serviceId) + 1,
    );
  a.audit('procedure.created', id, null, { serviceId, ...procedureOut(procedureRow(store, id)!) });
  return id;
}

export function updateProcedure(a: AdminCtx, id: string, body: UpdateProcedureRequest): string {
  const { store } = a;
  const row = procedureRow(store, id);
  if (!row) throw new LuotError('not_found', `no procedure ${id}`);
  const before = procedureOut(row);
  const next = { ...before, ...body };
  store
    .sql('UPDATE procedures SET code = ?, name = ?, name_en = ?, active = ?, sort_order = ? WHERE id = ?')
    .run(next.code, next.name, next.nameEn, next.active ? 1 : 0, next.sortOrder, id);
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
