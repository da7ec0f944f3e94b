// The physical floor: raw durable SQLite commits on the same disk as the hub's data dir
// (better-sqlite3, WAL, synchronous=FULL, one small INSERT per transaction).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '@luot/hub';
import { type LatencySummary, round, summarize } from './lib/stats.ts';

export interface SqliteFloorResult {
  commits: number;
  wallMs: number;
  commitsPerSec: number;
  commitMs: LatencySummary;
}

export function sqliteFloor(dir: string, commits = 5000, warmup = 200): SqliteFloorResult {
  mkdirSync(dir, { recursive: true });
  // The hub's own opening code (WAL, synchronous=FULL, same pragmas), without its schema.
  const db = openDatabase(join(dir, 'floor.sqlite'), []);
  try {
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO t (at, payload) VALUES (?, ?)');
    const payload = 'x'.repeat(100);
    const commit = db.transaction((at: number) => insert.run(at, payload));
    for (let i = 0; i < warmup; i++) commit(Date.now());
    const latencies: number[] = new Array(commits);
    const start = performance.now();
    for (let i = 0; i < commits; i++) {
      const t0 = performance.now();
      commit(Date.now());
      latencies[i] = performance.now() - t0;
    }
    const wallMs = performance.now() - start;
    return {
      commits,
      wallMs: Math.round(wallMs),
      commitsPerSec: round((commits / wallMs) * 1000, 0),
      commitMs: summarize(latencies),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
