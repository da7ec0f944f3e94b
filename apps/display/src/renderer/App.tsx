// The display page: pairing until the screen has a display token, then its zone (GET /me), then
// the live screen: the queue store and the calls controller fed by the socket, the voice, and
// the clock-driven dimming and burn-in shift.
import {
  CENTRE_TIME_ZONE,
  ConnectionBanner,
  createQueueStore,
  type HubClient,
  HubError,
  type Platform,
  selectWaitingByService,
  useConnection,
  useQueue,
} from '@luot/ui';
import {
  type CSSProperties,
  type ReactNode,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { EnglishContext, useDisplayI18n } from './common.tsx';
import { DisplayController } from './controller.ts';
import { countersInScope, counterView, type DisplayScope, fieldsWaiting, latestAndRecent } from './derive.ts';
import {
  readNotice,
  useCentre,
  useMediaFiles,
  useOrientation,
  useSoundBlocked,
  useTimeline,
} from './hooks.ts';
import { PairingScreen } from './PairingScreen.tsx';
import { CounterTopScreen, HallScreen, SoundButton } from './screens.tsx';
import type { DisplaySettings } from './settings.ts';
import { createAnnouncer } from './sound.ts';
import type { Announcer } from './voice/index.ts';

declare global {
  interface Window {
    /** Test and diagnostic hook (docs/display.md): the voice's queue and history. */
    __luotDisplay?: { announcer: Announcer | null; controller: DisplayController };
  }
}

export interface DisplayAppProps {
  client: HubClient;
  platform: Platform;
  settings: DisplaySettings;
}

type Auth = 'loading' | 'unpaired' | 'paired';

export function DisplayApp(props: DisplayAppProps) {
  const { client, platform, settings } = props;
  const { t, d } = useDisplayI18n();
  const [auth, setAuth] = useState<Auth>('loading');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Pairs with a code; 'network' when the hub could not be reached (worth trying again). */
  const pair = async (code: string): Promise<'paired' | 'refused' | 'network'> => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.pair(code);
      if (result.device.kind !== 'display') {
        client.setToken(null);
        setError(d('pairingWrongKind'));
        return 'refused';
      }
      await platform.setDeviceToken(result.token);
      setAuth('paired');
      return 'paired';
    } catch (err) {
      if (err instanceof HubError && err.status === 429) setError(t('pairing.tooManyAttempts'));
      else if (err instanceof HubError && !err.isNetwork) setError(t('pairing.invalidCode'));
      else {
        setError(d('pairingNetwork'));
        return 'network';
      }
      return 'refused';
    } finally {
      setBusy(false);
    }
  };
  const pairRef = useRef(pair);
  pairRef.current = pair;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // `?pair=CODE`: paired without a keyboard; tried again while the hub cannot be reached.
    const autoPair = (code: string) =>
      void pairRef.current(code).then((outcome) => {
        if (live && outcome === 'network') timer = setTimeout(() => autoPair(code), 5000);
      });
    platform.getDeviceToken().then(
      (token) => {
        if (!live) return;
        if (token) {
          client.setToken(token);
          setAuth('paired');
          return;
        }
        setAuth('unpaired');
        if (settings.pairCode) autoPair(settings.pairCode);
      },
      () => live && setAuth('unpaired'),
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, platform, settings.pairCode]);

  const unpair = () => {
    client.setToken(null);
    void platform.clearDeviceToken();
    setError(t('pairing.invalidCode'));
    setAuth('unpaired');
  };

  if (auth === 'loading') return <Loading />;
  if (auth === 'unpaired') return <PairingScreen busy={busy} error={error} onSubmit={(c) => void pair(c)} />;
  return <ZonedDisplay {...props} onUnpaired={unpair} />;
}

function Loading() {
  const { t } = useDisplayI18n();
  return (
    <div className="d-loading" data-testid="loading">
      {t('common.loading')}
    </div>
  );
}

/** Asks the hub which zone this display shows (again when it can be reached, if it cannot). */
function ZonedDisplay(props: DisplayAppProps & { onUnpaired: () => void }) {
  const { client } = props;
  const [zone, setZone] = useState<{ zone: string | null } | null>(null);
  const unpaired = useRef(props.onUnpaired);
  unpaired.current = props.onUnpaired;
  useEffect(() => {
    let live = true;
    let waiting = () => {};
    const load = () =>
      client.me().then(
        (me) => live && setZone({ zone: me.device?.zone ?? null }),
        (error: unknown) => {
          if (!live) return;
          if (error instanceof HubError && error.status === 401) unpaired.current();
          // The hub is unreachable: ask again as soon as the socket connects.
          else waiting = client.onceOnline(() => void load());
        },
      );
    void load();
    return () => {
      live = false;
      waiting();
    };
  }, [client]);
  if (!zone) return <Loading />;
  return <LiveDisplay {...props} zone={zone.zone} />;
}

function LiveDisplay({
  client,
  platform,
  settings,
  zone,
  onUnpaired,
}: DisplayAppProps & { zone: string | null; onUnpaired: () => void }) {
  const scope: DisplayScope = useMemo(
    () =>
      settings.layout === 'counter'
        ? { kind: 'counter', number: settings.counter ?? -1 }
        : { kind: 'zone', zone },
    [settings.layout, settings.counter, zone],
  );
  const [store] = useState(() => createQueueStore(client));
  const [announcer] = useState(() => createAnnouncer(settings));
  const [controller] = useState(
    () => new DisplayController({ client, counters: () => store.getState().counters, scope, announcer }),
  );
  const unpaired = useRef(onUnpaired);
  unpaired.current = onUnpaired;

  useEffect(() => {
    window.__luotDisplay = { announcer, controller };
    client.connect();
    const offAuth = client.on('authError', () => unpaired.current());
    return () => {
      offAuth();
      controller.dispose();
      announcer?.dispose();
      store.dispose();
      client.close();
      delete window.__luotDisplay;
    };
  }, [client, controller, store, announcer]);

  const connection = useConnection(client);
  const centre = useCentre(client, connection);
  const timeZone = centre?.timeZone ?? CENTRE_TIME_ZONE;
  const media = useMediaFiles(client, settings.media, connection);
  const orientation = useOrientation(settings.orientation);
  const { dimmed, offset } = useTimeline(settings.dim, timeZone, settings.shift);
  const blocked = useSoundBlocked(announcer);

  const counters = useQueue(store, (s) => s.counters);
  const services = useQueue(store, (s) => s.services);
  const waiting = useQueue(store, selectWaitingByService);
  const synced = useQueue(store, (s) => s.synced);
  const { calls } = useSyncExternalStore(controller.subscribe, controller.getState);

  const shown = useMemo(() => countersInScope(counters, scope), [counters, scope]);
  const views = useMemo(() => shown.map(counterView), [shown]);
  const fields = useMemo(
    () => fieldsWaiting(services, shown, waiting, scope),
    [services, shown, waiting, scope],
  );
  const { latest, recent } = latestAndRecent(calls, settings.recent);

  let screen: ReactNode;
  if (settings.layout === 'counter') {
    screen = (
      <CounterTopScreen
        counterNumber={settings.counter}
        counter={views[0]}
        synced={synced}
        callKey={latest?.key ?? null}
      />
    );
  } else {
    screen = (
      <HallScreen
        centreName={centre?.name ?? ''}
        timeZone={timeZone}
        notice={readNotice(centre)}
        latest={latest}
        recent={recent}
        recentSlots={settings.recent}
        counters={views}
        fields={fields}
        media={media}
        mediaBase={settings.hubUrl}
        mediaImageMs={settings.mediaImageMs}
      />
    );
  }

  const stage = { transform: `translate(${offset.x}px, ${offset.y}px)` } as CSSProperties;
  return (
    <EnglishContext.Provider value={settings.english}>
      <div
        className={`d-root d-root--${orientation} d-root--${settings.layout}${platform.kind === 'electron' ? ' d-root--electron' : ''}`}
        data-testid="display"
        data-orientation={orientation}
        data-zone={zone ?? ''}
        data-offset={`${offset.x},${offset.y}`}
      >
        <div className="d-stage" style={stage}>
          {screen}
        </div>
        <div className="d-connection" data-testid="connection" data-state={connection}>
          <ConnectionBanner state={connection} />
        </div>
        {blocked && announcer && <SoundButton onUnlock={() => announcer.unlock()} />}
        {dimmed && (
          <div
            className="d-dim"
            data-testid="dim-overlay"
            style={{ opacity: settings.dimLevel }}
            aria-hidden="true"
          />
        )}
      </div>
    </EnglishContext.Provider>
  );
}
