// What the main process accepts from the renderer over IPC, checked (the renderer shows web
// content: never trust it), and the device token kept encrypted with Electron's safeStorage.
// Plain Node + zod so it is tested without Electron.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const TicketLayoutSchema = z.strictObject({
  centreName: z.string().max(200),
  serviceName: z.string().max(200),
  displayNumber: z.string().min(1).max(20),
  counterNumbers: z.array(z.number().int().min(0).max(9999)).max(50),
  waitingAhead: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0),
  priorityLabel: z.string().max(100).nullable(),
  issuedAt: z.number().finite(),
  timeZone: z.string().min(1).max(64),
  statusUrl: z.string().url().max(500),
  hotline: z.string().max(40),
});

export const PrintJobSchema = z.strictObject({
  ticketId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  layout: TicketLayoutSchema,
});
export type CheckedPrintJob = z.infer<typeof PrintJobSchema>;

/** The renderer's print job, or null when it is not one. */
export function parsePrintJob(value: unknown): CheckedPrintJob | null {
  const parsed = PrintJobSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A device token as the hub hands it out (random, printable). */
export function isDeviceToken(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{16,512}$/.test(value);
}

/** Electron's safeStorage, as far as the token store uses it. */
export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The device token in one file, encrypted by the OS keychain (DPAPI, Keychain, libsecret). */
export function createTokenStore(file: string, cipher: Cipher) {
  return {
    get(): string | null {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        return null;
      }
      try {
        const token = cipher.decryptString(bytes);
        return isDeviceToken(token) ? token : null;
      } catch {
        return null; // another user's or machine's keychain: pair again
      }
    },
    set(token: string): void {
      if (!isDeviceToken(token)) throw new Error('not a device token');
      if (!cipher.isEncryptionAvailable()) throw new Error('safeStorage: no OS encryption available');
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, cipher.encryptString(token), { mode: 0o600 });
      renameSync(tmp, file);
    },
    clear(): void {
      rmSync(file, { force: true });
    },
  };
}

export type HubPrintOutcome =
  | { ok: true; ms: number }
  | {
      ok: false;
      error: 'offline' | 'paper_out' | 'cover_open' | 'timeout' | 'connection_lost' | 'bad_uri' | 'error';
      message: string;
    };

/**
 * A kiosk without a printer of its own asks the hub to print (POST /api/v1/tickets/:id/print
 * with the device token): the hub uses the printer assigned to this device.
 */
export async function printViaHub(
  hubUrl: string,
  token: string | null,
  ticketId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<HubPrintOutcome> {
  if (!token) return { ok: false, error: 'error', message: 'this kiosk is not paired' };
  try {
    const res = await fetchImpl(`${hubUrl}/api/v1/tickets/${encodeURIComponent(ticketId)}/print`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: '{}',
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => null)) as {
      print?: HubPrintOutcome;
      error?: { code?: string; message?: string };
    } | null;
    if (res.ok && body?.print && typeof body.print.ok === 'boolean') return body.print;
    return {
      ok: false,
      error: 'error',
      message: `hub: ${body?.error?.code ?? `HTTP ${res.status}`}: ${body?.error?.message ?? ''}`.trim(),
    };
  } catch (error) {
    return { ok: false, error: 'offline', message: `hub unreachable: ${(error as Error)?.message ?? error}` };
  }
}
