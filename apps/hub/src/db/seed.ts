// First-start writes and checks: the centre row, the demo catalogue (fields, procedures,
// counters and their fields), whether a centre and an admin exist. Statements are prepared on
// first use and kept.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface SeedCentre {
  code: string;
  name: string;
  nameEn: string;
  timeZone: string;
  address: string;
  hotline: string;
  /** JSON. */
  openingHours: string;
  /** JSON. */
  settings: string;
}

export interface SeedService {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  start: number;
  end: number;
  icon: string;
  sortOrder: number;
  meanServiceSeconds: number;
}

export interface SeedProcedure {
  id: string;
  serviceId: string;
  code: string | null;
  name: string;
  nameEn: string;
  sortOrder: number;
}

export function seedData(db: Db) {
  return {
    /** Whether the centre row exists. */
    hasCentre(): boolean {
      return prepared(db, 'SELECT 1 FROM centre WHERE id = 1').get() !== undefined;
    },
    /** Whether any admin user exists. */
    hasAdmin(): boolean {
      return prepared(db, `SELECT 1 FROM users WHERE role = 'admin'`).get() !== undefined;
    },
    /** The centre row, as configured. */
    insertCentre(c: SeedCentre): void {
      prepared(
        db,
        `INSERT INTO centre (id, code, name, name_en, time_zone, address, hotline, opening_hours, settings)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(c.code, c.name, c.nameEn, c.timeZone, c.address, c.hotline, c.openingHours, c.settings);
    },
    /** The centre row with its default code and names (no demo catalogue). */
    insertDefaultCentre(): void {
      prepared(
        db,
        `INSERT INTO centre (id, code, name, name_en) VALUES (1, 'LUOT', 'Trung tâm Phục vụ hành chính công', 'Public Administration Service Centre')`,
      ).run();
    },
    insertService(s: SeedService): void {
      prepared(
        db,
        `INSERT INTO services (id, code, name, name_en, prefix, start_number, end_number, icon, sort_order,
             mean_service_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.id,
        s.code,
        s.name,
        s.nameEn,
        s.prefix,
        s.start,
        s.end,
        s.icon,
        s.sortOrder,
        s.meanServiceSeconds,
      );
    },
    insertProcedure(p: SeedProcedure): void {
      prepared(
        db,
        'INSERT INTO procedures (id, service_id, code, name, name_en, sort_order) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(p.id, p.serviceId, p.code, p.name, p.nameEn, p.sortOrder);
    },
    insertCounter(id: string, number: number, name: string): void {
      prepared(db, 'INSERT INTO counters (id, number, name) VALUES (?, ?, ?)').run(id, number, name);
    },
    /** A field of a counter, at `position` in its call order. */
    insertCounterService(counterId: string, serviceId: string, position: number): void {
      prepared(db, 'INSERT INTO counter_services (counter_id, service_id, position) VALUES (?, ?, ?)').run(
        counterId,
        serviceId,
        position,
      );
    },
  };
}

export type SeedData = ReturnType<typeof seedData>;
