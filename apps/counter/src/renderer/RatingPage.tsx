// The satisfaction tablet: pairing (@luot/ui's useDevicePairing) until it has a counter device
// token, then it follows the queue and, when a ticket of its counter is finished, shows the
// officer and four faces for 30 s.
import {
  createQueueStore,
  type HubClient,
  HubError,
  type Platform,
  useConnection,
  useDevicePairing,
  useQueue,
} from '@luot/ui';
import { Angry, Laugh, type LucideIcon, Meh, Smile } from 'lucide-react';
import { type FormEvent, useEffect, useReducer, useRef, useState } from 'react';
import { ConnectionBar, LanguageButtons, useCounterI18n } from './common.tsx';
import {
  finishedForRating,
  initialRating,
  type RatingState,
  reduceRating,
  SCORES,
  type Score,
} from './rating.ts';
import type { CounterStrings } from './strings.ts';

export const RATING_TOKEN_KEY = 'luot.ratingDeviceToken';

const FACES: Record<Score, { icon: LucideIcon; label: keyof CounterStrings }> = {
  1: { icon: Angry, label: 'rate1' },
  2: { icon: Meh, label: 'rate2' },
  3: { icon: Smile, label: 'rate3' },
  4: { icon: Laugh, label: 'rate4' },
};

export function RatingApp({
  client,
  platform,
  counterId,
}: {
  client: HubClient;
  platform: Platform;
  counterId: string | null;
}) {
  const { c, t } = useCounterI18n();
  const pairing = useDevicePairing({
    client,
    platform,
    kind: 'counter',
    texts: { network: c('network'), wrongKind: c('pairingWrongKind') },
  });

  if (!counterId)
    return (
      <section className="c-screen c-rating" data-testid="rating-error">
        <p className="c-error">{c('ratingNoCounter')}</p>
      </section>
    );
  if (pairing.auth === 'loading') return <div className="c-loading">{t('common.loading')}</div>;
  if (pairing.auth === 'unpaired')
    return (
      <RatingPairingScreen
        busy={pairing.busy}
        error={pairing.error}
        onSubmit={(code) => void pairing.pair(code)}
      />
    );
  return <PairedRating client={client} counterId={counterId} onUnpaired={pairing.unpair} />;
}

function PairedRating({
  client,
  counterId,
  onUnpaired,
}: {
  client: HubClient;
  counterId: string;
  onUnpaired: () => void;
}) {
  const { i18n } = useCounterI18n();
  const [store] = useState(() => createQueueStore(client, { loadServices: false }));
  const [state, dispatch] = useReducer(reduceRating, initialRating);
  const officerName = useQueue(store, (s) => s.counters[counterId]?.officer?.displayName ?? null);
  const officerRef = useRef(officerName);
  officerRef.current = officerName;
  const unpairedRef = useRef(onUnpaired);
  unpairedRef.current = onUnpaired;
  const connection = useConnection(client);

  useEffect(() => {
    client.connect();
    const offAuth = client.on('authError', () => unpairedRef.current());
    const offChange = client.on('queueChanged', (event) => {
      const ticket = finishedForRating(event, counterId);
      if (!ticket) return;
      const counter = event.counters.find((x) => x.id === counterId);
      const officer = counter?.officer?.displayName ?? officerRef.current;
      void i18n.changeLanguage('vi');
      dispatch({ type: 'finished', ticket, officer, now: Date.now() });
    });
    const timer = setInterval(() => dispatch({ type: 'tick', now: Date.now() }), 500);
    return () => {
      offAuth();
      offChange();
      clearInterval(timer);
      store.dispose();
      client.close();
    };
  }, [client, store, counterId, i18n]);

  const rate = async (score: Score) => {
    if (!state.ticketId || state.screen !== 'rate') return;
    dispatch({ type: 'send' });
    try {
      await client.call('tickets:rating', { params: { id: state.ticketId }, body: { score } });
      dispatch({ type: 'sent', now: Date.now() });
    } catch (err) {
      if (err instanceof HubError && err.status === 401) unpairedRef.current();
      // Already rated (on the pad, or a double tap that reached the hub): thank them anyway.
      if (err instanceof HubError && err.code === 'conflict') dispatch({ type: 'sent', now: Date.now() });
      else dispatch({ type: 'failed' });
    }
  };

  return (
    <>
      <ConnectionBar state={connection} />
      <RatingView state={state} officerFallback={officerName} onRate={(s) => void rate(s)} />
    </>
  );
}

/** The tablet's screens from its state (rendered to strings in tests). */
export function RatingView({
  state,
  officerFallback,
  onRate,
}: {
  state: RatingState;
  officerFallback?: string | null;
  onRate: (score: Score) => void;
}) {
  const { c } = useCounterI18n();
  const officer = state.officer ?? officerFallback ?? '';
  if (state.screen === 'idle')
    return (
      <section className="c-screen c-rating c-rating--idle" data-testid="rating-idle">
        <header className="c-rating__head">
          <LanguageButtons />
        </header>
        <p className="c-rating__title">{c('ratingIdle')}</p>
        <p className="c-rating__hint">{c('ratingIdleHint')}</p>
        {officer && (
          <p className="c-rating__officer" data-testid="rating-officer">
            {c('ratingOfficer', { name: officer })}
          </p>
        )}
      </section>
    );
  if (state.screen === 'thanks')
    return (
      <section className="c-screen c-rating" data-testid="rating">
        <p className="c-rating__thanks" data-testid="rating-thanks" role="status">
          {c('ratingThanks')}
        </p>
      </section>
    );
  return (
    <section className="c-screen c-rating" data-testid="rating">
      <header className="c-rating__head">
        <LanguageButtons />
      </header>
      <p className="c-rating__title">{c('ratingTitle')}</p>
      <p className="c-rating__officer" data-testid="rating-officer">
        {c('ratingOfficer', { name: officer })}
        {state.displayNumber ? ` · ${state.displayNumber}` : ''}
      </p>
      <div className="c-faces">
        {SCORES.map((score) => {
          const { icon: Icon, label } = FACES[score];
          return (
            <button
              key={score}
              type="button"
              className={`c-face c-face--${score}`}
              data-testid={`rate-${score}`}
              disabled={state.screen === 'sending'}
              onClick={() => onRate(score)}
            >
              <Icon size={140} strokeWidth={1.75} aria-hidden="true" />
              <span className="c-face__label">{c(label)}</span>
            </button>
          );
        })}
      </div>
      {state.failed && (
        <p className="c-error" role="alert">
          {c('ratingFailed')}
        </p>
      )}
    </section>
  );
}

export function RatingPairingScreen({
  busy,
  error,
  onSubmit,
}: {
  busy: boolean;
  error: string | null;
  onSubmit: (code: string) => void;
}) {
  const { c, t } = useCounterI18n();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() && !busy) onSubmit(code.trim());
  };
  return (
    <section className="c-screen c-rating" data-testid="pairing">
      <header className="c-rating__head">
        <h1 className="c-title">{t('pairing.title')}</h1>
        <LanguageButtons />
      </header>
      <form className="c-card c-login" onSubmit={submit}>
        <p>{c('pairingHint')}</p>
        <label className="c-field">
          <span>{t('pairing.enterCode')}</span>
          <input
            data-testid="pair-code"
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={32}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="c-btn c-btn--primary c-btn--wide"
          data-testid="pair-submit"
          disabled={busy || !code.trim()}
        >
          {busy ? c('pairingBusy') : t('pairing.submit')}
        </button>
        {error && (
          <p className="c-error" role="alert" data-testid="pair-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
