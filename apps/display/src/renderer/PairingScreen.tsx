// Pairing: a technician types the one-time code (made with kind "display" and the screen's zone)
// on a keyboard plugged in once, or puts it in the start URL as `?pair=CODE`.
import { PairingForm } from '@luot/ui';
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
  return (
    <section className="d-pairing" data-testid="pairing">
      <h1 className="d-pairing__title">{t('pairing.title')}</h1>
      <p className="d-pairing__hint">{d('pairingHint')}</p>
      <PairingForm
        busy={busy}
        error={error}
        onSubmit={onSubmit}
        busyLabel={d('pairingBusy')}
        inputId="d-pair-code"
        classes={{
          form: 'd-pairing__form',
          label: 'd-pairing__label',
          input: 'd-pairing__input',
          submit: 'd-pairing__submit',
          error: 'd-pairing__error',
        }}
      />
    </section>
  );
}
