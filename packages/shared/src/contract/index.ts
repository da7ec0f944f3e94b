// The hub's public API, each command declared once (name -> method, path, access, schemas).
// The hub registers one handler per name, `HubClient.call(name, input)` calls by name, and the
// OpenAPI document at /api/v1/openapi.json is generated from these declarations.
import { ADMIN_API } from './admin.ts';
import { AUTH_API } from './auth.ts';
import { CITY_LINK_API } from './city-link.ts';
import { COUNTERS_API } from './counters.ts';
import { DEVICES_API } from './devices.ts';
import type { Endpoint, EndpointInput, EndpointOutput, EndpointParsed } from './endpoint.ts';
import { REPORTS_API } from './reports.ts';
import { TICKETS_API } from './tickets.ts';

export const HUB_API = {
  ...AUTH_API,
  ...DEVICES_API,
  ...TICKETS_API,
  ...COUNTERS_API,
  ...ADMIN_API,
  ...REPORTS_API,
  ...CITY_LINK_API,
} satisfies Record<string, Endpoint>;

export type HubApi = typeof HUB_API;
export type HubCommandName = keyof HubApi;
export type HubInput<K extends HubCommandName> = EndpointInput<HubApi[K]>;
export type HubParsed<K extends HubCommandName> = EndpointParsed<HubApi[K]>;
export type HubOutput<K extends HubCommandName> = EndpointOutput<HubApi[K]>;
/** Commands answered with JSON (the rest answer a file to download). */
export type HubJsonCommand = {
  [K in HubCommandName]: HubApi[K] extends { produces: readonly string[] } ? never : K;
}[HubCommandName];

export * from './city.ts';
export * from './endpoint.ts';
export * from './files.ts';
