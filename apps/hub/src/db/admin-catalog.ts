// The catalogue as the admin edits it: fields (services) and their procedures, inactive ones
// included, counters with the RS-485 addresses of their devices, and the centre's own row.
// Statements are prepared on first use: a database of an older version may lack their columns.

import type { ServiceRow } from './catalog.ts';
import type { CounterRow } from './counters.ts';
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface ProcedureRow {
  id: string;
  service_id: string;
  code: string | null;
  name: string;
  name_en: string;
  active: number;
  sort_order: number;
}

export interface AdminCounterRow extends CounterRow {
  sign_address: number | null;
  keypad_address: number | null;
  pad_address: number | null;
}

/** The counter columns holding the address of each kind of device. */
export const ADDRESS_COLUMNS = {
  sign: 'sign_address',
  keypad: 'keypad_address',
  pad: 'pad_address',
} as const;
export type AddressKind = keyof typeof ADDRESS_COLUMNS;

export interface ServiceFields {
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  start: number;
  end: number;
  icon: string;
  active: boolean;
  sortOrder: number;
  meanServiceSeconds: number;
}

export interface ProcedureFields {
  code: string | null;
  name: string;
  nameEn: string;
  active: boolean;
  sortOrder: number;
}

export interface CounterFields {
  number: number;
  name: string;
  zone: string;
  callPolicy: CounterRow['call_policy'];
  /** 1 or 0, as stored. */
  active: number;
  signAddress: number | null;
  keypadAddress: number | null;
  padAddress: number | null;
}

export interface CentreFields {
  name: string;
  nameEn: string;
  address: string;
  hotline: string;
  /** JSON text. */
  openingHours: string;
  /** JSON text. */
  settings: string;
}

export interface NumberTakenQuery {
  day: string;
  /** The field whose own numbers do not count; null for a new field. */
  id: string | null;
  prefix: string;
  start: number;
  end: number;
}

export function adminCatalogData(db: Db) {
  return {
    // ---- fields
    service(id: string): ServiceRow | undefined {
      return prepared<ServiceRow>(db, 'SELECT * FROM services WHERE id = ?').get(id);
    },
    /** Every field, inactive ones too, in kiosk order. */
    services(): ServiceRow[] {
      return prepared<ServiceRow>(db, 'SELECT * FROM services ORDER BY sort_order, code').all();
    },
    serviceExists(id: string): boolean {
      return prepared(db, 'SELECT 1 FROM services WHERE id = ?').get(id) !== undefined;
    },
    /** Active fields numbering under this prefix, other than `exceptId`. */
    activeServicesWithPrefix(prefix: string, exceptId: string | null): ServiceRow[] {
      return prepared<ServiceRow>(
        db,
        'SELECT * FROM services WHERE active = 1 AND prefix = ? AND id IS NOT ?',
      ).all(prefix, exceptId);
    },
    /** The id of another field with this code, if any. */
    serviceWithCode(code: string, exceptId: string | null): { id: string } | undefined {
      return prepared<{ id: string }>(db, 'SELECT id FROM services WHERE code = ? AND id IS NOT ?').get(
        code,
        exceptId,
      );
    },
    /** A number of the range under the prefix already given out that day by another field. */
    numberTaken(q: NumberTakenQuery): { display_number: string } | undefined {
      return prepared<{ display_number: string }>(
        db,
        `SELECT display_number FROM tickets
       WHERE service_day = @day AND origin_service_id IS NOT @id
         AND substr(display_number, 1, length(@prefix)) = @prefix
         AND length(display_number) > length(@prefix)
         AND substr(display_number, length(@prefix) + 1) NOT GLOB '*[^0-9]*'
         AND CAST(substr(display_number, length(@prefix) + 1) AS INTEGER) BETWEEN @start AND @end
       LIMIT 1`,
      ).get({ day: q.day, id: q.id, prefix: q.prefix, start: q.start, end: q.end });
    },
    /** The highest sort order of the fields, null when there are none. */
    maxServiceSortOrder(): number | null | undefined {
      return prepared<{ n: number | null }>(db, 'SELECT MAX(sort_order) AS n FROM services').get()?.n;
    },
    insertService(id: string, f: ServiceFields): void {
      prepared(
        db,
        `INSERT INTO services (id, code, name, name_en, prefix, start_number, end_number, icon, active,
         sort_order, mean_service_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        f.code,
        f.name,
        f.nameEn,
        f.prefix,
        f.start,
        f.end,
        f.icon,
        f.active ? 1 : 0,
        f.sortOrder,
        f.meanServiceSeconds,
      );
    },
    updateService(id: string, f: ServiceFields): void {
      prepared(
        db,
        `UPDATE services SET code = ?, name = ?, name_en = ?, prefix = ?, start_number = ?, end_number = ?,
         icon = ?, active = ?, sort_order = ?, mean_service_seconds = ? WHERE id = ?`,
      ).run(
        f.code,
        f.name,
        f.nameEn,
        f.prefix,
        f.start,
        f.end,
        f.icon,
        f.active ? 1 : 0,
        f.sortOrder,
        f.meanServiceSeconds,
        id,
      );
    },

    // ---- procedures
    procedure(id: string): ProcedureRow | undefined {
      return prepared<ProcedureRow>(db, 'SELECT * FROM procedures WHERE id = ?').get(id);
    },
    /** Every procedure, inactive ones too, in kiosk order. */
    procedures(): ProcedureRow[] {
      return prepared<ProcedureRow>(db, 'SELECT * FROM procedures ORDER BY sort_order, name').all();
    },
    /** The highest sort order of the field's procedures, null when it has none. */
    maxProcedureSortOrder(serviceId: string): number | null | undefined {
      return prepared<{ n: number | null }>(
        db,
        'SELECT MAX(sort_order) AS n FROM procedures WHERE service_id = ?',
      ).get(serviceId)?.n;
    },
    insertProcedure(id: string, serviceId: string, f: ProcedureFields): void {
      prepared(
        db,
        `INSERT INTO procedures (id, service_id, code, name, name_en, active, sort_order)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, serviceId, f.code, f.name, f.nameEn, f.active ? 1 : 0, f.sortOrder);
    },
    updateProcedure(id: string, f: ProcedureFields): void {
      prepared(
        db,
        'UPDATE procedures SET code = ?, name = ?, name_en = ?, active = ?, sort_order = ? WHERE id = ?',
      ).run(f.code, f.name, f.nameEn, f.active ? 1 : 0, f.sortOrder, id);
    },

    // ---- counters
    counter(id: string): AdminCounterRow | undefined {
      return prepared<AdminCounterRow>(db, 'SELECT * FROM counters WHERE id = ?').get(id);
    },
    /** Every counter, inactive ones too, by number. */
    counters(): AdminCounterRow[] {
      return prepared<AdminCounterRow>(db, 'SELECT * FROM counters ORDER BY number').all();
    },
    /** The fields a counter serves, in its order. */
    serviceIdsOfCounter(counterId: string): string[] {
      return prepared<{ service_id: string }>(
        db,
        'SELECT service_id FROM counter_services WHERE counter_id = ? ORDER BY position',
      )
        .all(counterId)
        .map((r) => r.service_id);
    },
    /** Another counter with this number, if any. */
    counterWithNumber(number: number, exceptId: string | null): { id: string; name: string } | undefined {
      return prepared<{ id: string; name: string }>(
        db,
        'SELECT id, name FROM counters WHERE number = ? AND id IS NOT ?',
      ).get(number, exceptId);
    },
    /** Another counter whose device of this kind has this address, if any. */
    counterWithAddress(
      kind: AddressKind,
      address: number,
      exceptId: string | null,
    ): { number: number } | undefined {
      return prepared<{ number: number }>(
        db,
        `SELECT number FROM counters WHERE ${ADDRESS_COLUMNS[kind]} = ? AND id IS NOT ?`,
      ).get(address, exceptId);
    },
    insertCounter(id: string, f: CounterFields): void {
      prepared(
        db,
        `INSERT INTO counters (id, number, name, zone, call_policy, active, sign_address, keypad_address, pad_address)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        f.number,
        f.name,
        f.zone,
        f.callPolicy,
        f.active,
        f.signAddress,
        f.keypadAddress,
        f.padAddress,
      );
    },
    updateCounter(id: string, f: CounterFields): void {
      prepared(
        db,
        `UPDATE counters SET number = ?, name = ?, zone = ?, call_policy = ?, active = ?,
         sign_address = ?, keypad_address = ?, pad_address = ? WHERE id = ?`,
      ).run(
        f.number,
        f.name,
        f.zone,
        f.callPolicy,
        f.active,
        f.signAddress,
        f.keypadAddress,
        f.padAddress,
        id,
      );
    },
    /** Replaces the fields a counter serves, in this order. */
    setCounterServices(counterId: string, serviceIds: string[]): void {
      prepared(db, 'DELETE FROM counter_services WHERE counter_id = ?').run(counterId);
      serviceIds.forEach((serviceId, position) => {
        prepared(db, 'INSERT INTO counter_services (counter_id, service_id, position) VALUES (?, ?, ?)').run(
          counterId,
          serviceId,
          position,
        );
      });
    },

    // ---- the centre
    updateCentre(f: CentreFields): void {
      prepared(
        db,
        `UPDATE centre SET name = ?, name_en = ?, address = ?, hotline = ?, opening_hours = ?, settings = ?
       WHERE id = 1`,
      ).run(f.name, f.nameEn, f.address, f.hotline, f.openingHours, f.settings);
    },
  };
}

export type AdminCatalogData = ReturnType<typeof adminCatalogData>;
