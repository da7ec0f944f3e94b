// The dashboard: sign-in (directors and admins; an officer is turned away), then the live
// overview, the reports and, for admins, the administration pages. The page is in the URL's hash
// (#/live, #/reports, #/admin/<tab>), so a reload or a bookmark comes back to it.
import type { Role, User } from '@luot/shared';
import { type HubClient, HubError, LoginForm, loginFailure, useConnection } from '@luot/ui';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { AdminPage, type AdminTab, isAdminTab } from './admin/page.tsx';
import { AdminApi } from './api.ts';
import { ConnectionBar, errorText, LanguageButtons, useAdminI18n } from './common.tsx';
import { LivePage, onCatalogChanged } from './live.tsx';
import { ReportsScreen } from './reports.tsx';

export const SESSION_KEY = 'luot.admin.session';

export type Route = { page: 'live' } | { page: 'reports' } | { page: 'admin'; tab: AdminTab };

/** Who may open the dashboard at all. */
export function mayUseDashboard(role: Role): boolean {
  return role === 'director' || role === 'admin';
}

/** The page a hash names; administration only for admins (others land on the live overview). */
export function parseRoute(hash: string, role: Role): Route {
  const [page, tab] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'reports') return { page: 'reports' };
  if (page === 'admin' && role === 'admin') return { page: 'admin', tab: isAdminTab(tab) ? tab : 'fields' };
  return { page: 'live' };
}

export function routeHash(route: Route): string {
  return route.page === 'admin' ? `#/admin/${route.tab}` : `#/${route.page}`;
}

function storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

type Phase = { kind: 'loading' } | { kind: 'login' } | { kind: 'app'; user: User };

export function DashboardApp({ client }: { client: HubClient }) {
  const { a, language } = useAdminI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => new AdminApi(client), [client]);

  const toLogin = useCallback(
    (message: string | null = null) => {
      storage()?.removeItem(SESSION_KEY);
      client.setToken(null);
      client.close();
      setError(message);
      setPhase({ kind: 'login' });
    },
    [client],
  );

  /** Opens the dashboard for the token's user, or turns an officer (or a device) away. */
  const enter = useCallback(async () => {
    const me = await client.me();
    if (!me.user) throw new HubError(401, 'unauthorized', 'not a user token');
    if (!mayUseDashboard(me.user.role)) {
      await client.logout().catch(() => {});
      toLogin(a('officerRefused'));
      return;
    }
    client.connect();
    setPhase({ kind: 'app', user: me.user });
  }, [client, toLogin, a]);

  useEffect(() => {
    const token = storage()?.getItem(SESSION_KEY);
    if (!token) {
      setPhase({ kind: 'login' });
      return;
    }
    client.setToken(token);
    enter().catch(() => toLogin());
  }, [client]);

  useEffect(() => {
    const off = client.on('authError', () => toLogin());
    return () => {
      off();
      client.close();
    };
  }, [client, toLogin]);

  const login = async (username: string, password: string) => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.login(username, password);
      if (!mayUseDashboard(result.user.role)) {
        await client.logout().catch(() => {});
        toLogin(a('officerRefused'));
        return;
      }
      storage()?.setItem(SESSION_KEY, result.token);
      await enter();
    } catch (err) {
      const failure = loginFailure(err);
      if (failure === 'too_many') setError(a('tooManyLogins'));
      else if (failure === 'bad_credentials') setError(a('badLogin'));
      else setError(errorText(err, language));
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    await client.logout().catch(() => {});
    toLogin();
  };

  if (phase.kind === 'loading') return <p className="a-loading">{a('loading')}</p>;
  if (phase.kind === 'login')
    return <LoginScreen busy={busy} error={error} onSubmit={(u, p) => void login(u, p)} />;
  return <Shell api={api} client={client} user={phase.user} onSignOut={() => void signOut()} />;
}

export function LoginScreen({
  busy,
  error,
  onSubmit,
}: {
  busy: boolean;
  error: string | null;
  onSubmit: (username: string, password: string) => void;
}) {
  const { a } = useAdminI18n();
  return (
    <main className="a-login" data-testid="login">
      <LoginForm
        busy={busy}
        error={error}
        onSubmit={onSubmit}
        texts={{
          username: a('username'),
          password: a('password'),
          signIn: a('signIn'),
          signingIn: a('signingIn'),
        }}
        classes={{
          form: 'a-login__card',
          field: 'a-field a-field--wide',
          fieldLabel: 'a-field__label',
          submit: 'a-button a-button--big',
          error: 'a-error',
        }}
        head={
          <>
            <p className="a-brand">Lượt</p>
            <h1 className="a-login__title">{a('loginTitle')}</h1>
            <p className="a-muted">{a('loginHint')}</p>
          </>
        }
        errorPlacement="above-submit"
        foot={<LanguageButtons />}
      />
    </main>
  );
}

function useHash(): [string, (hash: string) => void] {
  const [hash, setHash] = useState(() => globalThis.location?.hash ?? '');
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [
    hash,
    (next) => {
      if (location.hash !== next) location.hash = next;
      setHash(next);
    },
  ];
}

function Shell({
  api,
  client,
  user,
  onSignOut,
}: {
  api: AdminApi;
  client: HubClient;
  user: User;
  onSignOut: () => void;
}) {
  const { a, language } = useAdminI18n();
  const connection = useConnection(client);
  const [hash, setHash] = useHash();
  const route = parseRoute(hash, user.role);
  const [centre, setCentre] = useState<{ name: string; nameEn: string; timeZone: string } | null>(null);
  useEffect(() => {
    const load = () =>
      api
        .centre()
        .then(setCentre)
        .catch(() => {});
    load();
    return onCatalogChanged(client, (event) => {
      if (event.what === 'centre') load();
    });
  }, [api, client]);

  const nav: { route: Route; label: string; id: string }[] = [
    { route: { page: 'live' }, label: a('navOverview'), id: 'nav-live' },
    { route: { page: 'reports' }, label: a('navReports'), id: 'nav-reports' },
  ];
  if (user.role === 'admin')
    nav.push({ route: { page: 'admin', tab: 'fields' }, label: a('navAdmin'), id: 'nav-admin' });

  const timeZone = centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  let page: ReactNode;
  if (route.page === 'live') page = <LivePage api={api} client={client} timeZone={timeZone} />;
  else if (route.page === 'reports') page = <ReportsScreen api={api} />;
  else
    page = (
      <AdminPage
        api={api}
        client={client}
        tab={route.tab}
        selfId={user.id}
        timeZone={timeZone}
        onTab={(tab) => setHash(routeHash({ page: 'admin', tab }))}
      />
    );

  return (
    <div className="a-shell">
      <ConnectionBar state={connection} />
      <header className="a-header">
        <div className="a-header__brand">
          <span className="a-brand">Lượt</span>
          <span className="a-header__centre" data-testid="centre-name">
            {centre ? (language === 'en' && centre.nameEn ? centre.nameEn : centre.name) : ''}
          </span>
        </div>
        <nav className="a-nav" aria-label={a('appTitle')}>
          {nav.map((n) => (
            <a
              key={n.id}
              href={routeHash(n.route)}
              className="a-nav__tab"
              aria-current={n.route.page === route.page ? 'page' : undefined}
              data-testid={n.id}
              onClick={() => setHash(routeHash(n.route))}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <div className="a-header__user">
          <span data-testid="user-name">
            {user.displayName} · {a(`role_${user.role}`)}
          </span>
          <LanguageButtons />
          <button
            type="button"
            className="a-button a-button--secondary a-button--small"
            data-testid="sign-out"
            onClick={onSignOut}
          >
            {a('signOut')}
          </button>
        </div>
      </header>
      <main className="a-main">{page}</main>
    </div>
  );
}
