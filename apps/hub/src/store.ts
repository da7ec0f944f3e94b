// The store: prepared statements over the hub's database, rows mapped to domain objects.
import type {
  CallPolicy,
  Channel,
  Counter,
  CounterState,
  DeviceKind,
  Priority,
  Role,
  Service,
  Ticket,
  TicketStatus,
  User,
} from '@luot/shared';
import type { Db } from './db/database.ts';
import { type CallOrder, callOrder } from './engine/call-order.ts';

export interface TicketRow {
  id: string;
  service_day: string;
  service_id: string;
  origin_service_id: string;
  procedure_id: string | null;
  number: number;
  display_number: string;
  priority: Priority | null;
  channel: Channel;
  status: TicketStatus;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  no_show_at: number | null;
  counter_id: string | null;
  officer_id: string | null;
  target_counter_id: string | null;
  recall_count: number;
  transfer_count: number;
  rating: number | null;
  note: string | null;
  issued_by_device: string | null;
  issued_by_user: string | null;
  counter_number?: number | null;
  procedure_ids?: string | null;
}

export interface CounterRow {
  id: string;
  number: number;
  name: string;
  zone: string;
  call_policy: CallPolicy;
  state: CounterState;
  pause_reason: string | null;
  officer_id: string | null;
  active: number;
}

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

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
  created_at: number;
}

export interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  counter_id: string | null;
  zone: string | null;
  active: number;
  created_at: number;
  last_seen_at: number | null;
  /** Kiosks: their own printer; null uses the hub's default printer. */
  printer_uri: string | null;
  printer_paper: 58 | 80;
  printer_mode: 'raster' | 'text' | 'ascii';
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

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const TICKET_SELECT = `
  SELECT t.*, c.number AS counter_number,
    (SELECT json_group_array(procedure_id) FROM ticket_procedures tp WHERE tp.ticket_id = t.id) AS procedure_ids
  FROM tickets t LEFT JOIN counters c ON c.id = t.counter_id`;

export function ticketFromRow(row: TicketRow): Ticket {
  return {
    id: row.id,
    serviceDay: row.service_day,
    serviceId: row.service_id,
    procedureId: row.procedure_id,
    number: row.number,
    displayNumber: row.display_number,
    priority: row.priority,
    channel: row.channel,
    status: row.status,
    issuedAt: new Date(row.issued_at).toISOString(),
    calledAt: iso(row.called_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    counterId: row.counter_id,
    counterNumber: row.counter_number ?? null,
    officerId: row.officer_id,
    procedureIds: row.procedure_ids ? (JSON.parse(row.procedure_ids) as string[]) : [],
    recallCount: row.recall_count,
    rating: row.rating,
    targetCounterId: row.target_counter_id,
    note: row.note,
  };
}

export function userFromRow(row: UserRow): User {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
}

export type Statements = ReturnType<typeof prepare>;

function prepare(db: Db) {
  const s = <R = unknown>(sql: string) => db.prepare<unknown[], R>(sql);
  return {
    centre: s<CentreRow>('SELECT * FROM centre WHERE id = 1'),
    servicesAll: s<ServiceRow>('SELECT * FROM services ORDER BY sort_order, code'),
    serviceById: s<ServiceRow>('SELECT * FROM services WHERE id = ?'),
    proceduresAll: s<{ id: string; service_id: string; code: string | null; name: string; name_en: string }>(
      'SELECT id, service_id, code, name, name_en FROM procedures WHERE active = 1 ORDER BY sort_order, name',
    ),
    procedureById: s<{ id: string; service_id: string; active: number }>(
      'SELECT id, service_id, active FROM procedures WHERE id = ?',
    ),
    countersAll: s<CounterRow>('SELECT * FROM counters WHERE active = 1 ORDER BY number'),
    counterById: s<CounterRow>('SELECT * FROM counters WHERE id = ?'),
    counterByOfficer: s<CounterRow>('SELECT * FROM counters WHERE officer_id = ?'),
    counterServices: s<{ counter_id: string; service_id: string }>(
      'SELECT counter_id, service_id FROM counter_services ORDER BY counter_id, position',
    ),
    servicesOfCounter: s<{ service_id: string }>(
      'SELECT service_id FROM counter_services WHERE counter_id = ? ORDER BY position',
    ),
    countersOfService: s<CounterRow>(
      `SELECT c.* FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
       WHERE cs.service_id = ? AND c.active = 1 ORDER BY c.number`,
    ),
    setCounterState: s('UPDATE counters SET state = ?, pause_reason = ?, officer_id = ? WHERE id = ?'),
    userById: s<UserRow>('SELECT * FROM users WHERE id = ?'),
    userByName: s<UserRow>('SELECT * FROM users WHERE username = ?'),
    insertUser: s(
      `INSERT INTO users (id, username, display_name, role, password_hash, active, created_at)
       VALUES (?, ?, ?, ?, ?, 1, ?)`,
    ),
    ticketById: s<TicketRow>(`${TICKET_SELECT} WHERE t.id = ?`),
    ticketsOpen: s<TicketRow>(
      `${TICKET_SELECT} WHERE t.status IN ('waiting', 'called', 'serving') ORDER BY t.issued_at`,
    ),
    activeTicketOfCounter: s<TicketRow>(
      `${TICKET_SELECT} WHERE t.counter_id = ? AND t.status IN ('called', 'serving')`,
    ),
    /** The field's highest number today inside its range (day, field, start, end): a seek on the unique key. */
    lastNumber: s<{ n: number | null }>(
      `SELECT MAX(number) AS n FROM tickets
       WHERE service_day = ? AND origin_service_id = ? AND number BETWEEN ? AND ?`,
    ),
    insertTicket: s(
      `INSERT INTO tickets (id, service_day, service_id, origin_service_id, procedure_id, number,
         display_number, priority, channel, status, issued_at, issued_by_device, issued_by_user)
       VALUES (@id, @serviceDay, @serviceId, @serviceId, @procedureId, @number, @displayNumber,
         @priority, @channel, 'waiting', @issuedAt, @deviceId, @userId)`,
    ),
    idempotency: s<{ ticket_id: string }>(
      'SELECT ticket_id FROM idempotency_keys WHERE principal = ? AND key = ?',
    ),
    insertIdempotency: s(
      'INSERT INTO idempotency_keys (principal, key, ticket_id, created_at) VALUES (?, ?, ?, ?)',
    ),
    insertProcedureDone: s('INSERT OR IGNORE INTO ticket_procedures (ticket_id, procedure_id) VALUES (?, ?)'),
    insertEvent: s(
      `INSERT INTO ticket_events (at, type, ticket_id, counter_id, user_id, device_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    lastSeq: s<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM ticket_events'),
    waitingDaysBefore: s<{ service_day: string }>(
      `SELECT DISTINCT service_day FROM tickets WHERE status IN ('waiting', 'called', 'serving')
       AND service_day < ? ORDER BY service_day`,
    ),
    expireDay: s<{ id: string }>(
      `UPDATE tickets SET status = 'expired', target_counter_id = NULL
       WHERE service_day = ? AND status IN ('waiting', 'called', 'serving') RETURNING id`,
    ),
    daySummary: s<{ service_day: string; summary: string }>(
      'SELECT service_day, summary FROM day_summaries WHERE service_day = ?',
    ),
    insertDaySummary: s(
      `INSERT INTO day_summaries (service_day, closed_at, summary) VALUES (?, ?, ?)
       ON CONFLICT(service_day) DO NOTHING`,
    ),
    lastClosedDay: s<{ d: string | null }>('SELECT MAX(service_day) AS d FROM day_summaries'),
  };
}

export class Store {
  readonly st: Statements;
  readonly order: CallOrder;
  private readonly statements = new Map<string, unknown>();
  private serviceCache: ServiceRow[] | null = null;
  private centreCache: CentreRow | null = null;
  private counterServiceCache: Map<string, string[]> | null = null;

  constructor(readonly db: Db) {
    this.st = prepare(db);
    this.order = callOrder(db);
  }

  /** A prepared statement for this SQL, prepared on first use and kept. */
  sql<R = unknown>(text: string): import('better-sqlite3').Statement<unknown[], R> {
    let statement = this.statements.get(text) as import('better-sqlite3').Statement<unknown[], R> | undefined;
    if (!statement) {
      statement = this.db.prepare<unknown[], R>(text);
      this.statements.set(text, statement);
    }
    return statement;
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
