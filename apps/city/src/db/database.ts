// The city's one connection to PostgreSQL: a real server through `pg` (LUOT_CITY_DATABASE_URL),
// or PGlite — PostgreSQL compiled to WASM — in a data dir. Both take the same SQL text with $n
// parameters; every statement of the city goes through `Sql` (docs/decisions/0005-city-store.md).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What a statement may be given: text, numbers, booleans, null, or a JSON string for ::jsonb. */
export type SqlParam = string | number | boolean | null | bigint;

/** Runs statements (inside a transaction when given by `transaction`). */
export interface Sql {
  query<R extends object>(text: string, params?: readonly SqlParam[]): Promise<R[]>;
}

export interface CityDatabase extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded database only: a tar.gz of its data dir (for `pnpm city:cli backup`). */
  dump?(): Promise<Blob>;
}

// bigint (int8) and numeric (SUM of int8) arrive as numbers: every value the city stores fits
// in a double exactly (times in ms, counts, sums of waits).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// A service day (date) stays the text YYYY-MM-DD, never a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export async function openPostgres(url: string, max = 10): Promise<CityDatabase> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'luot-city' });
  // An idle connection that fails (the server restarted) must not crash the process.
  pool.on('error', () => {});
  const client = await pool.connect();
  client.release();
  const query = async <R extends object>(text: string, params?: readonly SqlParam[]) =>
    (await pool.query(text, params as unknown[])).rows as R[];
  return {
    kind: 'postgres',
    query,
    async transaction(work) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await work({
          query: async <R extends object>(text: string, params?: readonly SqlParam[]) =>
            (await conn.query(text, params as unknown[])).rows as R[],
        });
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    async exec(text) {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}

export async function openPglite(dataDir: string): Promise<CityDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, {
    // As pg does above: int8 and numeric as numbers, a date as its text.
    parsers: { 20: (v: string) => Number(v), 1700: (v: string) => Number(v), 1082: (v: string) => v },
  });
  return pgliteDatabase(db);
}

/** An in-memory PGlite (tests that need no files). */
export async function openPgliteMemory(): Promise<CityDatabase> {
  const db = await PGlite.create({
    parsers: { 20: (v: string) => Number(v), 1700: (v: string) => Number(v), 1082: (v: string) => v },
  });
  return pgliteDatabase(db);
}

function pgliteDatabase(db: PGlite): CityDatabase {
  return {
    kind: 'pglite',
    query: async <R extends object>(text: string, params?: readonly SqlParam[]) =>
      (await db.query<R>(text, params as unknown[])).rows,
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <R extends object>(text: string, params?: readonly SqlParam[]) =>
            (await tx.query<R>(text, params as unknown[])).rows,
        }),
      ),
    async exec(text) {
      await db.exec(text);
    },
    close: () => db.close(),
    dump: () => db.dumpDataDir('gzip') as Promise<Blob>,
  };
}

export async function openCityDatabase(options: {
  url: string | null;
  dataDir: string;
}): Promise<CityDatabase> {
  return options.url ? openPostgres(options.url) : openPglite(options.dataDir);
}
