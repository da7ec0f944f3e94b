// Process figures from /proc (Linux): memory and CPU time of a pid, and of this process.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface MemStatus {
  rssMB: number;
  hwmMB: number;
}

export function memStatus(pid: number): MemStatus {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    rssMB: Math.round((kb('VmRSS') / 1024) * 10) / 10,
    hwmMB: Math.round((kb('VmHWM') / 1024) * 10) / 10,
  };
}

let clockTicks: number | null = null;
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU time of a process so far, in milliseconds. */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond();
}

/** CPU use of the hub and of this client over a stretch of work, as a share of one core. */
export class CpuMeter {
  private readonly hub0: number;
  private readonly self0: NodeJS.CpuUsage;
  private readonly t0 = performance.now();
  constructor(private readonly hubPid: number) {
    this.hub0 = cpuTimeMs(hubPid);
    this.self0 = process.cpuUsage();
  }
  stop(): { hubCpuPct: number; clientCpuPct: number } {
    const wall = performance.now() - this.t0;
    const hub = cpuTimeMs(this.hubPid) - this.hub0;
    const self = process.cpuUsage(this.self0);
    return {
      hubCpuPct: Math.round((hub / wall) * 100),
      clientCpuPct: Math.round(((self.user + self.system) / 1000 / wall) * 100),
    };
  }
}
