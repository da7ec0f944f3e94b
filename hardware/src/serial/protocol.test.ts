import { describe, expect, it } from 'vitest';
import {
  CMD,
  crc8,
  encodeFrame,
  encodeRawFrame,
  type Frame,
  FrameDecoder,
  KEYS,
  ProtocolError,
  toHex,
} from './protocol.ts';

const ALL: Frame[] = [
  { address: 3, message: { cmd: 'ping' } },
  { address: 3, message: { cmd: 'pong', device: 'sign' } },
  { address: 4, message: { cmd: 'pong', device: 'keypad' } },
  { address: 5, message: { cmd: 'pong', device: 'pad' } },
  { address: 3, message: { cmd: 'show', number: '0042', counter: 3 } },
  { address: 247, message: { cmd: 'show', number: '7', counter: 255 } },
  { address: 0, message: { cmd: 'blink', on: true, times: 0 } },
  { address: 3, message: { cmd: 'blink', on: false, times: 5 } },
  { address: 3, message: { cmd: 'clear' } },
  { address: 3, message: { cmd: 'brightness', level: 0 } },
  { address: 3, message: { cmd: 'brightness', level: 15 } },
  ...KEYS.map((key): Frame => ({ address: 12, message: { cmd: 'key', key } })),
  ...([1, 2, 3, 4] as const).map((score): Frame => ({ address: 9, message: { cmd: 'score', score } })),
  { address: 3, message: { cmd: 'ack', of: 'show', ok: true } },
  { address: 3, message: { cmd: 'ack', of: 'brightness', ok: false } },
];

function frames(dec: FrameDecoder, chunk: Uint8Array) {
  return dec.push(chunk).flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
}

describe('protocol', () => {
  it('CRC-8/SMBUS check value', () => {
    expect(crc8(Buffer.from('123456789'))).toBe(0xf4);
  });

  it('encodes SHOW 0042 at counter 3 as documented', () => {
    const bytes = encodeFrame({ address: 3, message: { cmd: 'show', number: '0042', counter: 3 } });
    expect(toHex(bytes)).toBe(`02 03 10 05 30 30 34 32 03 ${toHex(Uint8Array.of(crc8(bytes, 1, 9)))} 03`);
    expect(bytes.length).toBe(11);
    expect(bytes[2]).toBe(CMD.SHOW);
  });

  it('round-trips every command', () => {
    const dec = new FrameDecoder();
    for (const f of ALL) expect(frames(dec, encodeFrame(f))).toEqual([f]);
    // all at once, too
    expect(frames(dec, Buffer.concat(ALL.map(encodeFrame)))).toEqual(ALL);
    expect(dec.stats.badFrames).toBe(0);
    expect(dec.stats.frames).toBe(ALL.length * 2);
  });

  it('decodes frames split byte by byte', () => {
    const dec = new FrameDecoder();
    const all = Buffer.concat(ALL.map(encodeFrame));
    const got: Frame[] = [];
    for (const b of all) got.push(...frames(dec, Uint8Array.of(b)));
    expect(got).toEqual(ALL);
    expect(dec.pending).toBe(0);
  });

  it('resynchronises after garbage (including stray START bytes)', () => {
    const dec = new FrameDecoder();
    const f1 = ALL[4]!;
    const f2 = ALL[12]!;
    const garbage = Uint8Array.of(0xff, 0x00, 0x02, 0x02, 0x41, 0x02, 0x05, 0x10, 0x03, 0x99);
    const got = frames(
      dec,
      Buffer.concat([garbage, encodeFrame(f1), Uint8Array.of(0x55, 0x02), encodeFrame(f2)]),
    );
    // the stray 0x02 before f2 claims a 32-byte payload: f2 comes out once the pause is noticed
    got.push(...dec.flush().flatMap((e) => (e.type === 'frame' ? [e.frame] : [])));
    expect(got).toEqual([f1, f2]);
    expect(dec.stats.badFrames).toBeGreaterThan(0);
    expect(dec.stats.garbageBytes).toBeGreaterThan(0);
  });

  it('drops a frame with a corrupted checksum (counted) and keeps the next one', () => {
    const dec = new FrameDecoder();
    const bad = encodeFrame(ALL[4]!);
    bad[5] = 0x39; // '0' -> '9' in the payload
    const good = encodeFrame(ALL[5]!);
    const events = dec.push(Buffer.concat([bad, good]));
    expect(events.filter((e) => e.type === 'frame').map((e) => e.type === 'frame' && e.frame)).toEqual([
      ALL[5],
    ]);
    expect(dec.stats.byReason.bad_checksum).toBe(1);
  });

  it('finds a good frame that starts inside a bad one', () => {
    const dec = new FrameDecoder();
    const good = encodeFrame(ALL[8]!);
    // a START + header claiming 10 payload bytes swallows the good frame; resync must find it
    const got = frames(dec, Buffer.concat([Uint8Array.of(0x02, 0x01, 0x10, 0x0a), good, Buffer.alloc(8)]));
    expect(got).toEqual([ALL[8]]);
  });

  it('flush() gives up on a stalled partial frame and rescans', () => {
    const dec = new FrameDecoder();
    const good = encodeFrame(ALL[0]!);
    expect(frames(dec, Buffer.concat([Uint8Array.of(0x02, 0x01, 0x10, 0x40), good]))).toEqual([]);
    const events = dec.flush();
    expect(events.map((e) => e.type)).toEqual(['bad', 'frame']);
    expect(dec.stats.byReason.truncated).toBe(1);
  });

  it('reports bad length, bad end, unknown command and bad payload without throwing', () => {
    const dec = new FrameDecoder();
    const badEnd = encodeFrame(ALL[0]!);
    badEnd[badEnd.length - 1] = 0x04;
    const ev = dec.push(
      Buffer.concat([
        Uint8Array.of(0x02, 0x01, 0x10, 0x41), // LENGTH 65
        badEnd,
        encodeRawFrame(1, 0x7f), // unknown command
        encodeRawFrame(1, CMD.SCORE, Uint8Array.of(5)), // score 5
        encodeRawFrame(1, CMD.SHOW, Buffer.from('12a\x01')), // not digits
      ]),
    );
    const reasons = ev.flatMap((e) => (e.type === 'bad' ? [e.bad.reason] : []));
    expect(reasons).toEqual(
      expect.arrayContaining(['bad_length', 'bad_end', 'unknown_command', 'bad_payload']),
    );
    expect(ev.some((e) => e.type === 'frame')).toBe(false);
  });

  it('refuses to encode out-of-range values', () => {
    expect(() => encodeFrame({ address: 248, message: { cmd: 'clear' } })).toThrow(ProtocolError);
    expect(() =>
      encodeFrame({ address: 1, message: { cmd: 'show', number: '12345', counter: 1 } }),
    ).toThrow();
    expect(() => encodeFrame({ address: 1, message: { cmd: 'brightness', level: 16 } })).toThrow();
    expect(() => encodeFrame({ address: 1, message: { cmd: 'score', score: 5 as never } })).toThrow();
    expect(() => encodeRawFrame(1, 1, new Uint8Array(65))).toThrow();
  });
});
