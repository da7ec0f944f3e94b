// `pnpm city` as a user starts it: a listening line with the real port, a generated admin
// password printed once on the first start, a clean stop on SIGTERM, and clear refusals of bad
// settings. On the embedded database (PGlite) in a temp data dir.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '@luot/hub/testing';
import { describe, expect, it } from 'vitest';
import { json, spawnCity } from './harness.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

describe('pnpm city', () => {
  it('prints where it listens and a generated admin password once; stops cleanly', async () => {
    const dataDir = tempDir('luot-city-proc-');
    const env = { LUOT_DATA_DIR: dataDir, LUOT_ADMIN_PASSWORD: '' };
    const first = await spawnCity(env);
    try {
      expect(first.lines[0]).toMatch(
        /^Lượt city server listening on http:\/\/127\.0\.0\.1:\d+ \(embedded PostgreSQL \(PGlite\) in /,
      );
      const exited = first.exited;
      const passwordLine = await waitForLine(first.lines, /password (\S+) \(shown once/);
      const password = /password (\S+) \(shown once/.exec(passwordLine)![1]!;
      const login = await json(first.url, 'POST', '/api/city/v1/auth/login', { username: 'admin', password });
      expect(login.status).toBe(200);
      expect((await json(first.url, 'GET', '/api/city/v1/health')).body).toMatchObject({ status: 'ok' });
      first.proc.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      first.proc.kill('SIGKILL');
    }
    const again = await spawnCity(env);
    try {
      expect(again.lines.join('\n')).not.toMatch(/password/);
    } finally {
      again.proc.kill('SIGTERM');
      await again.exited;
    }
  });

  it('started by another program (LUOT_EXIT_WITH_PARENT=1), stops when that program’s pipe closes', async () => {
    const child = await spawnCity(
      {
        LUOT_DATA_DIR: tempDir('luot-city-parent-'),
        LUOT_EXIT_WITH_PARENT: '1',
        LUOT_ADMIN_PASSWORD: 'thanh-pho-demo',
      },
      30_000,
      'pipe',
    );
    expect((await json(child.url, 'GET', '/api/city/v1/health')).status).toBe(200);
    child.proc.stdin!.end(); // what the kernel does when the parent dies
    expect(await child.exited).toBe(0);
  });

  it('refuses bad settings with a message naming the variable', () => {
    const tsx = pathToFileURL(join(HERE, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    for (const [name, value, message] of [
      ['LUOT_PORT', 'eighty', /LUOT_PORT: a whole number/],
      ['LUOT_CITY_DATABASE_URL', 'mysql://x', /LUOT_CITY_DATABASE_URL: a postgres:\/\/ URL/],
      ['LUOT_ADMIN_PASSWORD', 'short', /LUOT_ADMIN_PASSWORD: at least 8 characters/],
    ] as const) {
      const run = spawnSync(process.execPath, ['--import', tsx, join(HERE, '..', 'src', 'main.ts')], {
        env: { ...process.env, LUOT_DATA_DIR: tempDir('luot-city-bad-'), [name]: value },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  });
});

/** The first line matching `pattern` once the process has printed it. */
async function waitForLine(lines: string[], pattern: RegExp): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const found = lines.find((l) => pattern.test(l));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no line matching ${pattern} in\n${lines.join('\n')}`);
}
