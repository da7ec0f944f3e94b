// The centre and its catalogue: fields (services) and their procedures.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface ServiceRow {
  id: string;
  code: string;
  name: string;
  name_en: string;
  prefix: string;
  start_number: number;
  end_number: number;
  icon: string;
  active: number;
  sort_order: number;
  mean_service_seconds: number;
}

export interface CentreRow {
  code: string;
  name: string;
  name_en: string;
  time_zone: string;
  address: string;
  hotline: string;
  opening_hours: string;
  settings: string;
}

export interface ProcedureRef {
  id: string;
  serviceId: string;
  active: boolean;
}

export function catalogStatements(db: Db) {
  return {
    centre: prepared<CentreRow>(db, 'SELECT * FROM centre WHERE id = 1'),
    servicesAll: prepared<ServiceRow>(db, 'SELECT * FROM services ORDER BY sort_order, code'),
    serviceById: prepared<ServiceRow>(db, 'SELECT * FROM services WHERE id = ?'),
    proceduresAll: prepared<{
      id: string;
      service_id: string;
      code: string | null;
      name: string;
      name_en: string;
    }>(
      db,
      'SELECT id, service_id, code, name, name_en FROM procedures WHERE active = 1 ORDER BY sort_order, name',
    ),
    procedureById: prepared<{ id: string; service_id: string; active: number }>(
      db,
      'SELECT id, service_id, active FROM procedures WHERE id = ?',
    ),
  };
}

export function catalogData(db: Db) {
  const st = catalogStatements(db);
  return {
    /** The field as stored now (not cached). */
    serviceById(serviceId: string): ServiceRow | undefined {
      return st.serviceById.get(serviceId);
    },
    procedure(procedureId: string): ProcedureRef | undefined {
      const row = st.procedureById.get(procedureId);
      return row ? { id: row.id, serviceId: row.service_id, active: row.active === 1 } : undefined;
    },
  };
}

export type CatalogData = ReturnType<typeof catalogData>;
