// The hub prints for browser kiosks: a real hub and real printer emulators over TCP.
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrinterEmulator, startPrinterEmulator } from '@luot/hardware';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, emitAck, expectError, expectOk, issue, officerAt } from './api-helpers.ts';
import { connected, startTestHub, type TestHub } from './harness.ts';

const PUBLIC_URL = 'http://hub.test:8080';

let t: TestHub;
/** Kiosk A's own printer. */
let printer: PrinterEmulator;
/** The hub's default printer (LUOT_DEFAULT_PRINTER). */
let fallback: PrinterEmulator;
let admin: string;
let kioskA: { token: string; id: string };
let kioskB: { token: string; id: string };

const uriOf = (e: PrinterEmulator) => `tcp://127.0.0.1:${e.port}`;

async function pairKiosk(): Promise<{ token: string; id: string }> {
  const token = await t.pairDevice('kiosk');
  const me = expectOk(await t.api('GET', '/api/v1/me', { token }));
  return { token, id: me.device.id };
}

const print = (token: string, ticketId: string, body?: unknown) =>
  t.api('POST', `/api/v1/tickets/${ticketId}/print`, { token, ...(body === undefined ? {} : { body }) });

const setPrinter = (deviceId: string, body: unknown, token = admin) =>
  t.api('PUT', `/api/v1/devices/${deviceId}/printer`, { token, body });

async function devices(token = admin): Promise<any[]> {
  return expectOk(await t.api('GET', '/api/v1/devices', { token })).devices;
}

const events = (type: string) =>
  t.running.hub.store
    .sql<{ seq: number; ticket_id: string; user_id: string | null; data: string | null }>(
      'SELECT seq, ticket_id, user_id, data FROM ticket_events WHERE type = ? ORDER BY seq',
    )
    .all(type);

beforeAll(async () => {
  printer = await startPrinterEmulator({ port: 0 });
  fallback = await startPrinterEmulator({ port: 0 });
  t = await startTestHub({ config: { publicUrl: PUBLIC_URL, defaultPrinter: uriOf(fallback) } });
  admin = await t.login();
  kioskA = await pairKiosk();
  kioskB = await pairKiosk();
  expectOk(await setPrinter(kioskA.id, { uri: uriOf(printer), paper: 80, mode: 'text' }));
});
afterAll(async () => {
  await t?.close();
  await printer?.close();
  await fallback?.close();
});
beforeEach(async () => {
  await printer.clearFaults();
  await fallback.clearFaults();
});

describe('assigning a printer to a kiosk (PUT /api/v1/devices/:id/printer)', () => {
  it('answers the device with its printer, and lists it in GET /api/v1/devices', async () => {
    const res = expectOk(await setPrinter(kioskA.id, { uri: uriOf(printer), paper: 58 }));
    expect(res.device).toMatchObject({
      id: kioskA.id,
      kind: 'kiosk',
      printer: { uri: uriOf(printer), paper: 58, mode: 'text' },
      alerts: [],
    });
    expectOk(await setPrinter(kioskA.id, { uri: uriOf(printer), paper: 80, mode: 'text' }));
    const list = expectOk(await t.api('GET', '/api/v1/devices', { token: admin }));
    expect(list.defaultPrinter).toBe(uriOf(fallback));
    expect(list.devices.find((d: any) => d.id === kioskA.id)).toEqual({
      id: kioskA.id,
      kind: 'kiosk',
      name: 'kiosk test',
      counterId: null,
      zone: null,
      lastSeenAt: expect.any(String),
      printer: { uri: uriOf(printer), paper: 80, mode: 'text' },
      alerts: [],
    });
    expect(list.devices.find((d: any) => d.id === kioskB.id).printer).toEqual({
      uri: null,
      paper: 80,
      mode: 'raster',
    });
  });

  it('refuses a bad URI naming uri, non-kiosk devices, unknown devices and non-admins', async () => {
    expectError(await setPrinter(kioskA.id, { uri: 'lpt1' }), 400, 'validation_failed', /^uri: /);
    expectError(await setPrinter(kioskA.id, { uri: 'tcp://p:70000' }), 400, 'validation_failed', /^uri: /);
    expectError(await setPrinter(kioskA.id, { uri: '' }), 400, 'validation_failed', /^uri: /);
    expectError(await setPrinter(kioskA.id, { uri: null, paper: 60 }), 400, 'validation_failed', /^paper/);
    expectError(await setPrinter(kioskA.id, { uri: null, mode: 'pdf' }), 400, 'validation_failed', /^mode/);
    expectError(await setPrinter(kioskA.id, {}), 400, 'validation_failed', /^uri/);
    const display = await t.pairDevice('display', { zone: 'main' });
    const displayId = expectOk(await t.api('GET', '/api/v1/me', { token: display })).device.id;
    expectError(await setPrinter(displayId, { uri: 'tcp://10.0.0.9:9100' }), 409, 'conflict', /only kiosks/);
    expectError(await setPrinter('nope', { uri: null }), 404, 'not_found');
    const director = await t.user('giamdoc-print', 'director');
    expectError(await setPrinter(kioskA.id, { uri: null }, director.token), 403, 'forbidden');
    expectError(await setPrinter(kioskA.id, { uri: null }, kioskA.token), 403, 'forbidden');
    // Directors see devices; kiosks and officers do not.
    expect((await devices(director.token)).map((d) => d.id)).toContain(kioskA.id);
    expectError(await t.api('GET', '/api/v1/devices', { token: kioskA.token }), 403, 'forbidden');
    // The refused changes changed nothing.
    expect((await devices()).find((d) => d.id === kioskA.id).printer).toEqual({
      uri: uriOf(printer),
      paper: 80,
      mode: 'text',
    });
  });
});

describe('file: printers are character devices under /dev, nothing else', () => {
  let dir: string;
  let shm: string;
  let kioskC: { token: string; id: string };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luot-printer-'));
    shm = mkdtempSync('/dev/shm/luot-printer-');
    kioskC = await pairKiosk();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(shm, { recursive: true, force: true });
  });

  it('refuses a regular file, a directory, a link to a file, a missing device and paths outside /dev', async () => {
    const file = join(dir, 'tickets.sh');
    writeFileSync(file, '#!/bin/sh\n');
    symlinkSync(file, join(dir, 'lp0'));
    writeFileSync(join(shm, 'lp0'), '');
    const cases: [string, RegExp][] = [
      [`file:${file}`, /outside \/dev/],
      [`file:${dir}`, /outside \/dev/],
      [`file:${join(dir, 'lp0')}`, /outside \/dev/],
      [`file:${join(dir, 'new')}`, /outside \/dev/],
      ['file:/tmp/x', /outside \/dev/],
      ['file:/dev/usb/luot-lp9', /does not exist/],
      ['file:/dev/../tmp/x', /outside \/dev/],
      [`file:${shm}`, /is a directory, not a printer device/],
      [`file:${join(shm, 'lp0')}`, /is a regular file, not a printer device/],
    ];
    for (const [uri, message] of cases) {
      const res = await setPrinter(kioskC.id, { uri });
      expectError(res, 400, 'validation_failed', /^uri: /);
      expect(res.body.error.message.startsWith(`uri: ${uri}: `), res.body.error.message).toBe(true);
      expect(res.body.error.message, uri).toMatch(message);
    }
    // Nothing was created or written, and the kiosk still has no printer of its own.
    expect(readFileSync(file, 'utf8')).toBe('#!/bin/sh\n');
    expect(existsSync(join(dir, 'new'))).toBe(false);
    expect((await devices()).find((d) => d.id === kioskC.id).printer).toMatchObject({ uri: null });
  });

  it('prints on a character device; a path swapped for a file since is refused when printing', async () => {
    expectOk(await setPrinter(kioskC.id, { uri: 'file:/dev/null', mode: 'ascii' }));
    const ticket = await issue(t, kioskC.token, { serviceId: 'hotich' });
    expect(expectOk(await print(kioskC.token, ticket.id)).print).toEqual({
      ok: true,
      ms: expect.any(Number),
    });

    // A link in /dev to the device when it was set, to a script in /tmp when the ticket prints.
    const link = join(shm, 'lp-link');
    symlinkSync('/dev/null', link);
    expectOk(await setPrinter(kioskC.id, { uri: `file:${link}` }));
    const target = join(dir, 'later.sh');
    writeFileSync(target, '#!/bin/sh\n');
    unlinkSync(link);
    symlinkSync(target, link);
    const res = expectOk(await print(kioskC.token, ticket.id));
    expect(res.print).toMatchObject({
      ok: false,
      error: 'bad_uri',
      message: expect.stringMatching(/outside \/dev/),
    });
    expect(readFileSync(target, 'utf8')).toBe('#!/bin/sh\n');
    expect((await devices()).find((d) => d.id === kioskC.id).alerts).toMatchObject([
      { kind: 'printer', code: 'bad_uri' },
    ]);
  });
});

describe('printing a ticket (POST /api/v1/tickets/:id/print)', () => {
  it('the issuing kiosk prints on its printer: QR to the status page, number, field and counters', async () => {
    const ticket = await issue(t, kioskA.token, { serviceId: 'hotich' });
    const res = expectOk(await print(kioskA.token, ticket.id));
    expect(res.print).toEqual({ ok: true, ms: expect.any(Number) });
    expect(res.ticket).toMatchObject({ id: ticket.id, displayNumber: ticket.displayNumber });
    const printed = await printer.nextTicket();
    expect(printed.json.qr).toEqual([`${PUBLIC_URL}/t/${ticket.id}`]);
    expect(printed.json.cut).toBe(true);
    const text = printed.json.text;
    expect(text).toContain(ticket.displayNumber);
    expect(text).toContain('Hộ tịch');
    expect(text).toContain('Mời đến quầy');
    // No counter is open yet: every counter serving Hộ tịch.
    expect(text).toContain('Mời đến quầy 1, 2, 3');
    expect(text).toContain('PHƯỜNG NINH KIỀU');
    // A kiosk printing its own ticket is not a reprint.
    expect(events('ticket.reprinted').filter((e) => e.ticket_id === ticket.id)).toEqual([]);
  });

  it('sends the citizen to the open counters of the field, with people ahead', async () => {
    await officerAt(t, 'canbo-print-2', 'c2');
    const ticket = await issue(t, kioskA.token, { serviceId: 'hotich' });
    expect(expectOk(await print(kioskA.token, ticket.id)).print.ok).toBe(true);
    const { json } = await printer.nextTicket();
    expect(json.text).toContain('Mời đến quầy 2');
    expect(json.text).not.toContain('Mời đến quầy 1');
    expect(json.text).toMatch(/Trước bạn còn \d+ người/);
  });

  it('raster mode prints the ticket as an image with the QR code', async () => {
    expectOk(await setPrinter(kioskA.id, { uri: uriOf(printer), mode: 'raster', paper: 58 }));
    try {
      const ticket = await issue(t, kioskA.token, { serviceId: 'chungthuc', priority: 'elderly' });
      expect(expectOk(await print(kioskA.token, ticket.id)).print.ok).toBe(true);
      const printed = await printer.nextTicket();
      expect(printed.json.qr).toEqual([`${PUBLIC_URL}/t/${ticket.id}`]);
      expect(printed.raster?.width).toBe(384);
      expect(printed.raster!.height).toBeGreaterThan(300);
    } finally {
      expectOk(await setPrinter(kioskA.id, { uri: uriOf(printer), mode: 'text', paper: 80 }));
    }
  });

  it('paper out: 200 with print.ok false, a device alert; an officer’s reprint clears it', async () => {
    await printer.setFault({ paperOut: true });
    const ticket = await issue(t, kioskA.token, { serviceId: 'hotich' });
    const res = expectOk(await print(kioskA.token, ticket.id));
    expect(res.print).toEqual({ ok: false, error: 'paper_out', message: expect.any(String) });
    expect(res.ticket.displayNumber).toBe(ticket.displayNumber);
    // Again: still one open alert, counted twice.
    expect(expectOk(await print(kioskA.token, ticket.id)).print.error).toBe('paper_out');
    const kiosk = (await devices()).find((d) => d.id === kioskA.id);
    expect(kiosk.alerts).toEqual([
      {
        id: expect.any(String),
        kind: 'printer',
        code: 'paper_out',
        message: expect.any(String),
        at: expect.any(String),
        lastAt: expect.any(String),
        count: 2,
      },
    ]);
    expect(printer.tickets.some((p) => p.json.qr[0]?.endsWith(ticket.id))).toBe(false);

    await printer.clearFaults();
    const officer = await t.user('canbo-reprint', 'officer');
    const reprinted = expectOk(await print(officer.token, ticket.id, {}));
    expect(reprinted.print).toEqual({ ok: true, ms: expect.any(Number) });
    const printed = await printer.nextTicket();
    expect(printed.json.qr).toEqual([`${PUBLIC_URL}/t/${ticket.id}`]);
    expect((await devices()).find((d) => d.id === kioskA.id).alerts).toEqual([]);
    // The reprint is audited, and the event log has no gap.
    const logged = events('ticket.reprinted').filter((e) => e.ticket_id === ticket.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ user_id: officer.id });
    expect(JSON.parse(logged[0]!.data!)).toEqual({ deviceId: kioskA.id });
    const seqs = t.running.hub.store
      .sql<{ seq: number }>('SELECT seq FROM ticket_events ORDER BY seq')
      .all()
      .map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('printer offline: print.ok false with error offline, and an alert', async () => {
    await printer.setFault({ offline: true });
    const ticket = await issue(t, kioskA.token, { serviceId: 'hotich' });
    const res = expectOk(await print(kioskA.token, ticket.id));
    expect(res.print).toMatchObject({ ok: false, error: 'offline' });
    expect((await devices()).find((d) => d.id === kioskA.id).alerts).toMatchObject([
      { kind: 'printer', code: 'offline' },
    ]);
    await printer.clearFaults();
    expect(expectOk(await print(kioskA.token, ticket.id)).print.ok).toBe(true);
    await printer.nextTicket();
    expect((await devices()).find((d) => d.id === kioskA.id).alerts).toEqual([]);
  });

  it('a kiosk may not print another kiosk’s ticket, nor on another kiosk’s printer', async () => {
    const ticket = await issue(t, kioskA.token, { serviceId: 'hotich' });
    expectError(await print(kioskB.token, ticket.id), 403, 'forbidden');
    const own = await issue(t, kioskB.token, { serviceId: 'hotich' });
    expectError(await print(kioskB.token, own.id, { deviceId: kioskA.id }), 403, 'forbidden');
    const display = await t.pairDevice('display', { zone: 'main' });
    expectError(await print(display, ticket.id), 403, 'forbidden');
    const director = await t.user('giamdoc-print2', 'director');
    expectError(await print(director.token, ticket.id), 403, 'forbidden');
    expectError(await print(kioskA.token, 'no-such-ticket'), 404, 'not_found');
    expectError(await print(kioskA.token, ticket.id, { copies: 2 }), 400, 'validation_failed');
  });

  it('kiosks without a printer of their own print on the default printer', async () => {
    const ticket = await issue(t, kioskB.token, { serviceId: 'datdai' });
    expect(expectOk(await print(kioskB.token, ticket.id)).print.ok).toBe(true);
    const printed = await fallback.nextTicket();
    expect(printed.json.qr).toEqual([`${PUBLIC_URL}/t/${ticket.id}`]);
    // raster (the kiosk's default mode) at 80 mm
    expect(printed.raster?.width).toBe(576);
    // A failure there is the kiosk's alert too.
    await fallback.setFault({ coverOpen: true });
    expect(expectOk(await print(kioskB.token, ticket.id)).print).toMatchObject({
      ok: false,
      error: 'cover_open',
    });
    expect((await devices()).find((d) => d.id === kioskB.id).alerts).toMatchObject([{ code: 'cover_open' }]);
  });

  it('staff reprint on a chosen kiosk’s printer, or the default printer for counter-issued tickets', async () => {
    const officer = await t.user('canbo-reprint2', 'officer');
    const atCounter = await issue(t, officer.token, { serviceId: 'cutru' });
    expect(expectOk(await print(officer.token, atCounter.id)).print.ok).toBe(true);
    expect((await fallback.nextTicket()).json.qr).toEqual([`${PUBLIC_URL}/t/${atCounter.id}`]);
    expect(expectOk(await print(officer.token, atCounter.id, { deviceId: kioskA.id })).print.ok).toBe(true);
    const onA = await printer.nextTicket();
    expect(onA.json.qr).toEqual([`${PUBLIC_URL}/t/${atCounter.id}`]);
    expect(onA.json.text).toContain('Mời đến quầy 6');
    expect(events('ticket.reprinted').filter((e) => e.ticket_id === atCounter.id)).toHaveLength(2);

    expectError(await print(officer.token, atCounter.id, { deviceId: 'nope' }), 404, 'not_found', /deviceId/);
    const counterDevice = await t.pairDevice('counter', { counterId: 'c6' });
    const counterDeviceId = expectOk(await t.api('GET', '/api/v1/me', { token: counterDevice })).device.id;
    expectError(await print(officer.token, atCounter.id, { deviceId: counterDeviceId }), 409, 'conflict');
    // Nothing to reprint for a cancelled ticket; the refused reprint is not logged.
    expectOk(await act(t, officer.token, `tickets/${atCounter.id}/cancel`));
    expectError(await print(officer.token, atCounter.id), 409, 'conflict', /cancelled/);
    expect(events('ticket.reprinted').filter((e) => e.ticket_id === atCounter.id)).toHaveLength(2);
  });

  it('works as a socket command too', async () => {
    const ticket = await issue(t, kioskA.token, { serviceId: 'hotich' });
    const socket = t.socket(kioskA.token);
    await connected(socket);
    const ack = await emitAck(socket, 'command', { name: 'tickets:print', params: { id: ticket.id } });
    expect(ack).toMatchObject({ ok: true, data: { ticket: { id: ticket.id }, print: { ok: true } } });
    expect((await printer.nextTicket()).json.qr).toEqual([`${PUBLIC_URL}/t/${ticket.id}`]);
  });

  it('the OpenAPI document has the new operations', async () => {
    const doc = expectOk(await t.api('GET', '/api/v1/openapi.json'));
    expect(doc.paths['/api/v1/devices'].get.operationId).toBe('devices:list');
    expect(doc.paths['/api/v1/devices/{id}/printer'].put.operationId).toBe('devices:set-printer');
    const op = doc.paths['/api/v1/tickets/{id}/print'].post;
    expect(op.operationId).toBe('tickets:print');
    expect(JSON.stringify(op.responses['200'])).toContain('paper_out');
  });
});

describe('a hub without a default printer', () => {
  let bare: TestHub;
  beforeAll(async () => {
    bare = await startTestHub();
  });
  afterAll(() => bare?.close());

  it('answers 409 no printer for a kiosk without one; the QR base is the hub’s own address', async () => {
    const token = await bare.pairDevice('kiosk');
    const ticket = expectOk(
      await bare.api('POST', '/api/v1/tickets', { token, body: { serviceId: 'hotich' } }),
      201,
    ).ticket;
    expectError(
      await bare.api('POST', `/api/v1/tickets/${ticket.id}/print`, { token }),
      409,
      'conflict',
      /no printer/,
    );
    expect(bare.running.hub.publicUrl).toBe(bare.url);
    expectOk(await bare.api('GET', '/api/v1/devices', { token: await bare.login() }));
  });
});
