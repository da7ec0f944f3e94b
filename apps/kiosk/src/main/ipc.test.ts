// What the Electron main accepts from the renderer, the encrypted token file, printing via the hub.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleLayout } from '@luot/hardware';
import { afterAll, describe, expect, it } from 'vitest';
import { type Cipher, createTokenStore, isDeviceToken, parsePrintJob, printViaHub } from './ipc.ts';

const dir = mkdtempSync(join(tmpdir(), 'luot-kiosk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for safeStorage: reversible, and visibly not the plain token. */
const cipher: Cipher = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
  decryptString: (b) => {
    const text = b.toString();
    if (!text.startsWith('enc:')) throw new Error('cannot decrypt');
    return Buffer.from(text.slice(4), 'base64').toString();
  },
};

const TOKEN = 'dev_0123456789abcdefghijklmnopqrstuvwxyzABCDEF';

describe('print jobs from the renderer', () => {
  it('accepts a ticket layout as hardware renders it', () => {
    const layout = sampleLayout(true);
    expect(parsePrintJob({ ticketId: 'tk_abc-123', layout })).toEqual({ ticketId: 'tk_abc-123', layout });
  });
  it('refuses anything else', () => {
    const layout = sampleLayout(false);
    expect(parsePrintJob(null)).toBeNull();
    expect(parsePrintJob({ ticketId: '../x', layout })).toBeNull();
    expect(parsePrintJob({ ticketId: 't', layout: { ...layout, extra: 1 } })).toBeNull();
    expect(parsePrintJob({ ticketId: 't', layout: { ...layout, statusUrl: 'not a url' } })).toBeNull();
    expect(parsePrintJob({ ticketId: 't', layout: { ...layout, counterNumbers: ['1'] } })).toBeNull();
  });
});

describe('device token store', () => {
  it('keeps the token encrypted, reads it back, clears it', () => {
    const file = join(dir, 'token.bin');
    const store = createTokenStore(file, cipher);
    expect(store.get()).toBeNull();
    store.set(TOKEN);
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
    expect(store.get()).toBe(TOKEN);
    store.clear();
    expect(store.get()).toBeNull();
    store.clear(); // twice is fine
  });
  it('a file it cannot decrypt means "not paired"; no OS encryption means no plain file', () => {
    const file = join(dir, 'other.bin');
    writeFileSync(file, 'garbage');
    expect(createTokenStore(file, cipher).get()).toBeNull();
    const none = createTokenStore(join(dir, 'none.bin'), { ...cipher, isEncryptionAvailable: () => false });
    expect(() => none.set(TOKEN)).toThrow(/safeStorage/);
    expect(() => createTokenStore(file, cipher).set('short')).toThrow(/not a device token/);
    expect(isDeviceToken(TOKEN)).toBe(true);
    expect(isDeviceToken('has space in it 0123456789')).toBe(false);
  });
});

describe('printing through the hub (a kiosk without its own printer)', () => {
  it('POSTs /tickets/:id/print with the device token and returns the print outcome', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      seen.push({ url, init });
      return new Response(
        JSON.stringify({ ticket: {}, print: { ok: false, error: 'paper_out', message: 'out' } }),
        {
          status: 200,
        },
      );
    }) as typeof fetch;
    expect(await printViaHub('http://hub:8080', TOKEN, 'tk_1', fakeFetch)).toEqual({
      ok: false,
      error: 'paper_out',
      message: 'out',
    });
    expect(seen[0]!.url).toBe('http://hub:8080/api/v1/tickets/tk_1/print');
    expect((seen[0]!.init!.headers as Record<string, string>).authorization).toBe(`Bearer ${TOKEN}`);
  });
  it('hub errors and an unreachable hub are outcomes, not exceptions', async () => {
    const conflict = (async () =>
      new Response(JSON.stringify({ error: { code: 'conflict', message: 'no printer' } }), {
        status: 409,
      })) as unknown as typeof fetch;
    expect(await printViaHub('http://hub', TOKEN, 't', conflict)).toEqual({
      ok: false,
      error: 'error',
      message: 'hub: conflict: no printer',
    });
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await printViaHub('http://hub', TOKEN, 't', down)).toMatchObject({ ok: false, error: 'offline' });
    expect(await printViaHub('http://hub', null, 't', down)).toMatchObject({ ok: false, error: 'error' });
  });
});
