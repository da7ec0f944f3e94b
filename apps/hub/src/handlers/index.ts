// Every command of the hub: its declaration from the shared contract (@luot/shared HUB_API) and
// its handler, registered by name per domain in handlers/. REST routes, socket commands and the
// OpenAPI document are all generated from this map.
import { HUB_API, type HubCommandName } from '@luot/shared';
import { ADMIN_HANDLERS } from './admin.ts';
import { AUTH_HANDLERS } from './auth.ts';
import { CITY_HANDLERS } from './city.ts';
import { COUNTER_HANDLERS } from './counters.ts';
import { DEVICE_HANDLERS } from './devices.ts';
import type { Command, Handler } from './kit.ts';
import { REPORT_HANDLERS } from './reports.ts';
import { TICKET_HANDLERS } from './tickets.ts';

/** One handler for every declared command: a missing or unknown name fails to compile. */
const HANDLERS: { [K in HubCommandName]: Handler<K> } = {
  ...AUTH_HANDLERS,
  ...DEVICE_HANDLERS,
  ...TICKET_HANDLERS,
  ...COUNTER_HANDLERS,
  ...ADMIN_HANDLERS,
  ...REPORT_HANDLERS,
  ...CITY_HANDLERS,
};

export const COMMANDS = Object.fromEntries(
  (Object.keys(HUB_API) as HubCommandName[]).map((name) => [
    name,
    { ...HUB_API[name], handler: HANDLERS[name] } as unknown as Command,
  ]),
) as Record<HubCommandName, Command>;

export type CommandName = HubCommandName;

export { type Access, type Command, mayAccess } from './kit.ts';
