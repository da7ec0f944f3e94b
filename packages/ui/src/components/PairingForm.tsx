import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface PairingFormProps {
  busy: boolean;
  error: string | null;
  onSubmit: (code: string) => void;
  /** The button's text while pairing (each app words it for its device). */
  busyLabel: string;
  /** The input's id (unique in the page). */
  inputId: string;
  /** Class names of the app's own styles. */
  classes: { form: string; label: string; input: string; submit: string; error: string };
}

/**
 * The one-time pairing code form of a device page (kiosk, wall display): a technician types the
 * code made in the dashboard and presses the button; the code is sent trimmed, never twice while
 * busy. Test ids: pair-code, pair-submit, pair-error.
 */
export function PairingForm({ busy, error, onSubmit, busyLabel, inputId, classes }: PairingFormProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() && !busy) onSubmit(code.trim());
  };
  return (
    <form className={classes.form} onSubmit={submit}>
      <label className={classes.label} htmlFor={inputId}>
        {t('pairing.enterCode')}
      </label>
      <input
        id={inputId}
        className={classes.input}
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
        className={classes.submit}
        data-testid="pair-submit"
        disabled={busy || !code.trim()}
      >
        {busy ? busyLabel : t('pairing.submit')}
      </button>
      {error && (
        <p className={classes.error} role="alert" data-testid="pair-error">
          {error}
        </p>
      )}
    </form>
  );
}
