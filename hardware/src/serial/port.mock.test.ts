// Pure unit tests of SerialLink over the serialport mock binding (no ptys).
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { Keypad } from './devices.ts';
import { type LinkDown, openSerialLink, type PortLike } from './port.ts';
import { encodeFrame, type Frame } from './protocol.ts';

// serialport (CJS) and an ESM import of @serialport/binding-mock load two copies: use serialport's.
const MockBinding = SerialPortMock.binding;

const createPort = (o: { path: string; baudRate: number; autoOpen: false }) =>
  new SerialPortMock(o) as unknown as PortLike;

afterEach(() => MockBinding.reset());

function nextEvent<T extends unknown[]>(
  emitter: { once(e: string, fn: (...a: T) => void): unknown },
  event: string,
  ms = 2000,
) {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms);
    emitter.once(event, (...a: T) => {
      clearTimeout(t);
      resolve(a);
    });
  });
}

describe('SerialLink (mock binding)', () => {
  it('fails writes with a typed result while the port is missing, and comes up when it appears', async () => {
    const link = openSerialLink('/dev/MOCK0', { createPort, reopenMs: 20 });
    const [down] = (await nextEvent(link, 'down')) as [LinkDown];
    expect(down.reason).toBe('open_failed');
    expect(link.state).toBe('down');
    expect(await link.write({ address: 1, message: { cmd: 'clear' } })).toMatchObject({
      ok: false,
      error: 'down',
    });
    MockBinding.createPort('/dev/MOCK0', { echo: false, record: true });
    expect(await link.whenUp(1000)).toBe(true);
    expect(await link.write({ address: 1, message: { cmd: 'clear' } })).toEqual({ ok: true, bytes: 6 });
    await link.close();
    expect(await link.write({ address: 1, message: { cmd: 'clear' } })).toMatchObject({
      ok: false,
      error: 'closed',
    });
  });

  it('rejects an invalid frame with a typed result, never a throw', async () => {
    MockBinding.createPort('/dev/MOCK1', { echo: false, record: true });
    const link = openSerialLink('/dev/MOCK1', { createPort });
    expect(await link.whenUp(1000)).toBe(true);
    const r = await link.write({ address: 300, message: { cmd: 'clear' } });
    expect(r).toMatchObject({ ok: false, error: 'invalid_frame' });
    await link.close();
  });

  it('decodes frames arriving in pieces and debounces keys', async () => {
    MockBinding.createPort('/dev/MOCK2', { echo: false, record: true });
    let port: SerialPortMock | undefined;
    const link = openSerialLink('/dev/MOCK2', {
      createPort: (o) => {
        port = new SerialPortMock(o);
        return port as unknown as PortLike;
      },
    });
    expect(await link.whenUp(1000)).toBe(true);
    const keypad = new Keypad(link, { debounceMs: 10_000 });
    const keys: string[] = [];
    keypad.on('key', (e) => keys.push(`${e.address}:${e.key}`));
    const frames: Frame[] = [];
    link.on('frame', (f) => frames.push(f));
    const bytes = Buffer.concat([
      Buffer.from([0xaa, 0x02]),
      encodeFrame({ address: 7, message: { cmd: 'key', key: 'next' } }),
      encodeFrame({ address: 7, message: { cmd: 'key', key: 'next' } }),
      encodeFrame({ address: 8, message: { cmd: 'key', key: 'next' } }),
    ]);
    const binding = port!.port as unknown as { emitData(b: Buffer): void };
    binding.emitData(bytes.subarray(0, 5));
    binding.emitData(bytes.subarray(5));
    // the stray START makes the decoder wait; the inter-byte timeout flushes it and rescans
    await expect.poll(() => frames.length, { timeout: 2000 }).toBe(3);
    expect(keys).toEqual(['7:next', '8:next']);
    expect(keypad.debouncedCount).toBe(1);
    expect(link.stats.badFrames).toBeGreaterThan(0);
    await link.close();
  });
});
