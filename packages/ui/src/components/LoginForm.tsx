import { type FormEvent, type ReactNode, useState } from 'react';
import { HubError } from '../client.ts';

export interface LoginFormProps {
  busy: boolean;
  error: string | null;
  /** The username trimmed, the password as typed; never called while busy or with a field empty. */
  onSubmit: (username: string, password: string) => void;
  /** The app's own words. */
  texts: { username: string; password: string; signIn: string; signingIn: string };
  /** Class names of the app's own styles (`fieldLabel`: the span naming a field). */
  classes: { form: string; field: string; fieldLabel?: string; submit: string; error: string };
  /** Above the fields: the app's brand, title and hint. */
  head?: ReactNode;
  /** Last in the form, e.g. the language buttons. */
  foot?: ReactNode;
  /** Where the error line goes: under the button (default) or above it. */
  errorPlacement?: 'below-submit' | 'above-submit';
}

/**
 * The sign-in form of the staff pages (the dashboard, the counter terminal): username and
 * password, the button that says it is working while busy, and the hub's refusal. Test ids:
 * login-username, login-password, login-submit, login-error.
 */
export function LoginForm({
  busy,
  error,
  onSubmit,
  texts,
  classes,
  head,
  foot,
  errorPlacement = 'below-submit',
}: LoginFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const filled = Boolean(username.trim() && password);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && filled) onSubmit(username.trim(), password);
  };
  const errorLine = error ? (
    <p className={classes.error} role="alert" data-testid="login-error">
      {error}
    </p>
  ) : null;
  return (
    <form className={classes.form} onSubmit={submit}>
      {head}
      <label className={classes.field}>
        <span className={classes.fieldLabel}>{texts.username}</span>
        <input
          data-testid="login-username"
          value={username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the first thing anyone on this page does is type here
          autoFocus
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className={classes.field}>
        <span className={classes.fieldLabel}>{texts.password}</span>
        <input
          data-testid="login-password"
          type="password"
          value={password}
          autoComplete="current-password"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {errorPlacement === 'above-submit' && errorLine}
      <button type="submit" className={classes.submit} data-testid="login-submit" disabled={busy || !filled}>
        {busy ? texts.signingIn : texts.signIn}
      </button>
      {errorPlacement === 'below-submit' && errorLine}
      {foot}
    </form>
  );
}

/**
 * Why a sign-in failed, for the page's words: `too_many` (429: locked for a while),
 * `bad_credentials` (401, 400), or `other` (the hub could not be reached, …).
 */
export function loginFailure(error: unknown): 'too_many' | 'bad_credentials' | 'other' {
  if (error instanceof HubError && error.status === 429) return 'too_many';
  if (error instanceof HubError && (error.status === 401 || error.status === 400)) return 'bad_credentials';
  return 'other';
}
