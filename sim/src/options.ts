// Command-line options of `pnpm simulate`, checked with messages that name the option.
import { parseArgs } from 'node:util';
import { DEFAULT_TIME_ZONE, isValidDay, serviceDayOf } from '@luot/shared';
import type { SimulateOptions } from './simulate.ts';

export const USAGE = `Lượt — mô phỏng ngày làm việc / day simulator

  pnpm simulate [--days N] [--until YYYY-MM-DD] [--data-dir DIR] [--seed S]
                [--officers N] [--scale X] [--json]

  --days N              days to simulate, ending with --until (default 7; 1 to 3660)
  --until YYYY-MM-DD    the last day, yesterday or earlier (default yesterday)
  --data-dir DIR        the hub's data dir to fill (default data/sim; a fresh one is seeded
                        with the demo centre, an existing one must have no tickets from the
                        first simulated day on)
  --seed S              the same seed gives the same days (default 1)
  --officers N          officers at counters (default: one at every counter)
  --scale X             multiplies the catalogue's arrivals per day (default 1; above 0, at most 20)
  --admin-password P    password of admin (default luot-demo; set on a fresh data dir)
  --officer-password P  password of the officers canbo1… (default luot-demo; set when created)
  --json                print the summary as JSON instead of the table
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions extends SimulateOptions {
  json: boolean;
  help: boolean;
}

/** Yesterday in the centre's zone: the last day the simulator may fill. */
export function yesterday(now: number, timeZone = DEFAULT_TIME_ZONE): string {
  const [y, m, d] = serviceDayOf(now, timeZone).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name}: a whole number from ${min} to ${max} (got "${text}")`);
  }
  return Number(text);
}

export function parseOptions(argv: string[], now = Date.now()): CliOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        days: { type: 'string' },
        until: { type: 'string' },
        'data-dir': { type: 'string' },
        seed: { type: 'string' },
        officers: { type: 'string' },
        scale: { type: 'string' },
        'admin-password': { type: 'string' },
        'officer-password': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs names the option in its message (unknown option, missing value, …).
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);

  const last = yesterday(now);
  const until = text('until') ?? last;
  if (!isValidDay(until)) throw new UsageError(`--until: a date as YYYY-MM-DD (got "${until}")`);
  if (until > last) throw new UsageError(`--until: a past day, ${last} or earlier (got ${until})`);

  const scaleText = text('scale') ?? '1';
  const scale = Number(scaleText);
  if (!/^\d+(\.\d+)?$/.test(scaleText) || !(scale > 0) || scale > 20) {
    throw new UsageError(`--scale: a number above 0 and at most 20 (got "${scaleText}")`);
  }
  const seed = text('seed') ?? '1';
  if (seed.length === 0 || seed.length > 100) throw new UsageError('--seed: 1 to 100 characters');
  const dataDir = text('data-dir') ?? 'data/sim';
  if (dataDir.trim() === '') throw new UsageError('--data-dir: a folder');
  const password = (name: string) => {
    const value = text(name) ?? 'luot-demo';
    if (value.length < 8) throw new UsageError(`--${name}: at least 8 characters`);
    return value;
  };
  const officersText = text('officers');
  return {
    days: wholeNumber('days', text('days') ?? '7', 1, 3660),
    until,
    dataDir,
    seed,
    officers: officersText === undefined ? null : wholeNumber('officers', officersText, 1, 999),
    scale,
    adminPassword: password('admin-password'),
    officerPassword: password('officer-password'),
    json: v.json === true,
    help: v.help === true,
  };
}
