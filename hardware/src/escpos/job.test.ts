import { describe, expect, it } from 'vitest';
import { sampleLayout } from '../ticket/sample.ts';
import { buildTicketJob, qrCellSize } from './job.ts';
import { decodeCp1258, encodeCp1258 } from './text-mode.ts';

const ESC = 0x1b;
const GS = 0x1d;

function indexOfSeq(buf: Buffer, seq: number[], from = 0): number {
  return buf.indexOf(Buffer.from(seq), from);
}

describe('buildTicketJob raster', () => {
  for (const [paper, rowBytes] of [
    [58, 48],
    [80, 72],
  ] as const) {
    it(`${paper} mm: ESC @, GS v 0 bands, centred GS ( k QR, feed, GS V cut, ESC @`, () => {
      const layout = sampleLayout(true);
      const { bytes, image } = buildTicketJob(layout, { paper, mode: 'raster' });
      expect(image).toBeDefined();
      if (!image) return;
      expect(image.width).toBe(rowBytes * 8);
      expect([...bytes.subarray(0, 2)]).toEqual([ESC, 0x40]);

      // Walk the raster bands exactly.
      let o = 2;
      let rows = 0;
      const data: Buffer[] = [];
      while (bytes[o] === GS && bytes[o + 1] === 0x76) {
        expect([bytes[o + 2], bytes[o + 3], bytes[o + 4], bytes[o + 5]]).toEqual([0x30, 0, rowBytes, 0]);
        const y = bytes[o + 6]! | (bytes[o + 7]! << 8);
        expect(y).toBeGreaterThan(0);
        expect(y).toBeLessThanOrEqual(256);
        data.push(bytes.subarray(o + 8, o + 8 + rowBytes * y));
        rows += y;
        o += 8 + rowBytes * y;
      }
      expect(rows).toBe(image.height);
      expect(Buffer.concat(data).equals(image.data)).toBe(true);

      // Then: ESC a 1, QR model 2, cell size, EC level M, store, print, LF, ESC a 0.
      const cell = qrCellSize(layout.statusUrl, paper);
      const url = Buffer.from(layout.statusUrl, 'ascii');
      const store = [GS, 0x28, 0x6b, (url.length + 3) & 0xff, (url.length + 3) >> 8, 0x31, 0x50, 0x30];
      const expected = Buffer.concat([
        Buffer.from([ESC, 0x61, 1]),
        Buffer.from([GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0]),
        Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, cell]),
        Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31]),
        Buffer.from(store),
        url,
        Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]),
        Buffer.from([0x0a, ESC, 0x61, 0]),
        Buffer.from([ESC, 0x64, 4]), // feed 4 lines
        Buffer.from([GS, 0x56, 0]), // full cut
        Buffer.from([ESC, 0x40]),
      ]);
      expect(bytes.subarray(o)).toEqual(expected);
      expect(cell).toBeGreaterThanOrEqual(3);
    });
  }

  it('beeps before the cut when asked, only feeds without cut', () => {
    const withBeep = buildTicketJob(sampleLayout(false), { paper: 58, beep: true }).bytes;
    expect([...withBeep.subarray(-12)]).toEqual([ESC, 0x42, 1, 3, ESC, 0x64, 4, GS, 0x56, 0, ESC, 0x40]);
    const noCut = buildTicketJob(sampleLayout(false), { paper: 58, cut: false }).bytes;
    expect(indexOfSeq(noCut, [GS, 0x56])).toBe(-1);
    expect([...noCut.subarray(-3)]).toEqual([ESC, 0x64, 4]);
  });

  it('honours bandHeight', () => {
    const { bytes, image } = buildTicketJob(sampleLayout(true), { paper: 58, bandHeight: 64 });
    let count = 0;
    for (
      let i = indexOfSeq(bytes, [GS, 0x76, 0x30, 0]);
      i !== -1;
      i = indexOfSeq(bytes, [GS, 0x76, 0x30, 0], i + 1)
    ) {
      count++;
    }
    expect(count).toBeGreaterThanOrEqual(Math.ceil(image!.height / 64));
  });
});

describe('buildTicketJob text modes', () => {
  it('text: ESC t 52, then Windows-1258 bytes for the Vietnamese lines; no other code page switch', () => {
    const layout = sampleLayout(true);
    const { bytes, image } = buildTicketJob(layout, { paper: 80, mode: 'text' });
    expect(image).toBeUndefined();
    expect([...bytes.subarray(0, 5)]).toEqual([ESC, 0x40, ESC, 0x74, 52]);
    // Only one ESC t in the whole job: the library never switched code pages.
    expect(indexOfSeq(bytes, [ESC, 0x74], 3)).toBe(-1);
    for (const s of ['Mời đến quầy 1, 3', 'Trước bạn còn 12 người', 'Vui lòng giữ phiếu', '1012']) {
      expect(indexOfSeq(bytes, [...encodeCp1258(s, { selectCodePage: false })]), s).toBeGreaterThan(0);
    }
    // The decoded job contains the (wrapped) names.
    const decoded = decodeCp1258(bytes).replace(/\s+/g, ' ');
    expect(decoded).toContain('Đăng ký kết hôn');
    expect(decoded).toContain('ƯU TIÊN · Người cao tuổi');
    expect(indexOfSeq(bytes, [GS, 0x28, 0x6b])).toBeGreaterThan(0);
    expect(indexOfSeq(bytes, [GS, 0x56, 0])).toBeGreaterThan(0);
  });

  it('ascii: ESC t 0 and only 7-bit text', () => {
    const { bytes } = buildTicketJob(sampleLayout(true), { paper: 58, mode: 'ascii' });
    expect([...bytes.subarray(0, 5)]).toEqual([ESC, 0x40, ESC, 0x74, 0]);
    expect(bytes.every((b) => b < 0x80 || b === 0xff)).toBe(true);
    const text = bytes.toString('latin1');
    expect(text).toContain('Moi den quay 1, 3');
    expect(text).toContain('Vui long giu phieu');
  });
});
