// The dashboard's commands (/city/): overview, a centre's report, exports, settings, users.
import type { Handlers } from '../handler.ts';

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

const notYet = () => {
  throw new Error('not built yet');
};
export const dashboardHandlers: Handlers<DashboardCommand> = {
  'city:overview': notYet,
  'city:centre:report': notYet,
  'city:centres:revoke': notYet,
  'city:export': notYet,
  'city:settings': notYet,
  'city:settings:update': notYet,
  'city:users': notYet,
  'city:users:create': notYet,
  'city:users:delete': notYet,
};
