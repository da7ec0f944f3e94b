// The hub as an operator runs it: `tsx src/main.ts` with environment variables (API.md, Starting a hub).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startPrinterEmulator } from '@luot/hardware';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, spawnHub, tempDir } from './harness.ts';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir('luot-proc-');
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const tsx = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
  const proc = spawn(tsx, [join(import.meta.dirname, '..', 'src', 'main.ts')], {
    env: { ...process.env, LUOT_PORT: '0', LUOT_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, stderr })));
}

describe('hub process', () => {
  it('prints its real port, answers health, and stops cleanly on SIGTERM', async () => {
    const hub = await spawnHub({
      LUOT_DATA_DIR: dir(),
      LUOT_SEED: 'demo',
      LUOT_ADMIN_PASSWORD: 'process-test',
    });
    expect(hub.port).toBeGreaterThan(0);
    const health = await apiClient(hub.url)('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', centre: { code: 'DEMO-NINHKIEU' } });
    const line = hub.lines.find((l) => l.includes('listening on'));
    expect(() => JSON.parse(line!)).not.toThrow();
    hub.proc.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });

  it('runs the same from the production bundle that `pnpm hub` starts', async () => {
    const hub = await spawnHub(
      { LUOT_DATA_DIR: dir(), LUOT_SEED: 'demo', LUOT_ADMIN_PASSWORD: 'bundle-test' },
      30_000,
      {
        bundle: true,
      },
    );
    const api = apiClient(hub.url);
    const login = await api('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: 'bundle-test' },
    });
    expect(login.status).toBe(200);
    const services = await api('GET', '/api/v1/services', { token: login.body.token });
    expect(services.body.services).toHaveLength(10);
    // The workbook is written in the bundle's export thread (dist/xlsx-worker.mjs).
    const file = await fetch(new URL('/api/v1/reports/export?format=xlsx', hub.url), {
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file.arrayBuffer()) as unknown as ExcelJS.Buffer);
    // The sheets themselves are checked in reports-export.test.ts; here: the whole book came.
    const names = book.worksheets.map((w) => w.name);
    expect([names.length, names[0], names.at(-1)]).toEqual([8, 'Tổng hợp', 'Thời gian chờ']);
    hub.proc.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });

  it('prints tickets from the production bundle: renderer, fonts and native modules found', async () => {
    const printer = await startPrinterEmulator({ port: 0 });
    try {
      const hub = await spawnHub(
        {
          LUOT_DATA_DIR: dir(),
          LUOT_SEED: 'demo',
          LUOT_ADMIN_PASSWORD: 'bundle-test',
          LUOT_PUBLIC_URL: 'http://hub.bundle:8080/',
          LUOT_DEFAULT_PRINTER: `tcp://127.0.0.1:${printer.port}`,
        },
        30_000,
        { bundle: true },
      );
      const api = apiClient(hub.url);
      const admin = (
        await api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'bundle-test' } })
      ).body.token;
      const code = await api('POST', '/api/v1/devices/pairing-codes', {
        token: admin,
        body: { kind: 'kiosk', name: 'Kiosk bundle' },
      });
      const kiosk = (await api('POST', '/api/v1/devices/pair', { body: { code: code.body.code } })).body
        .token;
      const issued = await api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich' } });
      expect(issued.status).toBe(201);
      const id = issued.body.ticket.id;
      const printed = printer.nextTicket();
      const res = await api('POST', `/api/v1/tickets/${id}/print`, { token: kiosk });
      expect(res.status).toBe(200);
      expect(res.body.print).toEqual({ ok: true, ms: expect.any(Number) });
      const ticket = await printed;
      expect(ticket.json.qr).toEqual([`http://hub.bundle:8080/t/${id}`]);
      // Drawn with the bundled fonts: the raster is the full 80 mm width and has ink in it.
      expect(ticket.raster?.width).toBe(576);
      expect(ticket.raster!.data.some((byte) => byte !== 0)).toBe(true);
      hub.proc.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
    } finally {
      await printer.close();
    }
  });

  it('prints a generated admin password once, on first start only', async () => {
    const data = dir();
    const first = await spawnHub({ LUOT_DATA_DIR: data });
    const line = first.lines.find((l) => l.includes('generated password'));
    const password = JSON.parse(line!).password as string;
    expect(password.length).toBeGreaterThanOrEqual(12);
    const login = await apiClient(first.url)('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password },
    });
    expect(login.status).toBe(200);
    first.proc.kill('SIGINT');
    expect(await first.exited).toBe(0);
    const second = await spawnHub({ LUOT_DATA_DIR: data });
    expect(second.lines.some((l) => l.includes('generated password'))).toBe(false);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses bad configuration with a message naming the variable', async () => {
    const r = await runMain({ LUOT_DATA_DIR: dir(), LUOT_PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LUOT_PORT: a whole number from 0 to 65535');
  });

  it('refuses a database from a newer Lượt and leaves it as it was', async () => {
    const data = dir();
    const db = new Database(join(data, 'luot.sqlite'));
    db.pragma('user_version = 42');
    db.close();
    const r = await runMain({ LUOT_DATA_DIR: data });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/schema version 42 is newer than this hub supports/);
    const after = new Database(join(data, 'luot.sqlite'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(42);
    after.close();
  });

  it('says so when the port is taken', async () => {
    const holder = await spawnHub({ LUOT_DATA_DIR: dir(), LUOT_ADMIN_PASSWORD: 'process-test' });
    const r = await runMain({ LUOT_DATA_DIR: dir(), LUOT_PORT: String(holder.port) });
    holder.proc.kill('SIGTERM');
    await holder.exited;
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`port ${holder.port}`);
  });
});
