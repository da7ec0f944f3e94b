// What the main process accepts from the renderer over IPC, checked (the renderer shows web
// content: never trust it), and the device token kept encrypted with Electron's safeStorage.
// Plain Node + zod so it is tested without Electron.
import { fillPath, HUB_API, TicketLayout } from '@luot/shared';
import { z } from 'zod';

export const PrintJobSchema = z.strictObject({
  ticketId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  layout: TicketLayout,
});
export type CheckedPrintJob = z.infer<typeof PrintJobSchema>;

/** The renderer's print job, or null when it is not one. */
export function parsePrintJob(value: unknown): CheckedPrintJob | null {
  const parsed = PrintJobSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// The device token store is shared with the display's shell (@luot/shell).
export { type Cipher, createTokenStore, isDeviceToken } from '@luot/shell';

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
    const path = fillPath(HUB_API['tickets:print'].path, { id: ticketId });
    const res = await fetchImpl(`${hubUrl}${path}`, {
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
