// Device pairing, one way for every device page (kiosk, wall display, rating tablet): the token
// kept by the platform, or a one-time code typed by a technician (or given in the start URL,
// `?pair=CODE`, tried again while the hub cannot be reached) exchanged for one; a code made for
// another kind of device is refused; a token the hub stops accepting sends the page back to
// pairing. `DevicePairing` is the plain logic (tested under Node), `useDevicePairing` its hook.
import type { DeviceKind } from '@luot/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { type HubClient, HubError } from './client.ts';
import type { Platform } from './platform.ts';

export type PairingAuth = 'loading' | 'unpaired' | 'paired';

/** Why the last pairing failed (or the token was dropped): shown until the next try. */
export type PairingProblem = 'invalid_code' | 'too_many_attempts' | 'wrong_kind' | 'network';

export interface PairingState {
  auth: PairingAuth;
  busy: boolean;
  problem: PairingProblem | null;
}

/** `network`: the hub could not be reached or failed (worth trying the same code again). */
export type PairOutcome = 'paired' | 'refused' | 'network';

export interface DevicePairingOptions {
  client: HubClient;
  platform: Pick<Platform, 'getDeviceToken' | 'setDeviceToken' | 'clearDeviceToken'>;
  /** The kind of device this page is: a code made for another kind is refused. */
  kind: DeviceKind;
  /** `?pair=CODE`: paired without a keyboard when there is no token yet. */
  autoPairCode?: string | null;
  /** How long before the automatic code is tried again after a network failure. Default 5 s. */
  retryMs?: number;
}

/** What a failed `client.pair` means. */
export function pairingProblem(error: unknown): PairingProblem {
  if (error instanceof HubError && error.status === 429) return 'too_many_attempts';
  // The hub refused the code (401: unknown, used or expired; 400: malformed; 404, 403).
  if (error instanceof HubError && error.status >= 400 && error.status < 500) return 'invalid_code';
  // Not reached (0, 502–504), a failing hub (5xx) or a token that could not be kept.
  return 'network';
}

export class DevicePairing {
  private state: PairingState = { auth: 'loading', busy: false, problem: null };
  private readonly listeners = new Set<() => void>();
  private live = true;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: DevicePairingOptions) {}

  readonly getState = (): PairingState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the kept token (paired), or waits for a code (tried at once when given in the URL). */
  start(): void {
    this.options.platform.getDeviceToken().then(
      (token) => {
        if (!this.live) return;
        if (token) {
          this.options.client.setToken(token);
          this.set({ auth: 'paired' });
          return;
        }
        this.set({ auth: 'unpaired' });
        if (this.options.autoPairCode) this.autoPair(this.options.autoPairCode);
      },
      () => this.live && this.set({ auth: 'unpaired' }),
    );
  }

  /** Exchanges a one-time code for this device's token; never throws. */
  pair = async (code: string): Promise<PairOutcome> => {
    const { client, platform, kind } = this.options;
    this.set({ busy: true, problem: null });
    try {
      const result = await client.pair(code);
      if (result.device.kind !== kind) {
        client.setToken(null);
        this.set({ problem: 'wrong_kind' });
        return 'refused';
      }
      await platform.setDeviceToken(result.token);
      this.set({ auth: 'paired' });
      return 'paired';
    } catch (error) {
      const problem = pairingProblem(error);
      this.set({ problem });
      return problem === 'network' ? 'network' : 'refused';
    } finally {
      this.set({ busy: false });
    }
  };

  /** The hub no longer accepts the token (revoked, unknown): forget it and pair again. */
  unpair = (): void => {
    this.options.client.setToken(null);
    void this.options.platform.clearDeviceToken().catch(() => {});
    this.set({ auth: 'unpaired', problem: 'invalid_code' });
  };

  dispose(): void {
    this.live = false;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private autoPair(code: string): void {
    void this.pair(code).then((outcome) => {
      if (this.live && outcome === 'network')
        this.timer = setTimeout(() => this.autoPair(code), this.options.retryMs ?? 5000);
    });
  }

  private set(patch: Partial<PairingState>): void {
    if (!this.live) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export interface DevicePairingTexts {
  /** The hub could not be reached (each app words it for its device). */
  network: string;
  /** The code was made for another kind of device. */
  wrongKind: string;
}

export interface UseDevicePairing {
  auth: PairingAuth;
  busy: boolean;
  /** The problem in the current language, or null. */
  error: string | null;
  pair: (code: string) => Promise<PairOutcome>;
  unpair: () => void;
}

/**
 * Pairing of a device page as a hook: `auth` decides between the app's pairing screen
 * (`busy`, `error`, `pair`) and the paired page (which calls `unpair` on an auth error).
 */
export function useDevicePairing(
  options: DevicePairingOptions & { texts: DevicePairingTexts },
): UseDevicePairing {
  const { client, platform, kind, autoPairCode, retryMs, texts } = options;
  const { t } = useTranslation();
  const [pairing, setPairing] = useState<DevicePairing | null>(null);
  useEffect(() => {
    const created = new DevicePairing({ client, platform, kind, autoPairCode, retryMs });
    setPairing(created);
    created.start();
    return () => created.dispose();
  }, [client, platform, kind, autoPairCode, retryMs]);
  const state = useSyncExternalStore(
    pairing?.subscribe ?? noSubscribe,
    pairing?.getState ?? loadingState,
    pairing?.getState ?? loadingState,
  );
  const words: Record<PairingProblem, string> = {
    invalid_code: t('pairing.invalidCode'),
    too_many_attempts: t('pairing.tooManyAttempts'),
    wrong_kind: texts.wrongKind,
    network: texts.network,
  };
  return {
    auth: state.auth,
    busy: state.busy,
    error: state.problem ? words[state.problem] : null,
    pair: pairing?.pair ?? notYet,
    unpair: pairing?.unpair ?? (() => {}),
  };
}

const LOADING: PairingState = { auth: 'loading', busy: false, problem: null };
const loadingState = () => LOADING;
const noSubscribe = () => () => {};
const notYet = async (): Promise<PairOutcome> => 'network';
