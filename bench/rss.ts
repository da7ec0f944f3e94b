// Memory of the hub process and size of its database.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { memStatus } from './lib/proc.ts';

export interface MemoryReading {
  rssMB: number;
  hwmMB: number;
}

export function hubMemory(pid: number): MemoryReading {
  return memStatus(pid);
}

export interface DbSize {
  dbMB: number;
  walMB: number;
}

const mb = (file: string) => (existsSync(file) ? Math.round((statSync(file).size / 1048576) * 10) / 10 : 0);

export function dbSize(dataDir: string): DbSize {
  return { dbMB: mb(join(dataDir, 'luot.sqlite')), walMB: mb(join(dataDir, 'luot.sqlite-wal')) };
}
