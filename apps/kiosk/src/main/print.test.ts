// The Electron main's printing logic, run under Node against the real printer emulator.

import type { PrinterEmulator } from '@luot/hardware';
import { sampleLayout, startPrinterEmulator } from '@luot/hardware';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKioskConfig } from './config.ts';
import { printLocally } from './print.ts';

let emulator: PrinterEmulator;
beforeAll(async () => {
  emulator = await startPrinterEmulator({ port: 0 });
});
afterAll(() => emulator.close());

describe('kiosk local printing', () => {
  it('prints the ticket on the configured printer', async () => {
    const config = parseKioskConfig(
      JSON.stringify({
        hubUrl: 'http://hub:8080',
        printer: { uri: `tcp://127.0.0.1:${emulator.port}`, paper: 58 },
      }),
    );
    const layout = sampleLayout(false);
    const printed = new Promise<{ json: { qr: string[] } }>((resolve) => emulator.once('ticket', resolve));
    expect(await printLocally(layout, config)).toMatchObject({ ok: true });
    expect((await printed).json.qr).toEqual([layout.statusUrl]);
  });

  it('says paper out instead of throwing', async () => {
    await emulator.setFault({ paperOut: true });
    const config = parseKioskConfig(
      JSON.stringify({ hubUrl: 'http://hub:8080', printer: { uri: `tcp://127.0.0.1:${emulator.port}` } }),
    );
    expect(await printLocally(sampleLayout(false), config)).toMatchObject({ ok: false, error: 'paper_out' });
    await emulator.clearFaults();
  });

  it('without a printer configured, says so', async () => {
    expect(
      await printLocally(sampleLayout(false), parseKioskConfig('{"hubUrl":"http://hub:8080"}')),
    ).toMatchObject({
      ok: false,
    });
  });
});
