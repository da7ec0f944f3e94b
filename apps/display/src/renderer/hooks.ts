// The display's live inputs as React hooks: the centre (name, time zone, notice), the media
// listing, the screen's shape, the clock-driven dimming and burn-in shift, the voice's state.
import type { Centre } from '@luot/shared';
import type { ConnectionState, HubClient } from '@luot/ui';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { type MediaFile, parseMediaIndex, samePlaylist } from './media.ts';
import { BURN_IN, burnInOffset, isDimmed, msToNextMinute, msToNextShift } from './schedule.ts';
import { type DimSchedule, effectiveOrientation, type OrientationSetting } from './settings.ts';

/** How often the centre (its notice) and the media listing are reloaded while connected. */
export const REFRESH_MS = 5 * 60_000;
const RETRY_MS = 10_000;

/**
 * Calls `load` now, every `REFRESH_MS`, again soon after a failure, and whenever the socket comes
 * back online after being lost (the hub may have restarted with new settings).
 */
function useRefreshing(
  load: () => Promise<void>,
  connection: ConnectionState,
  enabled = true,
  /** Bumped from outside (an admin changed something): load again now. */
  trigger = 0,
): void {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [reloads, setReloads] = useState(0);
  const previous = useRef(connection);
  useEffect(() => {
    if (connection === 'online' && previous.current !== 'online') setReloads((n) => n + 1);
    previous.current = connection;
  }, [connection]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      loadRef.current().then(
        () => {
          if (live) timer = setTimeout(run, REFRESH_MS);
        },
        () => {
          if (live) timer = setTimeout(run, RETRY_MS);
        },
      );
    };
    run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [enabled, reloads, trigger]);
}

/** The notice to scroll: a non-empty string, or null (older hubs have no `notice` at all). */
export function readNotice(centre: unknown): string | null {
  const notice = (centre as { notice?: unknown } | null)?.notice;
  if (typeof notice !== 'string') return null;
  const text = notice.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** GET /api/v1/centre, kept fresh, and reloaded at once when an admin changes it (`catalog:changed`). */
export function useCentre(client: HubClient, connection: ConnectionState): Centre | null {
  const [centre, setCentre] = useState<Centre | null>(null);
  const [changed, setChanged] = useState(0);
  useEffect(
    () =>
      client.on('catalogChanged', ({ what }) => {
        if (what === 'centre') setChanged((n) => n + 1);
      }),
    [client],
  );
  useRefreshing(async () => setCentre(await client.centre()), connection, true, changed);
  return centre;
}

/** The hub's media listing (/media/index.json), kept fresh; null until loaded or when off. */
export function useMediaFiles(
  client: HubClient,
  enabled: boolean,
  connection: ConnectionState,
): MediaFile[] | null {
  const [files, setFiles] = useState<MediaFile[] | null>(null);
  useRefreshing(
    async () => {
      const listed = parseMediaIndex(await client.request('GET', '/media/index.json'));
      setFiles((old) => (old && samePlaylist(old, listed) ? old : listed));
    },
    connection,
    enabled,
  );
  return enabled ? files : null;
}

/** Landscape or portrait: the setting, or the window's shape (followed on resize). */
export function useOrientation(setting: OrientationSetting): 'landscape' | 'portrait' {
  const read = () => effectiveOrientation(setting, window.innerWidth, window.innerHeight);
  const [orientation, setOrientation] = useState(read);
  useEffect(() => {
    const onResize = () =>
      setOrientation(effectiveOrientation(setting, window.innerWidth, window.innerHeight));
    onResize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [setting]);
  return orientation;
}

/**
 * Whether the screen is dimmed now and the burn-in offset, re-evaluated exactly when either can
 * change (the next whole minute, the next shift).
 */
export function useTimeline(
  dim: DimSchedule | null,
  timeZone: string,
  shift: boolean,
): { dimmed: boolean; offset: { x: number; y: number } } {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!dim && !shift) return;
    const at = Date.now();
    const wait = Math.min(dim ? msToNextMinute(at) : Infinity, shift ? msToNextShift(at, BURN_IN) : Infinity);
    const timer = setTimeout(() => setNow(Date.now()), wait + 5);
    return () => clearTimeout(timer);
  }, [now, dim, shift]);
  return {
    dimmed: isDimmed(dim, now, timeZone),
    offset: shift ? burnInOffset(now) : { x: 0, y: 0 },
  };
}

interface BlockedSource {
  subscribe(listener: () => void): () => void;
  getState(): { blocked: boolean };
}

const NEVER: BlockedSource = { subscribe: () => () => {}, getState: () => ({ blocked: false }) };

/** Whether the browser blocks the voice until someone touches the screen. */
export function useSoundBlocked(announcer: BlockedSource | null): boolean {
  const source = announcer ?? NEVER;
  return useSyncExternalStore(
    (listener) => source.subscribe(() => listener()),
    () => source.getState().blocked,
  );
}
