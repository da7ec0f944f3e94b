// The dashboard's commands (/city/): overview, a centre's report, exports, settings, users and
// the revocation of a centre's key.
import { LuotError, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '@luot/shared';
import { userOfRow } from '../city.ts';
import { settingsData } from '../db/settings.ts';
import { usersData } from '../db/users.ts';
import type { Handlers } from '../handler.ts';
import { cityExport } from './export.ts';
import { centreReport, cityOverview } from './overview.ts';

type DashboardCommand =
  | 'city:overview'
  | 'city:centre:report'
  | 'city:centres:revoke'
  | 'city:export'
  | 'city:settings'
  | 'city:settings:update'
  | 'city:users'
  | 'city:users:create'
  | 'city:users:delete';

/** The longest period one request may ask for: a little over a year. */
const MAX_PERIOD_DAYS = 400;
function checkPeriod(from: string, to: string): void {
  if (from > to) throw new LuotError('validation_failed', 'from: after to');
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) {
    throw new LuotError('validation_failed', `to: a period of at most ${MAX_PERIOD_DAYS} days`);
  }
}

export const dashboardHandlers: Handlers<DashboardCommand> = {
  'city:overview': ({ city, query }) => {
    checkPeriod(query.from, query.to);
    return cityOverview(city, query.from, query.to);
  },
  'city:centre:report': ({ city, params, query }) => {
    checkPeriod(query.from, query.to);
    return centreReport(city, params.code, query.from, query.to);
  },
  'city:centres:revoke': async ({ city, params, user }) => {
    if (!(await city.revokeKey(params.code)))
      throw new LuotError('not_found', `centre ${params.code} not found`);
    city.log.info({ centre: params.code, by: user?.username }, 'centre key revoked');
    return { centre: { code: params.code, enrolled: false as const } };
  },
  'city:export': async ({ city, query, reply }) => {
    checkPeriod(query.from, query.to);
    const file = await cityExport(city, query);
    await reply
      .code(200)
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.body);
    return undefined;
  },
  'city:settings': async ({ city }) => ({ settings: await settingsData(city.db).get() }),
  'city:settings:update': async ({ city, body, user }) => {
    await settingsData(city.db).set(body);
    city.log.info({ settings: body, by: user?.username }, 'city settings changed');
    return { settings: body };
  },
  'city:users': async ({ city }) => {
    const now = city.now();
    const rows = await usersData(city.db).list();
    return {
      users: rows.map((r) => ({
        ...userOfRow(r),
        createdAt: new Date(r.created_at).toISOString(),
        locked: r.locked_until !== null && new Date(r.locked_until).getTime() > now,
      })),
    };
  },
  'city:users:create': async ({ city, body, user }) => {
    if (passwordProblem(body.password, body.username) === 'like_username') {
      throw new LuotError('validation_failed', `password: ${PASSWORD_PROBLEM_MESSAGES.like_username}`);
    }
    await city.addUser(body);
    const row = await usersData(city.db).byUsername(body.username);
    city.log.info({ username: body.username, role: body.role, by: user?.username }, 'city user added');
    return { user: userOfRow(row!) };
  },
  'city:users:delete': async ({ city, params, user }) => {
    if (params.id === user?.id) throw new LuotError('conflict', 'id: you cannot remove yourself');
    const removed = await city.db.transaction((sql) => usersData(sql).remove(params.id));
    if (removed === undefined) throw new LuotError('not_found', `user ${params.id} not found`);
    if (removed === 'last_admin') throw new LuotError('conflict', 'id: the last admin cannot be removed');
    city.log.info({ username: removed.username, by: user?.username }, 'city user removed');
    return { user: userOfRow(removed) };
  },
};
