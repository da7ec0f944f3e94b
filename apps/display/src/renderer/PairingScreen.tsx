// Pairing: a technician types the one-time code (made with kind "display" and the screen's zone)
// on a keyboard plugged in once, or puts it in the start URL as `?pair=CODE`.
import { type FormEvent, useState } from 'react';
import { useDisplayI18n } from './common.tsx';

export function PairingScreen({
  busy,
  error,
  onSubmit,
}: {
  busy: boolean;
  error: string | null;
  onSubmit: (code: string) => void;
}) {
  const { t, d } = useDisplayI18n();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() && !busy) onSubmit(code.trim());
  };
  return (
    <section className="d-pairing" data-testid="pairing">
      <h1 className="d-pairing__title">{t('pairing.title')}</h1>
      <p className="d-pairing__hint">{d('pairingHint')}</p>
      <form className="d-pairing__form" onSubmit={submit}>
        <label className="d-pairing__label" htmlFor="d-pair-code">
          {t('pairing.enterCode')}
        </label>
        <input
          id="d-pair-code"
          className="d-pairing__input"
          data-testid="pair-code"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
          onChange={(e) => setCode(e.target.value)}
        />
        <button
          type="submit"
          className="d-pairing__submit"
          data-testid="pair-submit"
          disabled={busy || !code.trim()}
        >
          {busy ? d('pairingBusy') : t('pairing.submit')}
        </button>
        {error && (
          <p className="d-pairing__error" role="alert" data-testid="pair-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
