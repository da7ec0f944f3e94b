import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import ntp from 'node-thermal-printer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PrinterEmulator, startPrinterEmulator } from './printer-server.ts';
import {
  ask,
  bytes,
  connect,
  ESC,
  encode1258,
  GS,
  patternImage,
  QR_PRINT,
  qrStore,
  rasterCommand,
  sendChunked,
  write,
} from './test-helpers.ts';

let emu: PrinterEmulator;
let outDir: string;

beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'luot-emu-'));
  emu = await startPrinterEmulator({ port: 0, outDir });
});

afterEach(async () => {
  await emu.close();
  await rm(outDir, { recursive: true, force: true });
});

const band1 = patternImage(576, 120, 21);
const band2 = patternImage(576, 80, 22);
const ticketBytes = bytes(
  [ESC, 0x40],
  [ESC, 0x74, 52],
  [ESC, 0x61, 1],
  [ESC, 0x45, 1],
  encode1258('Trung tâm Phục vụ hành chính công'),
  '\n',
  [ESC, 0x45, 0],
  [GS, 0x21, 0x22],
  '1012\n',
  [GS, 0x21, 0x00],
  encode1258('Hộ tịch'),
  '\n',
  rasterCommand(band1),
  rasterCommand(band2),
  [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x05],
  qrStore('https://luot.example/t/abc'),
  QR_PRINT,
  [ESC, 0x64, 3],
  [GS, 0x56, 0x00],
);

describe('printer emulator over TCP', () => {
  it('decodes a ticket sent in random chunks and writes PNG + JSON', async () => {
    for (const seed of [1, 2, 3]) await sendChunked(emu.port, ticketBytes, seed);
    for (let i = 1; i <= 3; i++) {
      const t = await emu.nextTicket();
      expect(t.index).toBe(i);
      expect(t.json.text).toBe('Trung tâm Phục vụ hành chính công\n1012\nHộ tịch');
      expect(t.json.lines[1]).toEqual({
        text: '1012',
        bold: false,
        size: { width: 3, height: 3 },
        align: 'center',
      });
      expect(t.json.lines[0]!.bold).toBe(true);
      expect(t.json.qr).toEqual(['https://luot.example/t/abc']);
      expect(t.json.bytes).toBe(ticketBytes.length);
      expect(t.json.cut).toBe(true);
      expect(t.json.codePage).toBe(52);
      expect(t.json.raster).toEqual([
        { width: 576, height: 120, x: 0, y: 30 + 72 + 30 },
        { width: 576, height: 80, x: 0, y: 30 + 72 + 30 + 120 },
      ]);
      // the raster equals what was sent, bit for bit
      expect(Buffer.from(t.images[0]!.data).equals(Buffer.from(band1.data))).toBe(true);
      expect(t.raster!.height).toBe(200);
      expect(Buffer.from(t.raster!.data).equals(Buffer.concat([band1.data, band2.data]))).toBe(true);
      const name = `ticket-${String(i).padStart(4, '0')}`;
      expect(t.files).toEqual({ png: join(outDir, `${name}.png`), json: join(outDir, `${name}.json`) });
      const json = JSON.parse(await readFile(t.files!.json, 'utf8'));
      expect(json).toMatchObject({ index: i, bytes: ticketBytes.length, qr: ['https://luot.example/t/abc'] });
      const png = await loadImage(await readFile(t.files!.png));
      expect(png.width).toBe(576);
      expect(png.height).toBe(t.decoded.height + 24);
    }
  });

  it('draws raster dots 1:1 in the PNG', async () => {
    const { createCanvas } = await import('@napi-rs/canvas');
    const img = patternImage(576, 40, 5);
    await sendChunked(emu.port, bytes([ESC, 0x40], rasterCommand(img), [GS, 0x56, 0]));
    const t = await emu.nextTicket();
    const png = await loadImage(await readFile(t.files!.png));
    const ctx = createCanvas(png.width, png.height).getContext('2d');
    ctx.drawImage(png, 0, 0);
    const px = ctx.getImageData(0, 0, 576, 40).data;
    for (let y = 0; y < 40; y++) {
      for (let x = 0; x < 576; x++) {
        const bit = ((img.data[y * 72 + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        expect(px[(y * 576 + x) * 4]).toBe(bit ? 0 : 255);
      }
    }
  });

  it('prints what node-thermal-printer sends through its own TCP interface', async () => {
    const { printer: ThermalPrinter, types: PrinterTypes } = ntp;
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: `tcp://127.0.0.1:${emu.port}` });
    p.alignCenter();
    p.bold(true);
    p.println('TRUNG TAM');
    p.bold(false);
    p.setTextDoubleHeight();
    p.println('A012');
    p.setTextNormal();
    p.printQR('https://luot.example/t/zz');
    p.beep();
    p.cut();
    await p.execute();
    const t = await emu.nextTicket();
    expect(t.json.text).toBe('TRUNG TAM\nA012');
    expect(t.json.qr).toEqual(['https://luot.example/t/zz']);
    expect(t.json.cut).toBe(true);
  });

  it('answers DLE EOT 1/2/4 and GS r 1 in every state', async () => {
    const s = await connect(emu.port);
    const all = async () => [
      ...(await ask(s, [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4, 0x1d, 0x72, 1], 4)),
    ];
    expect(await all()).toEqual([0x12, 0x12, 0x12, 0x00]);
    await emu.setFault({ paperNearEnd: true });
    expect(await all()).toEqual([0x12, 0x12, 0x1e, 0x03]);
    await emu.setFault({ paperNearEnd: false, paperOut: true });
    expect(await all()).toEqual([0x1a, 0x32, 0x7e, 0x0f]);
    await emu.setFault({ paperOut: false, coverOpen: true });
    expect(await all()).toEqual([0x1a, 0x16, 0x12, 0x00]);
    await emu.setFault({ coverOpen: false });
    expect(await all()).toEqual([0x12, 0x12, 0x12, 0x00]);
    // split across writes, byte by byte
    const reply = ask(s, [0x10], 1);
    await write(s, Uint8Array.of(0x04));
    await write(s, Uint8Array.of(0x02));
    expect([...(await reply)]).toEqual([0x12]);
    s.destroy();
  });

  it('does not print while paper is out or the cover is open, but answers status', async () => {
    await emu.setFault({ paperOut: true });
    const discarded = once(emu, 'discarded');
    const s = await connect(emu.port);
    const status = await ask(s, [0x10, 0x04, 4]);
    expect(status[0]).toBe(0x7e);
    await write(s, bytes([ESC, 0x40], 'lost\n', [GS, 0x56, 0]));
    const [t, reason] = await discarded;
    expect(reason).toBe('paper_out');
    expect(t.lines[0].text).toBe('lost');
    expect(emu.tickets).toHaveLength(0);

    await emu.setFault({ paperOut: false, coverOpen: true });
    const discarded2 = once(emu, 'discarded');
    await write(s, bytes('lost too\n', [GS, 0x56, 0]));
    expect((await discarded2)[1]).toBe('cover_open');

    await emu.setFault({ coverOpen: false });
    await write(s, bytes('printed\n', [GS, 0x56, 0]));
    const ok = await emu.nextTicket();
    expect(ok.json.text).toBe('printed');
    expect(ok.index).toBe(1);
    s.destroy();
  });

  it('drops the connection mid-ticket after dropAfterBytes', async () => {
    await emu.setFault({ dropAfterBytes: 100 });
    const dropped = once(emu, 'dropped');
    const s = await connect(emu.port);
    const errors: string[] = [];
    s.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
    const closed = new Promise((resolve) => s.once('close', resolve));
    s.write(ticketBytes);
    await closed;
    // a reset: the client sees 'close', normally with ECONNRESET
    for (const e of errors) expect(['ECONNRESET', 'EPIPE']).toContain(e);
    expect((await dropped)[0]).toEqual({ bytes: 100 });
    expect(emu.tickets).toHaveLength(0);
    // recovery: the next job prints once the fault is cleared
    await emu.setFault({ dropAfterBytes: null });
    await sendChunked(emu.port, ticketBytes);
    expect((await emu.nextTicket()).json.qr).toEqual(['https://luot.example/t/abc']);
  });

  it('delays each chunk by slowMs', async () => {
    await emu.setFault({ slowMs: 150 });
    const s = await connect(emu.port);
    const t0 = performance.now();
    const reply = await ask(s, [0x10, 0x04, 1]);
    const ms = performance.now() - t0;
    expect(reply[0]).toBe(0x12);
    expect(ms).toBeGreaterThanOrEqual(140);
    await emu.setFault({ slowMs: 0 });
    const t1 = performance.now();
    await ask(s, [0x10, 0x04, 1]);
    expect(performance.now() - t1).toBeLessThan(140);
    s.destroy();
  });

  it('refuses connections while offline and accepts them again online', async () => {
    const open = await connect(emu.port);
    const openClosed = once(open, 'close');
    await emu.setFault({ offline: true });
    await openClosed;
    await expect(connect(emu.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await emu.setFault({ offline: false });
    await sendChunked(emu.port, bytes('back\n', [GS, 0x56, 0]));
    expect((await emu.nextTicket()).json.text).toBe('back');
  });

  it('makes a ticket at connection close when no cut came, and none for a status-only connection', async () => {
    const s = await connect(emu.port);
    await ask(s, [0x10, 0x04, 1]);
    s.end();
    await sendChunked(emu.port, bytes([ESC, 0x40], 'uncut\n'));
    const t = await emu.nextTicket();
    expect(t.json).toMatchObject({ text: 'uncut', cut: false, index: 1 });
    expect(emu.tickets).toHaveLength(1);
  });
});
