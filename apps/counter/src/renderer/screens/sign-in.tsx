// Sign-in and the choice of a counter (the one this device used last comes first).
import type { PublicCounter, Service } from '@luot/shared';
import { LoginForm } from '@luot/ui';
import { useCounterI18n } from '../common.tsx';
import { Frame, SignOutButton } from './frame.tsx';

export function LoginScreen({
  busy,
  error,
  onSubmit,
}: {
  busy: boolean;
  error: string | null;
  onSubmit: (username: string, password: string) => void;
}) {
  const { c } = useCounterI18n();
  return (
    <Frame testId="login" title={<h1 className="c-title">Lượt · {c('appTitle')}</h1>}>
      <LoginForm
        busy={busy}
        error={error}
        onSubmit={onSubmit}
        texts={{
          username: c('username'),
          password: c('password'),
          signIn: c('signIn'),
          signingIn: c('signingIn'),
        }}
        classes={{
          form: 'c-card c-login',
          field: 'c-field',
          submit: 'c-btn c-btn--primary c-btn--wide',
          error: 'c-error',
        }}
        head={<h2 className="c-card__title">{c('loginTitle')}</h2>}
      />
    </Frame>
  );
}

// ---- counter choice -----------------------------------------------------------------

export function CounterChoiceScreen({
  counters,
  services,
  officerName,
  remembered,
  busy,
  error,
  onChoose,
  onSignOut,
}: {
  counters: PublicCounter[];
  services: Service[];
  officerName: string;
  /** The counter this device used last (listed first, marked). */
  remembered: string | null;
  busy: boolean;
  error: string | null;
  onChoose: (counter: PublicCounter) => void;
  onSignOut: () => void;
}) {
  const { c, language } = useCounterI18n();
  const sorted = [...counters].sort(
    (a, b) => Number(b.id === remembered) - Number(a.id === remembered) || a.number - b.number,
  );
  const fieldNames = (counter: PublicCounter) =>
    counter.serviceIds
      .map((id) => services.find((s) => s.id === id))
      .filter((s): s is Service => Boolean(s))
      .map((s) => (language === 'vi' ? s.name : s.nameEn || s.name))
      .join(', ');
  return (
    <Frame
      testId="counter-choice"
      title={<h1 className="c-title">{c('chooseCounter')}</h1>}
      end={
        <>
          <span className="c-officer">{officerName}</span>
          <SignOutButton busy={busy} onSignOut={onSignOut} />
        </>
      }
    >
      {error && (
        <p className="c-error" role="alert" data-testid="counter-error">
          {error}
        </p>
      )}
      {sorted.length === 0 ? (
        <p className="c-empty">{c('noCounters')}</p>
      ) : (
        <ul className="c-counter-grid">
          {sorted.map((counter, index) => (
            <li key={counter.id}>
              <button
                type="button"
                className={`c-counter-choice${counter.id === remembered ? ' c-counter-choice--last' : ''}`}
                data-testid={`counter-${counter.id}`}
                disabled={busy}
                // biome-ignore lint/a11y/noAutofocus: Enter picks the remembered (first) counter
                autoFocus={index === 0}
                onClick={() => onChoose(counter)}
              >
                <span className="c-counter-choice__name">
                  {counter.name || c('counterLabel', { number: counter.number })}
                </span>
                <span className="c-counter-choice__fields">{fieldNames(counter)}</span>
                <span className="c-counter-choice__state">
                  {counter.id === remembered ? `${c('lastCounter')} · ` : ''}
                  {counter.officer
                    ? c('counterBusy', { name: counter.officer.displayName })
                    : c('counterFree')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}
