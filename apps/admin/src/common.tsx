// Pieces every screen uses: the language, the language buttons, the connection banner, error
// texts, a dialog and a labelled form field.
import {
  ConnectionBanner,
  type ConnectionState,
  HubError,
  isLanguage,
  type Language,
  LanguageToggle,
} from '@luot/ui';
import { type ButtonHTMLAttributes, type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminKey, adminText } from './strings.ts';

export type Tx = (key: AdminKey, values?: Record<string, string | number>) => string;

/** The current language, the shared `t`, and the dashboard's own texts (`a`). */
export function useAdminI18n() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'vi';
  const a: Tx = (key, values) => adminText(language, key, values);
  return { t, i18n, language, a };
}

/** A failure as a person reads it: the hub's own message for refused input (it names the field). */
export function errorText(error: unknown, language: Language): string {
  if (error instanceof HubError) {
    if (error.isNetwork) return adminText(language, 'networkError');
    if (error.status === 403) return adminText(language, 'forbidden');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** "Tiếng Việt" / "English". */
export const LanguageButtons = () => <LanguageToggle className="a-lang" />;

/** "Mất kết nối, đang kết nối lại…" across the top while the hub cannot be reached. */
export const ConnectionBar = ({ state }: { state: ConnectionState }) => (
  <ConnectionBanner state={state} className="a-connection" />
);

/**
 * A small button in a table row, a list or a toolbar: secondary (outlined) by default, `danger`
 * in red, `primary` filled.
 */
export function SmallButton({
  testId,
  danger = false,
  primary = false,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { testId?: string; danger?: boolean; primary?: boolean }) {
  const kind = danger ? ' a-button--danger' : primary ? '' : ' a-button--secondary';
  return (
    <button type="button" className={`a-button a-button--small${kind}`} data-testid={testId} {...rest}>
      {children}
    </button>
  );
}

/** A modal dialog: Esc closes it, focus starts on its first field. */
export function Dialog({
  title,
  testId,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  // Once, when it opens: focus on the first field (not again on each re-render of the page).
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input:not([readonly]), select, textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="a-backdrop">
      <div
        ref={ref}
        className={`a-dialog${wide ? ' a-dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        <h2 id={titleId} className="a-dialog__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

/** A label above its input; the hint below it. */
export function FormField({
  label,
  hint,
  children,
  wide = false,
}: {
  label: string;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className={`a-field${wide ? ' a-field--wide' : ''}`}>
      <span className="a-field__label">{label}</span>
      {children}
      {hint && <span className="a-field__hint">{hint}</span>}
    </label>
  );
}

/** An error under a form or a screen. */
export function ErrorLine({ message, testId = 'form-error' }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className="a-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}

/** Save / cancel at the foot of a dialog. */
export function DialogButtons({
  busy,
  onCancel,
  saveTestId = 'dialog-save',
}: {
  busy: boolean;
  onCancel: () => void;
  saveTestId?: string;
}) {
  const { a } = useAdminI18n();
  return (
    <div className="a-dialog__buttons">
      <button type="button" className="a-button a-button--secondary" onClick={onCancel}>
        {a('cancel')}
      </button>
      <button type="submit" className="a-button" disabled={busy} data-testid={saveTestId}>
        {busy ? a('saving') : a('save')}
      </button>
    </div>
  );
}
