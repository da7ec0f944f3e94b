// A ticket printer on a serial line (serial:/dev/...): real bytes over a socat pty pair, with a
// device end that decodes ESC/POS and answers DLE EOT like the network emulator does.
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecodedTicket, EscPosDecoder, type PrinterFaults, statusReply } from '../src/emulator/index.ts';
import { buildTicketJob } from '../src/escpos/index.ts';
import { Printer } from '../src/printer/index.ts';
import { createPtyPair, type PtyPair } from '../src/serial/index.ts';
import { sampleLayout } from '../src/ticket/index.ts';

let pair: PtyPair;
let device: SerialPort;
const tickets: DecodedTicket[] = [];
const faults: PrinterFaults = {
  paperOut: false,
  coverOpen: false,
  paperNearEnd: false,
  slowMs: 0,
  dropAfterBytes: null,
  offline: false,
};

beforeAll(async () => {
  pair = await createPtyPair();
  device = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => device.open((e) => (e ? reject(e) : resolve())));
  const decoder = new EscPosDecoder({
    onTicket: (t) => tickets.push(t),
    onRequest: (request) => {
      const reply = statusReply(request, faults);
      if (reply !== null) device.write(typeof reply === 'number' ? Buffer.from([reply]) : reply);
    },
  });
  device.on('data', (chunk: Buffer) => decoder.write(chunk));
});
afterAll(async () => {
  await new Promise<void>((resolve) => (device.isOpen ? device.close(() => resolve()) : resolve()));
  await pair.dispose();
});

describe('printing over a serial line', () => {
  it('prints a text-mode ticket and reads status over serial:', async () => {
    const uri = `serial:${pair.a}?baud=9600`;
    expect(await new Printer(uri).status()).toEqual({
      ok: true,
      status: { online: true, coverOpen: false, paperNearEnd: false, paperOut: false },
    });
    const layout = sampleLayout(false);
    const result = await new Printer(uri).print(buildTicketJob(layout, { paper: 58, mode: 'text' }).bytes);
    expect(result).toMatchObject({ ok: true });
    const ticket = tickets.at(-1)!;
    expect(ticket.qr.map((q) => q.payload)).toEqual([layout.statusUrl]);
    expect(ticket.lines.map((l) => l.text).join('\n')).toContain('Mời đến quầy');
  });

  it('refuses to print when the serial printer reports paper out', async () => {
    faults.paperOut = true;
    const before = tickets.length;
    const result = await new Printer(`serial:${pair.a}`).print(Buffer.from('x'));
    faults.paperOut = false;
    expect(result).toMatchObject({ ok: false, error: 'paper_out' });
    expect(tickets.length).toBe(before);
  });

  it('reports a missing serial device as offline', async () => {
    expect(await new Printer(`serial:${pair.dir}/nothing-here`).print(Buffer.from('x'))).toMatchObject({
      ok: false,
      error: 'offline',
    });
  });
});
