import iconv from 'iconv-lite';
import ntp from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import {
  type DecodedTicket,
  decodeEscPos,
  EscPosDecoder,
  type PrinterRequest,
  stackRasters,
} from './escpos-decoder.ts';
import {
  bytes,
  ESC,
  encode1258,
  GS,
  patternImage,
  QR_PRINT,
  qrStore,
  rasterCommand,
  split,
} from './test-helpers.ts';

/** Decodes `data` fed in the given chunks. */
function decodeChunks(chunks: Uint8Array[]): { tickets: DecodedTicket[]; requests: PrinterRequest[] } {
  const tickets: DecodedTicket[] = [];
  const requests: PrinterRequest[] = [];
  const d = new EscPosDecoder({ onTicket: (t) => tickets.push(t), onRequest: (r) => requests.push(r) });
  for (const c of chunks) d.write(c);
  d.end();
  return { tickets, requests };
}

function strip(t: DecodedTicket) {
  return {
    lines: t.lines.map((l) => [l.text, l.bold, l.size, l.align, l.y]),
    qr: t.qr,
    rasters: t.rasters.map((r) => ({
      ...r,
      image: { ...r.image, data: Buffer.from(r.image.data).toString('hex') },
    })),
    bytes: t.bytes,
    cut: t.cut,
    codePage: t.codePage,
    height: t.height,
    beeps: t.beeps,
    skipped: t.skipped,
  };
}

const sample = bytes(
  [ESC, 0x40],
  [ESC, 0x61, 1],
  [ESC, 0x45, 1],
  'TRUNG TAM\n',
  [ESC, 0x45, 0],
  [GS, 0x21, 0x11],
  '1012\n',
  [GS, 0x21, 0x00],
  [ESC, 0x61, 0],
  'Moi den quay 1, 3\r\n',
  [ESC, 0x64, 2],
  [ESC, 0x4a, 10],
  rasterCommand(patternImage(64, 5, 3)),
  rasterCommand(patternImage(64, 7, 4)),
  [GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
  [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x04],
  [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31],
  qrStore('https://luot.example/t/abc?x=1'),
  QR_PRINT,
  [ESC, 0x42, 2, 3],
  [GS, 0x56, 0x41, 0x10],
  'second\n',
  [GS, 0x56, 0x01],
);

describe('EscPosDecoder', () => {
  it('decodes text, styles, raster, QR, feeds and cuts', () => {
    const tickets = decodeEscPos(sample);
    expect(tickets).toHaveLength(2);
    const [a, b] = tickets as [DecodedTicket, DecodedTicket];
    expect(a.lines.map((l) => l.text)).toEqual(['TRUNG TAM', '1012', 'Moi den quay 1, 3']);
    expect(a.lines[0]).toMatchObject({ bold: true, align: 'center', size: { width: 1, height: 1 } });
    expect(a.lines[1]).toMatchObject({ bold: false, align: 'center', size: { width: 2, height: 2 } });
    expect(a.lines[2]).toMatchObject({ bold: false, align: 'left' });
    expect(a.qr).toHaveLength(1);
    expect(a.qr[0]).toMatchObject({
      payload: 'https://luot.example/t/abc?x=1',
      cellSize: 4,
      errorCorrection: 'M',
    });
    expect(a.rasters.map((r) => [r.image.width, r.image.height])).toEqual([
      [64, 5],
      [64, 7],
    ]);
    // bands are stacked: the second starts where the first ends
    expect(a.rasters[1]!.y).toBe(a.rasters[0]!.y + 5);
    expect(a.cut).toBe(true);
    expect(a.cutMode).toBe('full');
    expect(a.beeps).toBe(1);
    expect(a.skipped).toEqual([]);
    expect(b.lines.map((l) => l.text)).toEqual(['second']);
    expect(b.cutMode).toBe('partial');
    expect(a.bytes + b.bytes).toBe(sample.length);
    // y: 30 + 48 (double height) + 30, ESC d 2 = 60, ESC J 10
    expect(a.lines.map((l) => l.y)).toEqual([0, 30, 78]);
    expect(a.rasters[0]!.y).toBe(108 + 60 + 10);
  });

  it('decodes the same whatever the chunking, including 1-byte chunks', () => {
    const whole = decodeChunks([sample]).tickets.map(strip);
    const ones = decodeChunks([...sample].map((b) => Uint8Array.of(b))).tickets.map(strip);
    expect(ones).toEqual(whole);
    for (let seed = 1; seed <= 30; seed++) {
      expect(decodeChunks(split(sample, seed)).tickets.map(strip)).toEqual(whole);
    }
  });

  it('round-trips raster bits exactly and stacks bands', () => {
    const a = patternImage(576, 300, 11);
    const b = patternImage(576, 45, 12);
    const [t] = decodeEscPos(bytes([ESC, 0x40], rasterCommand(a), rasterCommand(b), [GS, 0x56, 0x00]));
    expect(Buffer.from(t!.rasters[0]!.image.data).equals(Buffer.from(a.data))).toBe(true);
    expect(Buffer.from(t!.rasters[1]!.image.data).equals(Buffer.from(b.data))).toBe(true);
    const stacked = stackRasters(t!)!;
    expect(stacked.width).toBe(576);
    expect(stacked.height).toBe(345);
    expect(Buffer.from(stacked.data).equals(Buffer.concat([a.data, b.data]))).toBe(true);
  });

  it('does not take DLE EOT inside raster data for a status request', () => {
    const img = { width: 16, height: 2, data: Uint8Array.of(0x10, 0x04, 0x01, 0x10) };
    const { tickets, requests } = decodeChunks([rasterCommand(img), Uint8Array.of(0x10, 0x04, 0x02)]);
    expect(requests).toEqual([{ kind: 'dle-eot', n: 2 }]);
    expect(tickets[0]!.rasters[0]!.image.data).toEqual(img.data);
  });

  it('decodes Windows-1258 text (code page 52) to NFC', () => {
    const words = [
      'Hộ tịch',
      'Người có công',
      'Đăng ký kết hôn có yếu tố nước ngoài',
      'Hỗ trợ dịch vụ công trực tuyến',
    ];
    const data = bytes([ESC, 0x40], [ESC, 0x74, 52], ...words.flatMap((w) => [encode1258(w), '\n']), [
      GS,
      0x56,
      0,
    ]);
    // the encoding really uses combining tone marks (not all precomposed)
    expect(encode1258('Hộ')).toEqual(Buffer.from([0x48, 0xf4, 0xf2]));
    for (const chunks of [[data], split(data, 5), [...data].map((b) => Uint8Array.of(b))]) {
      const [t] = decodeChunks(chunks).tickets;
      expect(t!.lines.map((l) => l.text)).toEqual(words.map((w) => w.normalize('NFC')));
      expect(t!.codePage).toBe(52);
    }
  });

  it('decodes every Vietnamese letter with every tone', () => {
    const letters = 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY';
    const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    const all = `${[...letters].flatMap((l) => tones.map((t) => (l + t).normalize('NFC'))).join('')}đĐ`;
    const [t] = decodeEscPos(bytes([ESC, 0x74, 52], encode1258(all), '\n'));
    expect(t!.lines[0]!.text).toBe(all);
  });

  it('decodes code page 16 (Windows-1252) and defaults to latin1', () => {
    const [t] = decodeEscPos(
      bytes('caf', 0xe9, '\n', [ESC, 0x74, 16], iconv.encode('€ café', 'windows-1252'), '\n'),
    );
    expect(t!.lines.map((l) => l.text)).toEqual(['café', '€ café']);
  });

  it('reports DLE EOT, GS r and a ticket only when there is content', () => {
    const { tickets, requests } = decodeChunks([
      Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04),
      Uint8Array.of(0x04, 0x1d, 0x72, 0x01),
    ]);
    expect(requests).toEqual([
      { kind: 'dle-eot', n: 1 },
      { kind: 'dle-eot', n: 4 },
      { kind: 'gs-r', n: 1 },
    ]);
    expect(tickets).toEqual([]);
  });

  it('does not count leading status requests in the ticket bytes', () => {
    const job = bytes([ESC, 0x40], 'x\n', [GS, 0x56, 0]);
    const [t] = decodeEscPos(bytes([0x10, 0x04, 0x01], job));
    expect(t!.bytes).toBe(job.length);
  });

  it('skips unknown commands without hanging and keeps decoding', () => {
    const logs: string[] = [];
    const data = bytes(
      [ESC, 0x07], // unknown ESC
      [GS, 0x99], // unknown GS
      [GS, 0x28, 0x4c, 0x04, 0x00, 0x30, 0x45, 0x01, 0x02], // GS ( L: consumed by length
      [GS, 0x38, 0x4c, 0x03, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03], // GS 8 L
      [ESC, 0x2a, 0x21, 0x02, 0x00, 1, 2, 3, 4, 5, 6], // ESC * 24-dot, 2 columns
      [ESC, 0x44, 8, 16, 0], // ESC D tab stops
      [GS, 0x6b, 0x04],
      '*A1*',
      0, // GS k CODE39
      [GS, 0x6b, 0x49, 0x05, 0x7b, 0x42],
      'XYZ', // GS k CODE128
      [ESC, 0x28, 0x41, 0x04, 0x00, 0x30, 0x31, 0x03, 0x05], // ESC ( A beep
      'after\n',
      [GS, 0x56, 0x42, 0x00],
    );
    for (const chunks of [[data], [...data].map((b) => Uint8Array.of(b))]) {
      logs.length = 0;
      const tickets: DecodedTicket[] = [];
      const d = new EscPosDecoder({ onTicket: (t) => tickets.push(t), log: (m) => logs.push(m) });
      for (const c of chunks) d.write(c);
      expect(tickets).toHaveLength(1);
      expect(tickets[0]!.lines.map((l) => l.text)).toEqual(['after']);
      expect(tickets[0]!.barcodes.map((b) => b.data)).toEqual(['*A1*', '{BXYZ']);
      expect(tickets[0]!.beeps).toBe(1);
      expect(tickets[0]!.bytes).toBe(data.length);
      expect(logs.some((l) => l.includes('ESC 07'))).toBe(true);
      expect(logs.some((l) => l.includes('GS 99'))).toBe(true);
    }
  });

  it('ends a ticket at connection close when data was received, not when only status was asked', () => {
    expect(decodeEscPos(bytes([ESC, 0x40], 'no cut'))).toMatchObject([
      { cut: false, lines: [{ text: 'no cut' }] },
    ]);
    expect(decodeEscPos(bytes([0x10, 0x04, 0x01], [ESC, 0x40]))).toEqual([]);
  });

  it('decodes what node-thermal-printer emits without misparsing anything', () => {
    const { printer: ThermalPrinter, types: PrinterTypes } = ntp;
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://127.0.0.1:1' });
    p.alignCenter();
    p.bold(true);
    p.println('TRUNG TAM PHUC VU HANH CHINH CONG');
    p.bold(false);
    p.setTextDoubleHeight();
    p.println('1012');
    p.setTextNormal();
    p.setTextSize(2, 1);
    p.println('big');
    p.setTextNormal();
    p.alignLeft();
    p.underline(true);
    p.println('Moi den quay 1, 3');
    p.underline(false);
    p.invert(true);
    p.invert(false);
    p.setTypeFontB();
    p.setTypeFontA();
    p.setLineSpacing(40);
    p.resetLineSpacing();
    p.alignRight();
    p.leftRight('Left', 'Right');
    p.drawLine();
    p.newLine();
    p.printQR('https://luot.example/t/01HXYZ?c=GV', { cellSize: 6, correction: 'Q', model: 2 });
    p.code128('ABC123');
    p.printBarcode('123456789012', 67);
    p.pdf417('PDF DATA');
    p.maxiCode('MAXI');
    p.upsideDown(true);
    p.upsideDown(false);
    p.openCashDrawer();
    p.beep(2, 3);
    p.partialCut();
    p.println('Vui long giu phieu');
    p.printVerticalTab();
    p.cut();
    const buf: Buffer = p.getBuffer();
    const whole = decodeChunks([buf]).tickets;
    const ones = decodeChunks([...buf].map((b) => Uint8Array.of(b))).tickets;
    expect(ones.map(strip)).toEqual(whole.map(strip));
    expect(whole).toHaveLength(2);
    const [a, b] = whole as [DecodedTicket, DecodedTicket];
    const texts = a.lines.map((l) => l.text);
    expect(texts.slice(0, 4)).toEqual([
      'TRUNG TAM PHUC VU HANH CHINH CONG',
      '1012',
      'big',
      'Moi den quay 1, 3',
    ]);
    expect(texts[4]).toMatch(/^Left {2,}Right$/);
    expect(texts[5]).toBe('-'.repeat(48));
    expect(a.lines[0]).toMatchObject({ bold: true, align: 'center', size: { width: 1, height: 1 } });
    expect(a.lines[1]).toMatchObject({ bold: false, size: { width: 1, height: 2 } });
    expect(a.lines[2]).toMatchObject({ size: { width: 3, height: 2 } });
    expect(a.lines[4]).toMatchObject({ align: 'right' });
    expect(a.qr.map((q) => [q.payload, q.cellSize, q.errorCorrection])).toEqual([
      ['https://luot.example/t/01HXYZ?c=GV', 6, 'Q'],
    ]);
    expect(a.barcodes.map((x) => x.data)).toEqual(['{BABC123', '123456789012']);
    expect(a.beeps).toBe(1);
    expect(a.cutMode).toBe('partial');
    // only PDF417 / MaxiCode (GS ( k cn 48/50) are reported as not drawn; nothing unknown
    expect(a.skipped.every((s) => /GS \( k cn=(48|50)/.test(s))).toBe(true);
    expect(b.lines.map((l) => l.text)).toEqual(['Vui long giu phieu']);
    expect(b.cutMode).toBe('full');
    expect(b.skipped).toEqual([]);
    // everything but the trailing ESC @ after the last cut belongs to a ticket
    expect(a.bytes + b.bytes).toBe(buf.length - 2);
  });
});
