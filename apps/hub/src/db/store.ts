// The store: prepared statements over the hub's database, rows mapped to domain objects.
import type { Counter, Service, Ticket } from '@luot/shared';
import type { Statement } from 'better-sqlite3';
import { type CentreRow, catalogStatements, type ServiceRow } from './catalog.ts';
import { type CounterRow, counterStatements } from './counters.ts';
import { type HubData, hubData } from './data.ts';
import type { Db } from './database.ts';
import { dayStatements } from './day.ts';
import { eventStatements } from './events.ts';
import { prepared } from './prepared.ts';
import { type TicketRow, ticketFromRow, ticketStatements } from './tickets.ts';
import { userStatements } from './users.ts';

export type { CentreRow, ServiceRow } from './catalog.ts';

export type { CounterRow } from './counters.ts';
export type { DeviceRow } from './devices.ts';
export { type TicketRow, ticketFromRow } from './tickets.ts';
export { type UserRow, userFromRow } from './users.ts';

export type Statements = ReturnType<typeof prepare>;

/** The statements other parts of the hub use directly, gathered from the concern files. */
function prepare(db: Db) {
  return {
    ...catalogStatements(db),
    ...userStatements(db),
    ...counterStatements(db),
    ...ticketStatements(db),
    ...eventStatements(db),
    ...dayStatements(db),
  };
}

export class Store {
  readonly st: Statements;
  /** The data layer by concern (db/data.ts). */
  readonly data: HubData;
  private serviceCache: ServiceRow[] | null = null;
  private centreCache: CentreRow | null = null;
  private counterServiceCache: Map<string, string[]> | null = null;

  constructor(readonly db: Db) {
    this.st = prepare(db);
    this.data = hubData(db);
  }

  /** A prepared statement for this SQL, prepared on first use and kept. */
  sql<R = unknown>(text: string): Statement<unknown[], R> {
    return prepared<R>(this.db, text);
  }

  /** Runs fn in one IMMEDIATE transaction: all of it commits durably, or none of it. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Bumped whenever what the wait estimate reads besides the queue changes (service times,
   * open counters, fields), so the estimator can keep those per field between changes.
   */
  estimateVersion = 0;

  bumpEstimates(): void {
    this.estimateVersion += 1;
  }

  /** Called after any change to the centre, fields, procedures or counter assignments. */
  invalidateCatalog(): void {
    this.bumpEstimates();
    this.centreCache = null;
    this.serviceCache = null;
    this.counterServiceCache = null;
  }

  centre(): CentreRow {
    if (!this.centreCache) {
      const row = this.st.centre.get();
      if (!row) throw new Error('the centre is not configured');
      this.centreCache = row;
    }
    return this.centreCache;
  }

  serviceRows(): ServiceRow[] {
    this.serviceCache ??= this.st.servicesAll.all();
    return this.serviceCache;
  }

  service(id: string): ServiceRow | undefined {
    return this.serviceRows().find((s) => s.id === id);
  }

  services(): Service[] {
    const procs = this.st.proceduresAll.all();
    return this.serviceRows().map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      nameEn: s.name_en,
      prefix: s.prefix,
      start: s.start_number,
      end: s.end_number,
      icon: s.icon,
      active: s.active === 1,
      procedures: procs
        .filter((p) => p.service_id === s.id)
        .map((p) => ({ id: p.id, code: p.code, name: p.name, nameEn: p.name_en })),
    }));
  }

  serviceIdsOfCounter(counterId: string): string[] {
    if (!this.counterServiceCache) {
      const map = new Map<string, string[]>();
      for (const row of this.st.counterServices.all()) {
        const list = map.get(row.counter_id) ?? [];
        list.push(row.service_id);
        map.set(row.counter_id, list);
      }
      this.counterServiceCache = map;
    }
    return this.counterServiceCache.get(counterId) ?? [];
  }

  ticket(id: string): Ticket | undefined {
    const row = this.st.ticketById.get(id);
    return row ? ticketFromRow(row) : undefined;
  }

  ticketRow(id: string): TicketRow | undefined {
    return this.st.ticketById.get(id);
  }

  counterRow(id: string): CounterRow | undefined {
    return this.st.counterById.get(id);
  }

  counter(row: CounterRow): Counter {
    const officer = row.officer_id ? this.st.userById.get(row.officer_id) : undefined;
    const active = this.st.activeTicketOfCounter.get(row.id);
    return {
      id: row.id,
      number: row.number,
      name: row.name,
      zone: row.zone,
      serviceIds: this.serviceIdsOfCounter(row.id),
      callPolicy: row.call_policy,
      state: row.state,
      pauseReason: row.pause_reason,
      officer: officer ? { id: officer.id, displayName: officer.display_name } : null,
      currentTicket: active ? ticketFromRow(active) : null,
    };
  }

  counters(): Counter[] {
    return this.st.countersAll.all().map((row) => this.counter(row));
  }

  openTickets(): Ticket[] {
    return this.st.ticketsOpen.all().map(ticketFromRow);
  }

  lastSeq(): number {
    return this.st.lastSeq.get()?.seq ?? 0;
  }
}
