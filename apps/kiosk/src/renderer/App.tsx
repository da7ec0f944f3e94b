// The kiosk page: pairing (@luot/ui's useDevicePairing) until the device has a token, then the flow (controller.ts) on the
// live queue (socket with the device token).
import type { Centre } from '@luot/shared';
import {
  createQueueStore,
  type HubClient,
  type Platform,
  selectOpenCountersByService,
  selectWaitingByService,
  useConnection,
  useDevicePairing,
  useQueue,
} from '@luot/ui';
import { type ReactNode, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { watchCentre } from './centre.ts';
import { ConnectionBar, useKioskI18n } from './common.tsx';
import { KioskController } from './controller.ts';
import { msToNextMinute, openNow } from './hours.ts';
import { buildPrintLayout, counterNumbersFor } from './layout.ts';
import {
  FieldsScreen,
  IdleScreen,
  IssuedScreen,
  PairingScreen,
  PriorityScreen,
  ProceduresScreen,
} from './screens.tsx';
import { type KioskSettings, statusUrl } from './settings.ts';

export interface KioskAppProps {
  client: HubClient;
  platform: Platform;
  settings: KioskSettings;
  /** The hub's origin as the citizen's phone should open it (QR codes). */
  origin: string;
}

export function KioskApp(props: KioskAppProps) {
  const { client, platform } = props;
  const { t, k } = useKioskI18n();
  const pairing = useDevicePairing({
    client,
    platform,
    kind: 'kiosk',
    texts: { network: k('pairingNetwork'), wrongKind: k('pairingWrongKind') },
  });

  if (pairing.auth === 'loading') return <div className="k-loading">{t('common.loading')}</div>;
  if (pairing.auth === 'unpaired')
    return <PairingScreen busy={pairing.busy} error={pairing.error} onSubmit={(c) => void pairing.pair(c)} />;
  return <PairedKiosk {...props} onUnpaired={pairing.unpair} />;
}

function PairedKiosk({
  client,
  platform,
  settings,
  origin,
  onUnpaired,
}: KioskAppProps & { onUnpaired: () => void }) {
  const { i18n } = useKioskI18n();
  const centre = useCentre(client);
  const centreName = centre?.name ?? '';
  const open = useOpenNow(centre);
  const centreRef = useRef(centreName);
  centreRef.current = centreName;
  const unpairedRef = useRef(onUnpaired);
  unpairedRef.current = onUnpaired;

  const [store] = useState(() => createQueueStore(client));
  const [controller] = useState(
    () =>
      new KioskController({
        client,
        platform,
        settings,
        counterNumbersFor: (ticket) => counterNumbersFor(ticket, store.getState().counters),
        layoutFor: (issued) =>
          buildPrintLayout({
            ...issued,
            field: store.getState().services.find((f) => f.id === issued.ticket.serviceId),
            centreName: centreRef.current,
            statusUrl: statusUrl(origin, issued.ticket.id),
          }),
        onIdle: () => void i18n.changeLanguage('vi'),
        onUnauthorized: () => unpairedRef.current(),
      }),
  );

  useEffect(() => {
    client.connect();
    const offAuth = client.on('authError', () => unpairedRef.current());
    // Any touch, key or typing anywhere restarts the inactivity timer.
    const onActivity = () => controller.activity();
    const events = ['pointerdown', 'keydown', 'input'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { capture: true, passive: true });
    return () => {
      offAuth();
      for (const e of events) window.removeEventListener(e, onActivity, { capture: true });
      controller.dispose();
      store.dispose();
      client.close();
    };
  }, [client, controller, store]);

  const flow = useSyncExternalStore(controller.subscribe, controller.getState);
  const fields = useQueue(store, (s) => s.services);
  const waiting = useQueue(store, selectWaitingByService);
  const openCounters = useQueue(store, selectOpenCountersByService);
  const connection = useConnection(client);

  let screen: ReactNode;
  switch (flow.screen) {
    case 'idle':
      screen = (
        <IdleScreen
          centreName={centreName}
          openingHours={centre?.openingHours}
          onStart={() => controller.start()}
        />
      );
      break;
    case 'fields':
      screen = (
        <FieldsScreen
          fields={fields}
          waiting={waiting}
          openCounters={openCounters}
          priority={flow.priority}
          closedFields={settings.closedFields}
          outOfHours={!open}
          busy={flow.attempt !== null}
          failed={flow.failed !== null}
          onChoose={(field) => controller.chooseField(field)}
          onPriority={() => controller.openPriority()}
          onBack={() => controller.back()}
          onRetry={() => controller.retry()}
        />
      );
      break;
    case 'priority':
      screen = (
        <PriorityScreen onChoose={(p) => controller.choosePriority(p)} onBack={() => controller.back()} />
      );
      break;
    case 'procedures': {
      const field = fields.find((f) => f.id === flow.fieldId);
      screen = field ? (
        <ProceduresScreen
          field={field}
          query={flow.query}
          busy={flow.attempt !== null}
          failed={flow.failed !== null}
          onSearch={(q) => controller.search(q)}
          onChoose={(id) => controller.chooseProcedure(id)}
          onBack={() => controller.back()}
          onRetry={() => controller.retry()}
        />
      ) : null;
      break;
    }
    case 'issued':
      screen = flow.issued ? (
        <IssuedScreen
          key={flow.issued.ticket.id}
          issued={flow.issued}
          field={fields.find((f) => f.id === flow.issued?.ticket.serviceId)}
          statusUrl={statusUrl(origin, flow.issued.ticket.id)}
          onDone={() => controller.done()}
        />
      ) : null;
      break;
  }

  return (
    <>
      <ConnectionBar state={connection} />
      {screen}
    </>
  );
}

/** The centre (name, hours), kept current by watchCentre (centre.ts). */
function useCentre(client: HubClient): Centre | null {
  const [centre, setCentre] = useState<Centre | null>(null);
  useEffect(() => watchCentre(client, setCentre), [client]);
  return centre;
}

/**
 * Whether the centre is within its opening hours, by the kiosk's clock, checked on every whole
 * minute (so the fields flip at 11:30 exactly, without a request). Open until the centre loads.
 */
function useOpenNow(centre: Centre | null): boolean {
  const [open, setOpen] = useState(() => openNow(centre, Date.now()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      setOpen(openNow(centre, Date.now()));
      timer = setTimeout(check, msToNextMinute(Date.now()));
    };
    check();
    return () => clearTimeout(timer);
  }, [centre]);
  return open;
}
