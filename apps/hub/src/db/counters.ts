// Counters: their state, who is signed in, and which fields they serve.
import type { CallPolicy, CounterState } from '@luot/shared';
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

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

export function counterStatements(db: Db) {
  return {
    countersAll: prepared<CounterRow>(db, 'SELECT * FROM counters WHERE active = 1 ORDER BY number'),
    counterById: prepared<CounterRow>(db, 'SELECT * FROM counters WHERE id = ?'),
    counterByOfficer: prepared<CounterRow>(db, 'SELECT * FROM counters WHERE officer_id = ?'),
    counterServices: prepared<{ counter_id: string; service_id: string }>(
      db,
      'SELECT counter_id, service_id FROM counter_services ORDER BY counter_id, position',
    ),
    servicesOfCounter: prepared<{ service_id: string }>(
      db,
      'SELECT service_id FROM counter_services WHERE counter_id = ? ORDER BY position',
    ),
    countersOfService: prepared<CounterRow>(
      db,
      `SELECT c.* FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
       WHERE cs.service_id = ? AND c.active = 1 ORDER BY c.number`,
    ),
    setCounterState: prepared<CounterRow>(
      db,
      'UPDATE counters SET state = ?, pause_reason = ?, officer_id = ? WHERE id = ? RETURNING *',
    ),
  };
}

export interface CounterStateChange {
  state: CounterState;
  pauseReason: string | null;
  officerId: string | null;
}

export function counterData(db: Db) {
  const st = counterStatements(db);
  const openCountersOfService = prepared<{ n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM counters c JOIN counter_services cs ON cs.counter_id = c.id
     WHERE cs.service_id = ? AND c.active = 1 AND c.state IN ('open', 'paused')`,
  );
  return {
    byId(counterId: string): CounterRow | undefined {
      return st.counterById.get(counterId);
    },
    /** The counter where this officer is signed in, if any. */
    ofOfficer(userId: string): CounterRow | undefined {
      return st.counterByOfficer.get(userId);
    },
    /** The counter's row as written. */
    setState(counterId: string, change: CounterStateChange): CounterRow | undefined {
      return st.setCounterState.get(change.state, change.pauseReason, change.officerId, counterId);
    },
    /** Active counters serving the field that are open or paused. */
    openCountOfService(serviceId: string): number | undefined {
      return openCountersOfService.get(serviceId)?.n;
    },
  };
}

export type CounterData = ReturnType<typeof counterData>;
