// What differs between the Electron shell and a plain browser (docs/architecture.md): printing,
// serial devices, audio, and where the device token is kept. Apps talk to `Platform` only.
import type { DeviceKind, PrintOutcome, TicketLayout } from '@luot/shared';
import type { HubClient } from './client.ts';
import { HubError } from './client.ts';

/** Everything a printed ticket says (@luot/shared `TicketLayout`; the Electron main process hands it to hardware/). */
export type TicketPrintLayout = TicketLayout;

export interface PrintJob {
  ticketId: string;
  /** Used where the device prints itself (Electron); the browser lets the hub build it. */
  layout: TicketPrintLayout;
}

/**
 * The printer's answer (shared `PrintOutcome`: `offline`, `paper_out`, `cover_open`, `timeout`,
 * `connection_lost`, `bad_uri`, `error`), or `hub_unreachable` when a browser kiosk could not
 * even ask the hub to print. Either way the kiosk shows the number and the print-failure text.
 */
export type PrintTicketOutcome = PrintOutcome | { ok: false; error: 'hub_unreachable'; message: string };

/** Keypad key and rating pad events from serial devices (Electron only). */
export interface SerialKeyEvent {
  /** Bus address = counter number. */
  address: number;
  /** hardware's KeyName, e.g. `next`, `recall`, `no_show`, `transfer`. */
  key: string;
  at: number;
}
export interface SerialScoreEvent {
  address: number;
  score: 1 | 2 | 3 | 4;
  at: number;
}
export type SerialOutcome = { ok: true } | { ok: false; error: string; message: string };

export interface SerialBridge {
  onKey(listener: (event: SerialKeyEvent) => void): () => void;
  onScore(listener: (event: SerialScoreEvent) => void): () => void;
  /** Shows a number on a counter's LED sign. */
  showOnSign(address: number, text: string): Promise<SerialOutcome>;
}

/** The Electron shell's settings a renderer may read. */
export interface ShellConfig {
  hubUrl: string;
  deviceKind: DeviceKind;
}

/**
 * What the Electron preload exposes as `window.luot` (contextBridge). The preload declares its
 * object `satisfies LuotPreloadApi`; every call crosses IPC, so everything is async and plain data.
 */
export interface LuotPreloadApi {
  readonly kind: 'electron';
  getConfig(): Promise<ShellConfig>;
  /** Kept with Electron safeStorage by the main process. */
  getDeviceToken(): Promise<string | null>;
  setDeviceToken(token: string): Promise<void>;
  clearDeviceToken(): Promise<void>;
  /** Prints through hardware/ on the configured printer (USB, serial or network). */
  printTicket(job: PrintJob): Promise<PrintOutcome>;
  /** Present when serial devices are configured. */
  serial?: SerialBridge;
  /** Plays a bundled sound (e.g. `chime`). */
  playAudio?(clip: string): Promise<void>;
}

declare global {
  interface Window {
    luot?: LuotPreloadApi;
  }
}

export interface Platform {
  readonly kind: 'electron' | 'browser';
  getDeviceToken(): Promise<string | null>;
  setDeviceToken(token: string): Promise<void>;
  clearDeviceToken(): Promise<void>;
  printTicket(job: PrintJob): Promise<PrintTicketOutcome>;
  readonly serialAvailable: boolean;
  readonly serial?: SerialBridge;
  playAudio?(clip: string): Promise<void>;
}

/** The bits of `Storage` used (so tests can pass a Map-backed one). */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const TOKEN_STORAGE_KEY = 'luot.deviceToken';

export interface BrowserPlatformOptions {
  /** Prints through the hub: POST /api/v1/tickets/:id/print with this client's token. */
  client: HubClient;
  /** Default: `localStorage`. */
  storage?: TokenStorage;
  storageKey?: string;
  /** Where sound clips are served: `${audioBase}/${clip}.mp3`. Default `/sounds`. */
  audioBase?: string;
}

export function createBrowserPlatform(options: BrowserPlatformOptions): Platform {
  const storage = options.storage ?? globalThis.localStorage;
  const key = options.storageKey ?? TOKEN_STORAGE_KEY;
  const audioBase = (options.audioBase ?? '/sounds').replace(/\/+$/, '');
  const platform: Platform = {
    kind: 'browser',
    serialAvailable: false,
    async getDeviceToken() {
      return storage.getItem(key);
    },
    async setDeviceToken(token) {
      storage.setItem(key, token);
    },
    async clearDeviceToken() {
      storage.removeItem(key);
    },
    async printTicket(job) {
      try {
        return (await options.client.printTicket(job.ticketId)).print;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof HubError && error.status !== 0)
          return { ok: false, error: 'error', message: `${error.code}: ${message}` };
        return { ok: false, error: 'hub_unreachable', message };
      }
    },
  };
  if (typeof Audio !== 'undefined') {
    platform.playAudio = async (clip) => {
      await new Audio(`${audioBase}/${encodeURIComponent(clip)}.mp3`).play();
    };
  }
  return platform;
}

export function createElectronPlatform(api: LuotPreloadApi): Platform {
  const platform: Platform = {
    kind: 'electron',
    serialAvailable: api.serial !== undefined,
    getDeviceToken: () => api.getDeviceToken(),
    setDeviceToken: (token) => api.setDeviceToken(token),
    clearDeviceToken: () => api.clearDeviceToken(),
    async printTicket(job) {
      try {
        return await api.printTicket(job);
      } catch (error) {
        return { ok: false, error: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
  if (api.serial) Object.assign(platform, { serial: api.serial });
  if (api.playAudio) platform.playAudio = (clip) => api.playAudio!(clip);
  return platform;
}

/** Electron when the preload exposed `window.luot`, else the browser. */
export function detectPlatform(
  options: BrowserPlatformOptions & { preload?: LuotPreloadApi | undefined },
): Platform {
  const preload =
    options.preload ?? (globalThis as { window?: { luot?: LuotPreloadApi } }).window?.luot ?? undefined;
  if (preload && preload.kind === 'electron') return createElectronPlatform(preload);
  return createBrowserPlatform(options);
}
