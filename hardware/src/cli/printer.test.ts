// `pnpm printer test|status URI`: file: URIs only name a printer's character device under /dev.
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrinterCli } from './printer.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; said: string }> {
  const lines: string[] = [];
  const code = await runPrinterCli(argv, (line) => lines.push(line));
  return { code, said: lines.join('\n') };
}

describe('pnpm printer with file: URIs', () => {
  it('refuses files, directories, links to files and missing devices, and writes nothing', async () => {
    const file = join(dir, 'lp0');
    writeFileSync(file, 'before');
    symlinkSync(file, join(dir, 'link'));
    for (const [uri, message] of [
      [`file:${file}`, 'outside /dev'],
      [`file:${dir}`, 'outside /dev'],
      [`file:${join(dir, 'link')}`, 'outside /dev'],
      [`file:${join(dir, 'created')}`, 'outside /dev'],
      ['file:/dev/luot-no-such-printer', 'does not exist'],
    ]) {
      for (const command of ['test', 'status']) {
        const { code, said } = await run(command, uri!);
        expect(code, `${command} ${uri}`).toBe(2);
        expect(said, `${command} ${uri}`).toContain(`${uri}: `);
        expect(said, `${command} ${uri}`).toContain(message);
      }
    }
    expect(readFileSync(file, 'utf8')).toBe('before');
    expect(existsSync(join(dir, 'created'))).toBe(false);
  });

  it('prints a sample ticket on a character device', async () => {
    const { code, said } = await run('test', 'file:/dev/null', '--mode', 'ascii');
    expect(said).toMatch(/^file:\/dev\/null: printed a 80 mm sample ticket \(ascii, \d+ bytes/);
    expect(code).toBe(0);
    expect(await run('status', 'file:/dev/null')).toMatchObject({
      code: 1,
      said: expect.stringMatching(/status cannot be read over file:/),
    });
  });
});
