// `pnpm luot city join|status` and `pnpm luot backup` on a real hub's data dir, against a real
// city: the join enrols and keeps the key (0600), status says how far the city has it, a used
// code is refused with the city's reason and changes nothing, the backup takes the key along.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, runCli } from '@luot/hub';
import { startTestHub, tempDir } from '@luot/hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCity } from '../src/server.ts';
import { adminToken, json, startTestCity } from './harness.ts';

let city: RunningCity;
let dataDir: string;
let code: string;

beforeAll(async () => {
  city = await startTestCity();
  const token = await adminToken(city.url);
  code = (
    await json<{ enrolmentCode: string }>(
      city.url,
      'POST',
      '/api/city/v1/centres',
      { code: 'BT', name: 'Phường Bình Thủy' },
      token,
    )
  ).body.enrolmentCode;
  dataDir = tempDir();
  const hub = await startTestHub({ dataDir });
  await hub.close();
});
afterAll(() => city?.stop());

describe('pnpm luot city', () => {
  const env = () => ({ LUOT_DATA_DIR: dataDir });

  it('says when the hub has not joined', async () => {
    expect(await runCli(['city', 'status'], env())).toMatch(/^not joined to a city/);
  });

  it('joins with the code, keeps the key private, and reports its state', async () => {
    const out = await runCli(['city', 'join', `${city.url}/`, code.toLowerCase()], env());
    expect(out).toBe(`joined ${city.url} as centre BT; the hub sends its reports from now on`);
    expect((statSync(join(dataDir, 'city-key.pem')).mode & 0o777).toString(8)).toBe('600');
    const status = await runCli(['city', 'status'], env());
    expect(status).toContain(`city:        ${city.url}`);
    expect(status).toContain('centre code: BT');
    expect(status).toMatch(/acknowledged seq 0, \d+ events to send/);
    expect(status).toContain('last sent:   never');
  });

  it('refuses a used code with the city’s reason, keeping the key it has', async () => {
    const before = statSync(join(dataDir, 'city-key.pem')).mtimeMs;
    const error = await runCli(['city', 'join', city.url, code], env()).catch((e) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toMatch(
      /enrolmentCode: the city answered 401: enrolmentCode: unknown, used or expired/,
    );
    expect(statSync(join(dataDir, 'city-key.pem')).mtimeMs).toBe(before);
    expect(existsSync(join(dataDir, 'city-key.pem.new'))).toBe(false);
  });

  it('refuses a bad URL before trying', async () => {
    const error = await runCli(['city', 'join', 'ftp://x', 'ABCD'], env()).catch((e) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toMatch(/cityUrl/);
  });

  it('backs the key up beside the database', async () => {
    const target = join(tempDir(), 'luot.sqlite');
    const out = await runCli(['backup', target], env());
    expect(out).toContain(`city key copied to ${target}.city-key.pem`);
    expect((statSync(`${target}.city-key.pem`).mode & 0o777).toString(8)).toBe('600');
  });
});
