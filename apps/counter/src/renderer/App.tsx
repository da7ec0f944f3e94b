// The officer's terminal: sign in (token kept per device), choose the counter (remembered), then
// the work screen on the live queue. Commands go over REST one at a time: while one is in flight
// every action button is disabled, and the screen waits for the store to catch up (socket delta
// or resync) before the next one, so nothing is sent twice.
import type { PublicCounter, PublicTicket, Service, User } from '@luot/shared';
import {
  createQueueStore,
  type HubClient,
  HubError,
  loginFailure,
  type QueueStore,
  useConnection,
  useQueue,
} from '@luot/ui';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type CounterAction, type CounterActionAnswers, SendCancelled, sendAction } from '../actions.ts';
import type { CounterPreloadApi } from '../preload/api.ts';
import { ConnectionBar, useCounterI18n } from './common.tsx';
import {
  type DevicesView,
  devicesApi,
  devicesText,
  endDevicesSession,
  startDevicesSession,
} from './devices.ts';
import { CounterChoiceScreen, LoginScreen } from './screens/sign-in.tsx';
import { type Dialog, WorkScreen } from './screens/work-screen.tsx';
import {
  type Action,
  actionForKey,
  actionLabel,
  activeNoShows,
  addNoShow,
  availableActions,
  counterTakenText,
  currentTicket,
  errorText,
  type MyToday,
  PAUSE_REASON_TEXT,
  type PauseReason,
  parseMyToday,
  parseNoShows,
  type RecentNoShow,
  waitingForCounter,
} from './work.ts';

export const SESSION_KEY = 'luot.counter.session';
export const COUNTER_KEY = 'luot.counter.counterId';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export interface CounterAppProps {
  client: HubClient;
  /** The Electron preload's device bridge; null in a browser. Defaults to `window.luotCounter`. */
  devices?: CounterPreloadApi | null;
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'login' }
  | { kind: 'choose'; user: User }
  | { kind: 'work'; user: User; counterId: string };

export function CounterApp({ client, devices = devicesApi() }: CounterAppProps) {
  const { c, t, language } = useCounterI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [counters, setCounters] = useState<PublicCounter[]>([]);
  const [services, setServices] = useState<Service[]>([]);
  const [store] = useState(() => createQueueStore(client));
  const connection = useConnection(client);

  const toLogin = useCallback(() => {
    endDevicesSession(devices);
    storage()?.removeItem(SESSION_KEY);
    client.setToken(null);
    client.close();
    setPhase({ kind: 'login' });
  }, [client, devices]);

  /** Who the token is: to the work screen when already signed in at a counter. */
  const resume = useCallback(async () => {
    const me = await client.me();
    if (!me.user) throw new HubError(401, 'unauthorized', 'not a user token');
    client.connect();
    if (me.counterId) {
      storage()?.setItem(COUNTER_KEY, me.counterId);
      setPhase({ kind: 'work', user: me.user, counterId: me.counterId });
    } else {
      const [list, fields] = await Promise.all([client.counters(), client.services()]);
      setCounters(list);
      setServices(fields);
      setPhase({ kind: 'choose', user: me.user });
    }
  }, [client]);

  useEffect(() => {
    const token = storage()?.getItem(SESSION_KEY);
    if (!token) {
      setPhase({ kind: 'login' });
      return;
    }
    client.setToken(token);
    resume().catch(() => toLogin());
  }, [client, resume, toLogin]);

  useEffect(() => {
    const off = client.on('authError', () => toLogin());
    return () => {
      off();
      store.dispose();
      client.close();
    };
  }, [client, store, toLogin]);

  const login = async (username: string, password: string) => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.login(username, password);
      storage()?.setItem(SESSION_KEY, result.token);
      await resume();
    } catch (err) {
      const failure = loginFailure(err);
      if (failure === 'too_many') setError(c('tooManyLogins'));
      else if (failure === 'bad_credentials') setError(c('badLogin'));
      else setError(errorText(err, language));
    } finally {
      setBusy(false);
    }
  };

  const chooseCounter = async (counter: PublicCounter, user: User) => {
    setBusy(true);
    setError(null);
    try {
      await client.call('counters:sign-in', { params: { id: counter.id } });
      storage()?.setItem(COUNTER_KEY, counter.id);
      setPhase({ kind: 'work', user, counterId: counter.id });
    } catch (err) {
      if (err instanceof HubError && err.code === 'conflict') {
        const fresh = await client.counters().catch(() => null);
        if (fresh) setCounters(fresh);
        const now = fresh?.find((x) => x.id === counter.id) ?? counter;
        setError(
          now.officer && now.officer.id !== user.id
            ? counterTakenText(now, language)
            : errorText(err, language),
        );
      } else setError(errorText(err, language));
    } finally {
      setBusy(false);
    }
  };

  const signOut = async (counterId: string | null) => {
    setBusy(true);
    setError(null);
    try {
      if (counterId) await client.call('counters:sign-out', { params: { id: counterId } });
      await client.logout().catch(() => {});
      toLogin();
    } catch (err) {
      if (err instanceof HubError && !err.isNetwork) {
        await client.logout().catch(() => {});
        toLogin();
      } else setError(errorText(err, language));
    } finally {
      setBusy(false);
    }
  };

  let screen: ReactNode;
  switch (phase.kind) {
    case 'loading':
      screen = <div className="c-loading">{t('common.loading')}</div>;
      break;
    case 'login':
      screen = <LoginScreen busy={busy} error={error} onSubmit={(u, p) => void login(u, p)} />;
      break;
    case 'choose':
      screen = (
        <CounterChoiceScreen
          counters={counters}
          services={services}
          officerName={phase.user.displayName}
          remembered={storage()?.getItem(COUNTER_KEY) ?? null}
          busy={busy}
          error={error}
          onChoose={(counter) => void chooseCounter(counter, phase.user)}
          onSignOut={() => void signOut(null)}
        />
      );
      break;
    case 'work':
      screen = (
        <Work
          client={client}
          devices={devices}
          store={store}
          user={phase.user}
          counterId={phase.counterId}
          signingOut={busy}
          signOutError={error}
          onSignOut={() => void signOut(phase.counterId)}
          onUnauthorized={toLogin}
        />
      );
      break;
  }
  return (
    <>
      {phase.kind === 'work' && <ConnectionBar state={connection} />}
      {screen}
    </>
  );
}

const NO_TICKETS: Record<string, PublicTicket> = {};

function Work({
  client,
  devices,
  store,
  user,
  counterId,
  signingOut,
  signOutError,
  onSignOut,
  onUnauthorized,
}: {
  client: HubClient;
  devices: CounterPreloadApi | null;
  store: QueueStore;
  user: User;
  counterId: string;
  signingOut: boolean;
  signOutError: string | null;
  onSignOut: () => void;
  onUnauthorized: () => void;
}) {
  const { c, language } = useCounterI18n();
  const counter = useQueue(store, (s) => s.counters[counterId] ?? null);
  const counterMap = useQueue(store, (s) => s.counters);
  const tickets = useQueue(store, (s) => (s.synced ? s.tickets : NO_TICKETS));
  const services = useQueue(store, (s) => s.services);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [noShows, setNoShows] = useState<RecentNoShow[]>([]);
  const [today, setToday] = useState<MyToday | null>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [devicesView, setDevicesView] = useState<DevicesView>(
    devices ? { kind: 'pending' } : { kind: 'browser' },
  );

  const current = useMemo(() => currentTicket(counter, tickets), [counter, tickets]);
  const waiting = useMemo(() => waitingForCounter(counter, tickets), [counter, tickets]);
  const counters = useMemo(() => Object.values(counterMap), [counterMap]);

  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // Recent no-shows come from the hub, so a reload or another terminal still offers them.
  const loadNoShows = useCallback(() => {
    client
      .call('counters:no-shows', { params: { id: counterId } })
      .then((raw) => setNoShows(parseNoShows(raw)))
      .catch(() => {});
  }, [client, counterId]);
  useEffect(() => {
    loadNoShows();
    return client.on('connection', (state) => {
      if (state === 'online') loadNoShows();
    });
  }, [client, loadNoShows]);

  const loadToday = useCallback(() => {
    client
      .call('me:today')
      .then((raw) => setToday(parseMyToday(raw)))
      .catch(() => setToday(null));
  }, [client]);
  useEffect(() => {
    loadToday();
    const timer = setInterval(loadToday, 60_000);
    return () => clearInterval(timer);
  }, [loadToday]);

  /**
   * Runs one command: nothing else until it answers and the store has seen its change (the
   * socket delta, or a resync after 1.5 s), so a fast second key press never acts on stale state.
   */
  const [sending, setSending] = useState<string | null>(null);
  const sendAbort = useRef<AbortController | null>(null);
  const run = useCallback(
    async <A extends CounterAction>(
      action: A,
      after?: (data: CounterActionAnswers[A['kind']]) => void,
    ): Promise<boolean> => {
      if (busyRef.current) return false;
      busyRef.current = true;
      setBusy(true);
      setError(null);
      const seqBefore = store.getState().seq;
      const label = actionLabel(action.kind, c);
      const abort = new AbortController();
      sendAbort.current = abort;
      try {
        // One Idempotency-Key for this press: sent again after a hub restart, done once.
        const data = await sendAction(client, action, {
          signal: abort.signal,
          onWaiting: (waiting) => setSending(waiting ? label : null),
        });
        after?.(data);
        await caughtUp(store, client, seqBefore);
        return true;
      } catch (err) {
        if (err instanceof SendCancelled) return false;
        if (err instanceof HubError && err.status === 401) onUnauthorized();
        setError(
          err instanceof HubError && err.isNetwork
            ? c('sendGaveUp', { action: label })
            : errorText(err, language),
        );
        if (err instanceof HubError && err.isNetwork) void client.resync();
        return false;
      } finally {
        sendAbort.current = null;
        busyRef.current = false;
        setBusy(false);
      }
    },
    [client, store, language, onUnauthorized, c],
  );
  useEffect(() => () => sendAbort.current?.abort(), []);

  /** A button or a shortcut (the keypad is the main process's). Keys for an action not possible now do nothing (a call while paused says why). */
  const act = (action: Action | null, fromKey = false) => {
    if (!action || busyRef.current) return;
    if (fromKey && !availableActions(counter, current, false)[action]) {
      if (action === 'callNext' && counter?.state === 'paused') setError(c('pausedNoReason'));
      return;
    }
    switch (action) {
      case 'callNext':
        void run({ kind: 'callNext', counterId }, (data) => {
          if (!data.ticket) setTimeout(() => setError(c('nobodyWaiting')), 0);
        });
        return;
      case 'recall':
        if (current) void run({ kind: 'recall', ticketId: current.id });
        return;
      case 'start':
        if (current) void run({ kind: 'start', ticketId: current.id });
        return;
      case 'noShow':
        if (current)
          void run({ kind: 'noShow', ticketId: current.id }, (data) => {
            setNoShows((list) => addNoShow(list, data.ticket, Date.now()));
            loadToday();
          });
        return;
      case 'finish':
        if (current) setDialog('finish');
        return;
      case 'transfer':
        if (current) setDialog('transfer');
        return;
      case 'pause':
        setDialog('pause');
        return;
      case 'resume':
        void run({ kind: 'resume', counterId });
        return;
    }
  };
  const actRef = useRef(act);
  actRef.current = act;

  const paused = counter?.state === 'paused';
  const dialogOpen = dialog !== null;

  // F1..F7 anywhere (F5 would reload the page: always kept from the browser).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!/^F[1-7]$/.test(e.key)) return;
      e.preventDefault();
      if (dialogOpen || e.repeat) return;
      actRef.current(actionForKey(e.key, paused), true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paused, dialogOpen]);

  // Electron: the main process drives the keypad, the LED sign and the rating pad for this
  // officer at this counter; it asks for the finish / transfer dialogs a key needs.
  useEffect(() => {
    const token = client.token;
    if (!devices || !token) return;
    return startDevicesSession(
      devices,
      { token, counterId },
      {
        onView: setDevicesView,
        onNeedsFinish: () => setDialog('finish'),
        onNeedsTransfer: () => setDialog('transfer'),
      },
    );
  }, [devices, client, counterId]);

  if (!counter)
    return (
      <div className="c-loading" data-testid="work-loading">
        {c('appTitle')} · {language === 'vi' ? 'Đang tải…' : 'Loading…'}
      </div>
    );

  return (
    <WorkScreen
      counter={counter}
      officerName={user.displayName}
      current={current}
      services={services}
      counters={counters}
      waiting={waiting}
      noShows={activeNoShows(noShows, nowMs)}
      today={today}
      nowMs={nowMs}
      busy={busy || signingOut}
      error={error ?? signOutError}
      sending={sending}
      onCancelSend={() => sendAbort.current?.abort()}
      devices={devicesText(devicesView, c)}
      dialog={dialog}
      onAction={act}
      onCall={(ticketId) => void run({ kind: 'call', counterId, ticketId })}
      onReinstate={(ticketId) =>
        void run({ kind: 'reinstate', ticketId }, () =>
          setNoShows((list) => list.filter((n) => n.ticket.id !== ticketId)),
        )
      }
      onFinish={(body) => {
        const id = current?.id;
        if (!id) return;
        void run({ kind: 'finish', ticketId: id, body }, () => {
          setDialog(null);
          loadToday();
        });
      }}
      onTransfer={(body) => {
        if (current) void run({ kind: 'transfer', ticketId: current.id, body }, () => setDialog(null));
      }}
      onPause={(reason: PauseReason) =>
        void run({ kind: 'pause', counterId, reason: PAUSE_REASON_TEXT[reason] }, () => setDialog(null))
      }
      onCloseDialog={() => setDialog(null)}
      onSignOut={onSignOut}
    />
  );
}

/** Resolves once the store moved past `seqBefore` (the command's delta), or after a resync. */
function caughtUp(store: QueueStore, client: HubClient, seqBefore: number | null): Promise<void> {
  const moved = () => {
    const seq = store.getState().seq;
    return seq !== null && seqBefore !== null && seq > seqBefore;
  };
  if (moved()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = store.subscribe(() => {
      if (moved()) done();
    });
    const timer = setTimeout(() => {
      void client.resync().finally(done);
    }, 1500);
    function done() {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}
