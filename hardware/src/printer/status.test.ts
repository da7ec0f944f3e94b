import { describe, expect, it } from 'vitest';
import { parseStatus, STATUS_REQUEST } from './status.ts';

describe('DLE EOT status', () => {
  it('asks for printer status, offline cause and paper sensor', () => {
    expect([...STATUS_REQUEST]).toEqual([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4]);
  });

  it('reads a ready printer', () => {
    expect(parseStatus(Buffer.from([0x12, 0x12, 0x12]))).toEqual({
      online: true,
      coverOpen: false,
      paperNearEnd: false,
      paperOut: false,
    });
  });

  it('reads cover open, paper near end and paper out', () => {
    expect(parseStatus(Buffer.from([0x1a, 0x16, 0x12]))).toMatchObject({ online: false, coverOpen: true });
    expect(parseStatus(Buffer.from([0x12, 0x12, 0x1e]))).toMatchObject({ online: true, paperNearEnd: true });
    expect(parseStatus(Buffer.from([0x1a, 0x32, 0x72]))).toMatchObject({ online: false, paperOut: true });
  });

  it('rejects bytes that are not status answers', () => {
    expect(parseStatus(Buffer.from([0x12, 0x12]))).toBeNull();
    expect(parseStatus(Buffer.from([0x41, 0x42, 0x43]))).toBeNull();
    expect(parseStatus(Buffer.from([0x92, 0x12, 0x12]))).toBeNull();
  });
});
