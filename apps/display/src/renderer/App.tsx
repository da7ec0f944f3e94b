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
  useDevicePairing,
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

export function DisplayApp(props: DisplayAppProps) {
  const { client, platform, settings } = props;
  const { d } = useDisplayI18n();
  const pairing = useDevicePairing({
    client,
    platform,
    kind: 'display',
    // `?pair=CODE`: paired without a keyboard; tried again while the hub cannot be reached.
    autoPairCode: settings.pairCode,
    texts: { network: d('pairingNetwork'), wrongKind: d('pairingWrongKind') },
  });

  if (pairing.auth === 'loading') return <Loading />;
  if (pairing.auth === 'unpaired')
    return <PairingScreen busy={pairing.busy} error={pairing.error} onSubmit={(c) => void pairing.pair(c)} />;
  return <ZonedDisplay {...props} onUnpaired={pairing.unpair} />;
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
  const catalogue = useQueue(store, (s) => s.services);
  const waiting = useQueue(store, selectWaitingByService);
  const synced = useQueue(store, (s) => s.synced);
  const { calls } = useSyncExternalStore(controller.subscribe, controller.getState);

  const shown = useMemo(() => countersInScope(counters, scope), [counters, scope]);
  const views = useMemo(() => shown.map(counterView), [shown]);
  const fields = useMemo(
    () => fieldsWaiting(catalogue, shown, waiting, scope),
    [catalogue, shown, waiting, scope],
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
