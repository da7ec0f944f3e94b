// Run metadata, the printed table and the saved JSON.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface RunMeta {
  date: string;
  node: string;
  platform: string;
  arch: string;
  cpuCount: number;
  cpuModel: string;
  totalMemMB: number;
  gitCommit: string | null;
  gitDirty: boolean | null;
  /** File system of the folder holding the hub's data (tmpfs would make fsync free). */
  dataFs: string | null;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** The file system type of the mount holding `dir`, from /proc/mounts. */
function fsTypeOf(dir: string): string | null {
  try {
    let best: { mount: string; type: string } | null = null;
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [device, mount, type] = line.split(' ');
      if (!mount || !type) continue;
      const inside = dir === mount || dir.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
      if (inside && (!best || mount.length > best.mount.length))
        best = { mount, type: `${type} (${device})` };
    }
    return best?.type ?? null;
  } catch {
    return null;
  }
}

export function runMeta(root: string, dataDir: string): RunMeta {
  const status = git(root, ['status', '--porcelain']);
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpuCount: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemMB: Math.round(totalmem() / 1048576),
    gitCommit: git(root, ['rev-parse', 'HEAD']),
    gitDirty: status === null ? null : status.length > 0,
    dataFs: fsTypeOf(dataDir),
  };
}

export function saveJson(dir: string, date: string, data: unknown): { file: string; latest: string } {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const file = join(dir, `${date.replace(/[:.]/g, '-')}.json`);
  const latest = join(dir, 'latest.json');
  writeFileSync(file, text);
  writeFileSync(latest, text);
  return { file, latest };
}

export type Row = [section: string, figure: string, value: string, target?: string, verdict?: string];

/** A plain aligned text table: a heading line per section, then its figures. */
export function table(rows: Row[]): string {
  const cells = rows.map((r) => [r[1], r[2], r[3] ?? '', r[4] ?? '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((c) => c[i]!.length)));
  const out: string[] = [];
  rows.forEach((r, i) => {
    if (r[0]) out.push(`${out.length ? '\n' : ''}${r[0]}`);
    const c = cells[i]!;
    out.push(
      `  ${c[0]!.padEnd(widths[0]!)}  ${c[1]!.padStart(widths[1]!)}  ${c[2]!.padEnd(widths[2]!)}  ${c[3]}`.trimEnd(),
    );
  });
  return out.join('\n');
}

export const ms = (x: number) => `${x.toFixed(2)} ms`;
export const perSec = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`;
export const mb = (x: number) => `${x.toFixed(1)} MB`;
export const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
