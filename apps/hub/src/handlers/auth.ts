// Handlers of the hub's auth commands (contract: @luot/shared contract/auth.ts). Health, sign-in and sign-
// out, /me and an officer’s own figures.
import { LuotError, type User } from '@luot/shared';
import { type LoginAttempt, LoginRefused } from '../auth/login-guard.ts';
import { VERSION } from '../hub.ts';
import { handlers } from './kit.ts';

export const AUTH_HANDLERS = handlers({
  health: ({ hub }) => {
    const centre = hub.store.centre();
    return {
      status: 'ok' as const,
      version: VERSION,
      serviceDay: hub.serviceDay,
      centre: { code: centre.code, name: centre.name },
    };
  },
  'auth:login': async ({ hub, body, client }) => {
    let attempt: LoginAttempt;
    try {
      attempt = hub.loginGuard.begin(body.username, client, hub.now());
    } catch (error) {
      const reason = error instanceof LoginRefused ? error.reason : 'refused';
      hub.log.warn({ username: body.username, client, reason }, 'login refused');
      throw error;
    }
    let user: User | null = null;
    try {
      user = await hub.auth.checkPassword(body.username, body.password, attempt.trusted);
    } finally {
      hub.loginGuard.end(attempt, user !== null, hub.now());
    }
    if (!user) {
      hub.log.warn({ username: body.username, client, reason: 'wrong_password' }, 'login failed');
      throw new LuotError('unauthorized', 'wrong username or password');
    }
    const { token, expiresAt } = hub.auth.issueUserToken(user.id, hub.now());
    hub.log.info({ userId: user.id, client }, 'user signed in');
    return { token, user, expiresAt: new Date(expiresAt).toISOString() };
  },
  'auth:logout': ({ hub, principal }) => {
    hub.auth.revoke(principal!.tokenHash, hub.now());
    hub.emitRevoked(principal!.tokenHash);
    return { ok: true as const };
  },
  'auth:me': ({ hub, principal }) => {
    if (principal!.kind === 'user') {
      const counter = hub.store.st.counterByOfficer.get(principal!.user.id);
      return { user: principal!.user, device: null, counterId: counter?.id ?? null };
    }
    const d = principal!.device;
    return {
      user: null,
      device: { id: d.id, kind: d.kind, name: d.name, counterId: d.counter_id, zone: d.zone },
      counterId: d.counter_id,
    };
  },
  'me:today': ({ hub, principal }) => {
    if (principal?.kind !== 'user') throw new LuotError('forbidden', 'only a signed-in user has own figures');
    return hub.officerDay(principal.user.id, hub.serviceDay);
  },
});
