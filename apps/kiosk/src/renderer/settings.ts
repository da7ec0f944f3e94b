// The kiosk page's settings, read from its URL: `/kiosk/?procedures=1&closedFields=disable`.
// Kept in the URL (not in a config screen) so a technician sets them once in the kiosk's start
// URL (Electron: kiosk.json's hubUrl is the origin; the page path and query come from here).
import { hubOrigin, pageProtocol } from '@luot/ui';

export type ClosedFieldPolicy = 'issue' | 'disable';

export interface KioskSettings {
  /**
   * The hub's origin; '' = the page's own origin (the hub serves the kiosk at /kiosk/). Always ''
   * for a page served over http(s): see @luot/ui's hubOrigin.
   */
  hubUrl: string;
  /** Show the procedure step (with search) after a field is chosen. */
  procedures: boolean;
  /** Fields without an open counter: still issue numbers (default) or refuse. */
  closedFields: ClosedFieldPolicy;
  /** Back to the idle screen after this long without a touch. */
  idleTimeoutMs: number;
  /** The issued screen goes back to idle after this long. */
  issuedTimeoutMs: number;
}

export const DEFAULT_SETTINGS: KioskSettings = {
  hubUrl: '',
  procedures: false,
  closedFields: 'issue',
  idleTimeoutMs: 30_000,
  issuedTimeoutMs: 10_000,
};

const TRUE = new Set(['1', 'true', 'yes', 'on']);

function seconds(value: string | null, fallbackMs: number): number {
  if (value === null) return fallbackMs;
  const n = Number(value);
  return Number.isFinite(n) && n >= 1 && n <= 3600 ? Math.round(n * 1000) : fallbackMs;
}

/**
 * `?procedures=1`, `?closedFields=disable|issue`, `?idle=SECONDS`, `?issued=SECONDS`, and
 * `?hub=http://HOST:PORT`, read only by a page opened from a file (`protocol`: the page's).
 */
export function parseSettings(search: string, protocol: string = pageProtocol()): KioskSettings {
  const q = new URLSearchParams(search);
  const closed = q.get('closedFields');
  return {
    hubUrl: hubOrigin(q.get('hub'), protocol),
    procedures: TRUE.has((q.get('procedures') ?? '').toLowerCase()),
    closedFields: closed === 'disable' ? 'disable' : DEFAULT_SETTINGS.closedFields,
    idleTimeoutMs: seconds(q.get('idle'), DEFAULT_SETTINGS.idleTimeoutMs),
    issuedTimeoutMs: seconds(q.get('issued'), DEFAULT_SETTINGS.issuedTimeoutMs),
  };
}

/** The ticket id of a status page URL path: `/t/<id>` (also `/kiosk/status.html?id=<id>`). */
export function ticketIdFromLocation(pathname: string, search = ''): string | null {
  const m = /\/t\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (m) return m[1]!;
  const id = new URLSearchParams(search).get('id');
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

/** The status page of a ticket, on the hub's origin (what the on-screen QR code opens). */
export function statusUrl(origin: string, ticketId: string): string {
  return `${origin.replace(/\/+$/, '')}/t/${encodeURIComponent(ticketId)}`;
}
