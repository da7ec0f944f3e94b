// What the counter's Electron preload exposes to the renderer as `window.luotCounter`. Types only
// (the renderer may import this file; it pulls in nothing at run time). In a plain browser
// `window.luotCounter` is undefined: the renderer says the devices are unavailable.

export type SerialState = 'up' | 'down' | 'none';

export interface DevicesStatus {
  /** `none`: no devices configured on this PC, or nobody signed in. */
  serial: SerialState;
  lastKey: { key: string; at: string } | null;
  lastError: { code: string; message: string; at: string } | null;
}

export interface CounterShellConfig {
  hubUrl: string;
  deviceKind: 'counter';
  /** The counter this PC stands at (its devices are wired to it). */
  counterId: string;
  /** Whether a serial bus (sign, keypad, pad) is configured on this PC. */
  devices: boolean;
}

export interface DevicesSession {
  /** The signed-in officer's token (the bridge acts with it; the pad rates with its own counter device token). */
  token: string;
  counterId: string;
}

export type SessionOutcome =
  | { ok: true; status: DevicesStatus }
  | { ok: false; error: 'invalid' | 'wrong_counter' | 'hub'; message: string };

export type KeyOutcome =
  | { ok: true; key: string; action: string; ticketId: string | null }
  | { ok: false; key: string; error: string; message: string };

export type RatingOutcome =
  | { ok: true; ticketId: string; score: number }
  | { ok: false; score: number; ticketId: string | null; error: string; message: string };

/** Pushed by the main process. `needs-finish` / `needs-transfer`: open that dialog for the ticket. */
export type DevicesEvent =
  | { type: 'status'; status: DevicesStatus }
  | { type: 'needs-finish'; ticketId: string; displayNumber: string }
  | { type: 'needs-transfer'; ticketId: string; displayNumber: string }
  | { type: 'key'; outcome: KeyOutcome }
  | { type: 'rating'; outcome: RatingOutcome };

export interface CounterPreloadApi {
  readonly kind: 'electron';
  getConfig(): Promise<CounterShellConfig>;
  /** Call after sign-in at a counter (starts the devices) and with null at sign-out. */
  setDevicesSession(session: DevicesSession | null): Promise<SessionOutcome>;
  getDevicesStatus(): Promise<DevicesStatus>;
  /** Returns the function that unsubscribes. */
  onDevicesEvent(listener: (event: DevicesEvent) => void): () => void;
}

declare global {
  interface Window {
    luotCounter?: CounterPreloadApi;
  }
}
