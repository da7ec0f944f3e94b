// Failures come back as typed results, never as raw exceptions.
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Printer } from './printer.ts';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function listen(onConnection: (socket: import('node:net').Socket) => void): Promise<number> {
  const server = createServer(onConnection);
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

async function closedPort(): Promise<number> {
  const port = await listen(() => undefined);
  await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
  return port;
}

describe('printer transports', () => {
  it('reports a refused connection as offline', async () => {
    const result = await new Printer(`tcp://127.0.0.1:${await closedPort()}`).print(Buffer.from('x'));
    expect(result).toMatchObject({ ok: false, error: 'offline' });
  });

  it('reports a printer that never answers status as a timeout', async () => {
    const port = await listen(() => undefined);
    const result = await new Printer(`tcp://127.0.0.1:${port}`, { timeoutMs: 200 }).status();
    expect(result).toMatchObject({ ok: false, error: 'timeout' });
  });

  it('reports a connection dropped before the answer as connection lost', async () => {
    const port = await listen((socket) => socket.once('data', () => socket.destroy()));
    const result = await new Printer(`tcp://127.0.0.1:${port}`, { timeoutMs: 2000 }).print(Buffer.from('x'));
    expect(result).toMatchObject({ ok: false, error: 'connection_lost' });
  });

  it('reports a bad URI as bad_uri without throwing', async () => {
    expect(await new Printer('lpt1').print(Buffer.from('x'))).toMatchObject({ ok: false, error: 'bad_uri' });
    expect(await new Printer('lpt1').status()).toMatchObject({ ok: false, error: 'bad_uri' });
  });

  it('writes a job to a printer character device, and says status cannot be read there', async () => {
    const printer = new Printer('file:/dev/null');
    expect(await printer.print(Buffer.from([0x1b, 0x40, 0x41]))).toMatchObject({ ok: true, bytes: 3 });
    expect(await printer.status()).toMatchObject({ ok: false, error: 'error' });
    // An unplugged USB printer: its device is gone.
    expect(await new Printer('file:/dev/usb/luot-lp9').print(Buffer.from('x'))).toMatchObject({
      ok: false,
      error: 'offline',
    });
  });

  it('never writes to, nor creates, a file that is no printer device, when the job opens it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luot-lp-'));
    const shm = mkdtempSync('/dev/shm/luot-lp-');
    try {
      const file = join(dir, 'lp0');
      writeFileSync(file, 'before');
      const inDev = join(shm, 'lp0');
      writeFileSync(inDev, 'before');
      // Set when it was a device, swapped for a link to a file since: checked again at the job.
      const swapped = join(shm, 'swapped');
      symlinkSync('/dev/null', swapped);
      const printer = new Printer(`file:${swapped}`);
      expect(await printer.print(Buffer.from('A'))).toMatchObject({ ok: true });
      unlinkSync(swapped);
      symlinkSync(file, swapped);
      for (const [uri, message] of [
        [`file:${file}`, /outside \/dev/],
        [`file:${join(dir, 'new-file')}`, /outside \/dev/],
        [`file:${dir}`, /outside \/dev/],
        [`file:${inDev}`, /is a regular file, not a printer device/],
        [`file:${swapped}`, /outside \/dev/],
      ] as const) {
        const result = await new Printer(uri).print(Buffer.from('EVIL'));
        expect(result, uri).toMatchObject({
          ok: false,
          error: 'bad_uri',
          message: expect.stringMatching(message),
        });
      }
      expect(await printer.print(Buffer.from('B'))).toMatchObject({ ok: false, error: 'bad_uri' });
      expect(readFileSync(file, 'utf8')).toBe('before');
      expect(readFileSync(inDev, 'utf8')).toBe('before');
      expect(existsSync(join(dir, 'new-file'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(shm, { recursive: true, force: true });
    }
  });

  it('queues jobs to one printer: one connection at a time, in order', async () => {
    let open = 0;
    let most = 0;
    const received: string[] = [];
    const port = await listen((socket) => {
      open += 1;
      most = Math.max(most, open);
      socket.on('data', (chunk: Buffer) => {
        // Answer every DLE EOT n with "ready"; keep the other bytes as the job.
        let text = '';
        let asks = 0;
        for (let i = 0; i < chunk.length; i++) {
          if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
            asks += 1;
            i += 2;
          } else {
            text += String.fromCharCode(chunk[i]!);
          }
        }
        if (text) received.push(text);
        if (asks > 0) socket.write(Buffer.alloc(asks, 0x12));
      });
      socket.on('close', () => {
        open -= 1;
      });
    });
    const printer = new Printer(`tcp://127.0.0.1:${port}`);
    const results = await Promise.all(['A', 'B', 'C', 'D'].map((t) => printer.print(Buffer.from(t))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(received).toEqual(['A', 'B', 'C', 'D']);
    expect(most).toBe(1);
  });
});
