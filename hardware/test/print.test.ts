// Tickets printed for real: ESC/POS over TCP into the printer emulator, decoded back.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPrinterCli } from '../src/cli/printer.ts';
import { type EmulatedTicket, type PrinterEmulator, startPrinterEmulator } from '../src/emulator/index.ts';
import { buildTicketJob } from '../src/escpos/index.ts';
import { Printer } from '../src/printer/index.ts';
import { sampleLayout } from '../src/ticket/index.ts';

let emulator: PrinterEmulator;
let outDir: string;
let uri: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'luot-print-'));
  emulator = await startPrinterEmulator({ port: 0, outDir });
  uri = `tcp://127.0.0.1:${emulator.port}`;
});
afterAll(async () => {
  await emulator.close();
  rmSync(outDir, { recursive: true, force: true });
});
beforeEach(() => emulator.clearFaults());

/** The next ticket the emulator prints after this call. */
const nextPrinted = () => new Promise<EmulatedTicket>((resolve) => emulator.once('ticket', resolve));

describe('printing a ticket to a network printer', () => {
  it.each([58, 80] as const)(
    'raster, %i mm: the printed image equals the rendered one pixel for pixel',
    async (paper) => {
      const layout = sampleLayout(true);
      const job = buildTicketJob(layout, { paper, mode: 'raster' });
      const printed = nextPrinted();
      const result = await new Printer(uri).print(job.bytes);
      expect(result).toMatchObject({ ok: true, bytes: job.bytes.length });
      const ticket = await printed;
      expect(ticket.json.qr).toEqual([layout.statusUrl]);
      expect(ticket.json.cut).toBe(true);
      expect(ticket.raster?.width).toBe(job.image!.width);
      expect(ticket.raster?.height).toBe(job.image!.height);
      expect(Buffer.from(ticket.raster!.data).equals(Buffer.from(job.image!.data))).toBe(true);
      expect(ticket.files?.png).toMatch(/ticket-\d{4}\.png$/);
    },
  );

  it('text mode: Vietnamese comes back whole through Windows-1258', async () => {
    const layout = sampleLayout(true);
    const printed = nextPrinted();
    expect(
      await new Printer(uri).print(buildTicketJob(layout, { paper: 80, mode: 'text' }).bytes),
    ).toMatchObject({ ok: true });
    const { json } = await printed;
    expect(json.codePage).toBe(52);
    expect(json.text).toContain('Mời đến quầy');
    expect(json.text).toContain(layout.displayNumber);
    expect(json.text).toContain('Vui lòng giữ phiếu');
    expect(json.text.normalize('NFC')).toBe(json.text);
    expect(json.qr).toEqual([layout.statusUrl]);
  });

  it('ASCII fallback: diacritics stripped correctly', async () => {
    const printed = nextPrinted();
    await new Printer(uri).print(buildTicketJob(sampleLayout(true), { paper: 58, mode: 'ascii' }).bytes);
    const { json } = await printed;
    expect(json.text).toContain('Moi den quay');
    expect(json.text).toContain('Vui long giu phieu');
    expect(json.text).toMatch(/^[\x20-\x7e\n]*$/);
  });
});

describe('printer faults come back as typed results and recover without a restart', () => {
  const job = () => buildTicketJob(sampleLayout(false), { paper: 58, mode: 'text' }).bytes;

  it('paper out: refused before printing, nothing printed; then paper back in', async () => {
    const before = emulator.tickets.length;
    await emulator.setFault({ paperOut: true });
    expect(await new Printer(uri).print(job())).toMatchObject({ ok: false, error: 'paper_out' });
    expect(await new Printer(uri).status()).toMatchObject({
      ok: true,
      status: { paperOut: true, online: false },
    });
    expect(emulator.tickets.length).toBe(before);
    await emulator.clearFaults();
    const printed = nextPrinted();
    expect(await new Printer(uri).print(job())).toMatchObject({ ok: true });
    expect((await printed).index).toBe(before + 1);
  });

  it('cover open and paper near end', async () => {
    await emulator.setFault({ coverOpen: true });
    expect(await new Printer(uri).print(job())).toMatchObject({ ok: false, error: 'cover_open' });
    await emulator.setFault({ coverOpen: false, paperNearEnd: true });
    expect(await new Printer(uri).status()).toMatchObject({
      ok: true,
      status: { online: true, paperNearEnd: true },
    });
    expect(await new Printer(uri).print(job())).toMatchObject({ ok: true });
  });

  it('connection refused while the printer is off', async () => {
    await emulator.setFault({ offline: true });
    expect(await new Printer(uri).print(job())).toMatchObject({ ok: false, error: 'offline' });
    await emulator.setFault({ offline: false });
    expect(await new Printer(uri).print(job())).toMatchObject({ ok: true });
  });

  it('connection dropped in the middle of a ticket', async () => {
    const before = emulator.tickets.length;
    await emulator.setFault({ dropAfterBytes: 300 });
    const big = buildTicketJob(sampleLayout(true), { paper: 80, mode: 'raster' }).bytes;
    expect(await new Printer(uri).print(big)).toMatchObject({ ok: false, error: 'connection_lost' });
    expect(emulator.tickets.length).toBe(before);
    await emulator.clearFaults();
    const printed = nextPrinted();
    expect(await new Printer(uri).print(big)).toMatchObject({ ok: true });
    expect((await printed).index).toBe(before + 1);
  });

  it('a slow printer still takes the whole ticket', async () => {
    await emulator.setFault({ slowMs: 20 });
    const printed = nextPrinted();
    expect(await new Printer(uri, { timeoutMs: 5000 }).print(job())).toMatchObject({ ok: true });
    expect((await printed).json.text).toContain('Mời đến quầy');
  });
});

describe('technician commands', () => {
  it('pnpm printer test prints the sample and exits 0; status prints the state', async () => {
    const lines: string[] = [];
    const printed = nextPrinted();
    expect(await runPrinterCli(['test', uri, '--paper', '58'], (l) => lines.push(l))).toBe(0);
    expect((await printed).json.qr).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/printed a 58 mm sample ticket/);
    expect(await runPrinterCli(['status', uri], (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toBe(`${uri}: online`);
    await emulator.setFault({ paperOut: true });
    expect(await runPrinterCli(['test', uri], (l) => lines.push(l))).toBe(1);
    expect(lines.at(-1)).toMatch(/not printed — paper_out/);
    // A bad address is a usage error (2), said before anything is sent.
    expect(await runPrinterCli(['test', 'lpt1:'], (l) => lines.push(l))).toBe(2);
    expect(lines.at(-1)).toMatch(/lpt1:: expected tcp:\/\/HOST:PORT/);
    expect(readdirSync(outDir).some((f) => f.endsWith('.json'))).toBe(true);
  });
});
