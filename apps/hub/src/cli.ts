// `pnpm luot <command>`: technician commands on a hub's data dir (works while the hub runs).
import { chmodSync, copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CityJoinRequest,
  CreateUserRequest,
  Day,
  DeviceKind,
  describeZodError,
  LuotError,
  PairingCodeRequest,
  serviceDayOf,
} from '@luot/shared';
import type { z } from 'zod';
import { Auth } from './auth/auth.ts';
import { joinCity } from './city/join.ts';
import { CITY_KEY_FILE, cityKeyPath } from './city/keys.ts';
import { openDatabase } from './db/database.ts';
import { Store } from './db/store.ts';
import { statsQueries } from './reports/day-stats.ts';

const USAGE = `Lượt hub — technician commands (data dir: LUOT_DATA_DIR, default ./data)

  pnpm luot user add <username> --role admin|director|officer --name "<display name>" [--password <pw>]
  pnpm luot pairing-code kiosk|counter|display "<device name>" [--counter <counterId>] [--zone <zone>]
  pnpm luot backup <file>            online backup of the database to a file (and the city key beside it)
  pnpm luot city join <cityUrl> <enrolmentCode>   join a city server (the running hub starts sending within 30 s)
  pnpm luot city status              where this centre reports, how far the city has acknowledged, the last error
  pnpm luot today [--date YYYY-MM-DD] [--json]   the day's figures
`;

export class CliError extends Error {
  override name = 'CliError';
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(describeZodError(r.error));
  return r.data;
}

function openStore(dataDir: string): Store {
  const file = join(dataDir, 'luot.sqlite');
  if (!existsSync(file))
    throw new CliError(`no hub database at ${file}; start the hub once (pnpm hub) first`);
  return new Store(openDatabase(file));
}

/** Runs one CLI command; returns what to print. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      counter: { type: 'string' },
      zone: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) return USAGE;
  const dataDir = resolve(env.LUOT_DATA_DIR || './data');

  if (command === 'user' && rest[0] === 'add') {
    const store = openStore(dataDir);
    try {
      const generated = values.password === undefined;
      const password =
        values.password ?? Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString('base64url');
      const input = parse(CreateUserRequest, {
        username: rest[1],
        password,
        displayName: values.name ?? rest[1],
        role: values.role,
      });
      const user = await new Auth(store).createUser(input, now);
      return `created ${user.role} ${user.username} (${user.id})${generated ? `\npassword: ${password}` : ''}`;
    } finally {
      store.db.close();
    }
  }
  if (command === 'pairing-code') {
    const store = openStore(dataDir);
    try {
      const input = parse(PairingCodeRequest, {
        kind: parse(DeviceKind, rest[0]),
        name: rest[1] ?? `${rest[0]} device`,
        ...(values.counter ? { counterId: values.counter } : {}),
        ...(values.zone ? { zone: values.zone } : {}),
      });
      const { code, expiresAt } = new Auth(store).createPairingCode(input, null, now);
      return `pairing code: ${code}\nvalid until ${new Date(expiresAt).toISOString()} (one use)`;
    } finally {
      store.db.close();
    }
  }
  if (command === 'backup') {
    if (!rest[0]) throw new CliError('backup: name the file to write');
    const target = resolve(rest[0]);
    if (existsSync(target)) throw new CliError(`backup: ${target} exists; choose a new file`);
    const store = openStore(dataDir);
    try {
      const { totalPages } = await store.db.backup(target);
      const lines = [`backed up ${totalPages} pages to ${target}`];
      // The centre's city key is a file, not a row: it goes beside the backup, as private as it is.
      const key = cityKeyPath(dataDir);
      if (existsSync(key)) {
        const keyCopy = `${target}.${CITY_KEY_FILE}`;
        copyFileSync(key, keyCopy);
        chmodSync(keyCopy, 0o600);
        lines.push(
          `city key copied to ${keyCopy} (keep it private; restore it as ${CITY_KEY_FILE} in the data dir)`,
        );
      }
      return lines.join('\n');
    } finally {
      store.db.close();
    }
  }
  if (command === 'city' && (rest[0] === 'join' || rest[0] === 'status')) {
    const store = openStore(dataDir);
    try {
      if (rest[0] === 'join') {
        const body = parse(CityJoinRequest, { cityUrl: rest[1], enrolmentCode: rest[2] });
        try {
          const city = await joinCity(
            { dataDir, data: store.data.city, now },
            body.cityUrl,
            body.enrolmentCode,
          );
          return `joined ${city.url} as centre ${city.centreCode}; the hub sends its reports from now on`;
        } catch (error) {
          if (error instanceof LuotError) throw new CliError(error.message);
          throw error;
        }
      }
      const link = store.data.city.link();
      if (!link) return 'not joined to a city: pnpm luot city join <cityUrl> <enrolmentCode>';
      const pending = store.data.city.lastSeq() - link.acked_seq;
      const at = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());
      return [
        `city:        ${link.url}`,
        `centre code: ${link.centre_code}`,
        `acknowledged seq ${link.acked_seq}, ${Math.max(0, pending)} events to send`,
        `last sent:   ${at(link.last_sent_at)}`,
        `last error:  ${link.last_error ?? 'none'}${link.failing_since ? ` (failing since ${at(link.failing_since)})` : ''}`,
      ].join('\n');
    } finally {
      store.db.close();
    }
  }
  if (command === 'today') {
    const store = openStore(dataDir);
    try {
      const day = values.date ? parse(Day, values.date) : serviceDayOf(now, store.centre().time_zone);
      const s = statsQueries(store)(day);
      if (values.json) return JSON.stringify(s, null, 2);
      const fmt = (x: number | null) => (x === null ? '—' : `${Math.round(x / 6) / 10} phút`);
      return [
        `Ngày ${s.date} — ${store.centre().name}`,
        `  Đã cấp số / issued:        ${s.issued}`,
        `  Đã phục vụ / served:       ${s.served}`,
        `  Đang chờ / waiting:        ${s.waiting}`,
        `  Vắng mặt / no-show:        ${s.noShow}`,
        `  Hủy / cancelled:           ${s.cancelled}`,
        `  Chờ TB / avg wait:         ${fmt(s.avgWaitSeconds)}`,
        `  Chờ P90 / p90 wait:        ${fmt(s.p90WaitSeconds)}`,
        `  Phục vụ TB / avg service:  ${fmt(s.avgServiceSeconds)}`,
      ].join('\n');
    } finally {
      store.db.close();
    }
  }
  throw new CliError(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (out) => {
      process.stdout.write(`${out}\n`);
    },
    (error) => {
      process.stderr.write(`luot: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof CliError || (error as { code?: string }).code ? 2 : 1);
    },
  );
}
