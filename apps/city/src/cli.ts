// `pnpm city:cli`: a technician's tools for a city server's database (the same settings as
// `pnpm city`): add a centre and print its enrolment code, list centres, revoke a centre's key,
// add a user, back up the embedded database.
import { writeFileSync } from 'node:fs';
import { CityRole, CreateCentreRequest, LuotError, NewPassword, parseOrThrow } from '@luot/shared';
import { z } from 'zod';
import { createCity } from './city.ts';
import { loadCityConfig } from './config.ts';
import { openCityDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { createLogger } from './log.ts';

const USAGE = `usage: pnpm city:cli <command>
  centre add CODE "NAME"     add a centre (or rename it) and print a new one-time enrolment code
  centre list                list centres: enrolled, last report, acknowledged seq
  centre revoke CODE         remove the centre's key (it must enrol again with a new code)
  user add USERNAME admin|viewer "DISPLAY NAME"   add a city user (password from LUOT_NEW_PASSWORD)
  backup FILE.tar.gz         copy the embedded database (with PostgreSQL, use pg_dump)`;

export async function runCityCli(args: string[], out: (line: string) => void): Promise<number> {
  const [group, action, ...rest] = args;
  if (!group || group === 'help' || group === '--help') {
    out(USAGE);
    return group ? 0 : 2;
  }
  const config = loadCityConfig();
  const db = await openCityDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const city = createCity({ db, config, log: createLogger('silent') });
    if (group === 'centre' && action === 'add') {
      const body = parseOrThrow(CreateCentreRequest, { code: rest[0], name: rest[1] }, 'argument');
      const made = await city.createCentre(body.code, body.name);
      out(`centre ${made.centre.code} — ${made.centre.name}`);
      out(`enrolment code: ${made.enrolmentCode} (one use, until ${made.expiresAt})`);
      return 0;
    }
    if (group === 'centre' && action === 'list') {
      const { centres } = await city.listCentres();
      if (centres.length === 0) out('no centres yet: pnpm city:cli centre add CODE "NAME"');
      for (const c of centres) {
        out(
          `${c.code}\t${c.name}\t${c.enrolled ? 'enrolled' : 'not enrolled'}\tlast report ${c.lastReportAt ?? 'never'}\tackedSeq ${c.ackedSeq}`,
        );
      }
      return 0;
    }
    if (group === 'centre' && action === 'revoke' && rest[0]) {
      if (!(await city.revokeKey(rest[0]))) {
        out(`no centre ${rest[0]}`);
        return 1;
      }
      out(`centre ${rest[0]}: key revoked; give it a new code with "centre add"`);
      return 0;
    }
    if (group === 'user' && action === 'add') {
      const input = parseOrThrow(
        z.object({
          username: z.string().min(1).max(64),
          role: CityRole,
          displayName: z.string().min(1).max(100),
        }),
        { username: rest[0], role: rest[1], displayName: rest[2] },
        'argument',
      );
      const password = parseOrThrow(NewPassword, process.env.LUOT_NEW_PASSWORD ?? '', 'LUOT_NEW_PASSWORD');
      await city.addUser({ ...input, password });
      out(`user ${input.username} (${input.role}) added`);
      return 0;
    }
    if (group === 'backup' && action) {
      if (!db.dump) {
        out('the city runs on PostgreSQL: back it up with pg_dump');
        return 1;
      }
      const blob = await db.dump();
      writeFileSync(action, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
      out(`backup written to ${action}`);
      return 0;
    }
    out(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof LuotError) {
      out(`error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  runCityCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`luot city: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
