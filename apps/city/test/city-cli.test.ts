// `pnpm city:cli` on an embedded city database: a centre added prints a one-time code that
// enrols once, the list shows it, a bad code is refused, revoke removes the key, a user is added,
// and the backup is a gzip of the data dir.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { newCentreKeyPair } from '@luot/shared/node';
import { describe, expect, it } from 'vitest';
import { runCityCli } from '../src/cli.ts';
import { startCity } from '../src/server.ts';
import { cityTestConfig, json } from './harness.ts';

async function cli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, { LUOT_DATA_DIR: dataDir, LUOT_CITY_DATABASE_URL: '', ...env });
  const lines: string[] = [];
  try {
    const code = await runCityCli(args, (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  } finally {
    process.env = saved;
  }
}

describe('pnpm city:cli', () => {
  it('adds, lists and revokes centres, adds a user, and backs the database up', async () => {
    const config = cityTestConfig();
    const dir = config.dataDir;
    const added = await cli(dir, ['centre', 'add', 'VT', 'Phường Vị Tân']);
    expect(added.code).toBe(0);
    const code = /enrolment code: (\S+) \(one use, until /.exec(added.out)?.[1];
    expect(added.out).toMatch(/^centre VT — Phường Vị Tân\n/);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await cli(dir, ['centre', 'add', 'bad code!', 'X'])).code).toBe(1);

    // The code enrols once through a city on the same data dir.
    const city = await startCity(config);
    try {
      const keys = newCentreKeyPair();
      expect(
        (
          await json(city.url, 'POST', '/api/city/v1/enrol', {
            enrolmentCode: code,
            publicKey: keys.publicKey,
          })
        ).status,
      ).toBe(201);
    } finally {
      await city.stop();
    }
    expect((await cli(dir, ['centre', 'list'])).out).toMatch(
      /^VT\tPhường Vị Tân\tenrolled\tlast report never\tackedSeq 0$/m,
    );
    expect((await cli(dir, ['centre', 'revoke', 'VT'])).out).toMatch(/key revoked/);
    expect((await cli(dir, ['centre', 'list'])).out).toMatch(/\tnot enrolled\t/);
    expect((await cli(dir, ['centre', 'revoke', 'XX'])).code).toBe(1);

    const user = await cli(dir, ['user', 'add', 'xem', 'viewer', 'Sở KH&CN'], {
      LUOT_NEW_PASSWORD: 'so-lieu-thanh-pho-2026',
    });
    expect(user).toEqual({ code: 0, out: 'user xem (viewer) added' });
    expect((await cli(dir, ['user', 'add', 'yy', 'viewer', 'Y'], { LUOT_NEW_PASSWORD: 'short' })).code).toBe(
      1,
    );

    const target = join(dir, '..', `city-backup-${Date.now()}.tar.gz`);
    expect((await cli(dir, ['backup', target])).out).toBe(`backup written to ${target}`);
    const tar = gunzipSync(readFileSync(target));
    expect(tar.toString('latin1')).toContain('PG_VERSION');
    expect((await cli(dir, [])).code).toBe(2);
  });
});
