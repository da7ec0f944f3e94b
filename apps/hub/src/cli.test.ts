import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth } from './auth/auth.ts';
import { CliError, runCli } from './cli.ts';
import { openDatabase } from './db/database.ts';
import { Store } from './db/store.ts';
import { loadCatalog, seedDemo } from './seed.ts';

let dir: string;
const env = () => ({ LUOT_DATA_DIR: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-cli-'));
  const db = openDatabase(join(dir, 'luot.sqlite'));
  seedDemo(new Store(db), loadCatalog());
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('technician CLI', () => {
  it('adds a user who can then sign in with the printed password', async () => {
    const out = await runCli(['user', 'add', 'canbo9', '--role', 'officer', '--name', 'Trần Thị B'], env());
    const password = /password: (\S+)/.exec(out)?.[1];
    expect(out).toMatch(/^created officer canbo9/);
    expect(password).toBeTruthy();
    const store = new Store(openDatabase(join(dir, 'luot.sqlite')));
    const user = await new Auth(store).checkPassword('canbo9', password!);
    store.db.close();
    expect(user).toMatchObject({ username: 'canbo9', displayName: 'Trần Thị B', role: 'officer' });
  });

  it('refuses a bad role with a clear message and adds nothing', async () => {
    await expect(runCli(['user', 'add', 'x1', '--role', 'boss'], env())).rejects.toThrow(/role:/);
    const db = new Database(join(dir, 'luot.sqlite'), { readonly: true });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM users WHERE username = 'x1'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('creates a pairing code that pairs a device once', async () => {
    const out = await runCli(['pairing-code', 'counter', 'Bàn phím quầy 1', '--counter', 'c1'], env());
    const code = /pairing code: (\S+)/.exec(out)?.[1];
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const store = new Store(openDatabase(join(dir, 'luot.sqlite')));
    const auth = new Auth(store);
    const paired = auth.pair(code!, Date.now());
    expect(paired?.device).toMatchObject({ kind: 'counter', name: 'Bàn phím quầy 1' });
    expect(auth.pair(code!, Date.now())).toBeNull();
    store.db.close();
  });

  it('backs up the database online to a file that opens', async () => {
    const target = join(dir, 'backup.sqlite');
    expect(await runCli(['backup', target], env())).toMatch(/backed up \d+ pages/);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM services').get()).toEqual({ n: 10 });
    copy.close();
    await expect(runCli(['backup', target], env())).rejects.toThrow(/exists/);
  });

  it("prints today's figures, as text or JSON", async () => {
    expect(await runCli(['today'], env())).toContain('Đã cấp số / issued:        0');
    const json = JSON.parse(await runCli(['today', '--json', '--date', '2026-01-05'], env()));
    expect(json).toMatchObject({ date: '2026-01-05', issued: 0, served: 0 });
    await expect(runCli(['today', '--date', '2026-02-30'], env())).rejects.toThrow(CliError);
  });

  it('says clearly when there is no database', async () => {
    await expect(runCli(['today'], { LUOT_DATA_DIR: join(dir, 'nowhere') })).rejects.toThrow(
      /start the hub once/,
    );
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});
