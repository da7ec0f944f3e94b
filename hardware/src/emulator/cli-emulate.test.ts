import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { parseEmulateArgs, runEmulateCli } from './cli-emulate.ts';
import type { PrinterEmulator } from './printer-server.ts';
import { ask, bytes, connect, ESC, GS, QR_PRINT, qrStore, sendChunked } from './test-helpers.ts';

describe('pnpm printer emulate', () => {
  it('parses its arguments', () => {
    expect(parseEmulateArgs(['emulate', '--port', '0', '--out', 'x', '--paper', '58'])).toEqual({
      port: 0,
      host: '127.0.0.1',
      outDir: 'x',
      paper: 58,
    });
    expect(parseEmulateArgs(['--paper=70'])).toMatch(/paper/);
    expect(parseEmulateArgs(['--bogus'])).toMatch(/unknown/);
  });

  it('logs tickets and switches faults from stdin lines', async () => {
    const out = await mkdtemp(join(tmpdir(), 'luot-emu-cli-'));
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let log = '';
    const waiters: { re: RegExp; resolve: () => void }[] = [];
    stdout.on('data', (d) => {
      log += d.toString();
      for (const w of waiters.splice(0)) {
        if (w.re.test(log)) w.resolve();
        else waiters.push(w);
      }
    });
    const waitFor = (re: RegExp) =>
      new Promise<void>((resolve) => (re.test(log) ? resolve() : waiters.push({ re, resolve })));
    let onReady: (e: PrinterEmulator) => void = () => {};
    const ready = new Promise<PrinterEmulator>((resolve) => {
      onReady = resolve;
    });
    const exit = runEmulateCli(['--port', '0', '--out', out, '--paper', '58'], {
      stdin,
      stdout,
      signals: false,
      onReady,
    });
    const emu = await ready;
    const port = emu.port;
    await sendChunked(
      port,
      bytes([ESC, 0x40], 'So 1012 xin chao\n', qrStore('https://q/1'), QR_PRINT, [GS, 0x56, 0]),
    );
    await waitFor(/ticket #1 .*bytes.*qr=https:\/\/q\/1.*ticket-0001\.png/);

    stdin.write('paper-out\n');
    await waitFor(/paperOut=true/);
    const s = await connect(port);
    expect((await ask(s, [0x10, 0x04, 4]))[0]).toBe(0x7e);
    stdin.write('paper-ok\ncover-open\n');
    await waitFor(/coverOpen=true/);
    expect((await ask(s, [0x10, 0x04, 2]))[0]).toBe(0x16);
    s.destroy();
    stdin.write('slow 20\ndrop 100\noffline\n');
    await waitFor(/offline=true/);
    expect(log).toMatch(/slowMs=20/);
    expect(log).toMatch(/dropAfterBytes=100/);
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    stdin.write('online\nquit\n');
    expect(await exit).toBe(0);
    expect(log).toMatch(/stopped/);
    expect((await readdir(out)).sort()).toEqual(['ticket-0001.json', 'ticket-0001.png']);
    // 58 mm paper: 384 dots wide
    const png = await loadImage(await readFile(join(out, 'ticket-0001.png')));
    expect(png.width).toBe(384);
    await rm(out, { recursive: true, force: true });
  });
});
