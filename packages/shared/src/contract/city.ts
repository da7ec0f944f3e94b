// The city server's public API (API.md, "The city"), each command declared once, on the same
// pattern as the hub's (endpoint.ts): the city registers one handler per name, clients call by
// name, and /api/city/v1/openapi.json is generated from these declarations.
import { z } from 'zod';
import {
  CentreCodeParams,
  CentreReportResponse,
  CityExportQuery,
  CityOverviewResponse,
  CityPeriodQuery,
  CitySettings,
  CitySettingsResponse,
  CityUserParams,
  CityUserResponse,
  CityUsersResponse,
  CreateCityUserRequest,
  RevokeCentreResponse,
} from '../city/dashboard.ts';
import {
  CentresResponse,
  CityAlertsResponse,
  CityHealth,
  CityLoginRequest,
  CityLoginResponse,
  CityStatsQuery,
  CityStatsResponse,
  CreateCentreRequest,
  CreateCentreResponse,
  EnrolRequest,
  EnrolResponse,
  Report,
  ReportAck,
} from '../city/schemas.ts';
import { EmptyBody } from '../schemas.ts';
import { CITY_CATALOGUE_API } from './city-catalogue.ts';
import type { Endpoint, EndpointInput, EndpointOutput, EndpointParsed } from './endpoint.ts';
import { endpoint } from './endpoint.ts';
import { FileDownload, REPORT_FILE_TYPES } from './files.ts';

export const CITY_ADMIN = { users: ['admin'] } as const;
export const CITY_READERS = { users: ['admin', 'viewer'] } as const;

export const CITY_API = {
  'city:health': endpoint({
    method: 'GET',
    path: '/api/city/v1/health',
    summary: 'Liveness of the city server',
    access: 'public',
    response: CityHealth,
  }),
  'city:login': endpoint({
    method: 'POST',
    path: '/api/city/v1/auth/login',
    summary: 'Sign in with username and password',
    access: 'public',
    body: CityLoginRequest,
    response: CityLoginResponse,
  }),
  'city:centres:create': endpoint({
    method: 'POST',
    path: '/api/city/v1/centres',
    summary: 'Add a centre (or give an existing one a new enrolment code)',
    access: CITY_ADMIN,
    status: 201,
    body: CreateCentreRequest,
    response: CreateCentreResponse,
  }),
  'city:centres': endpoint({
    method: 'GET',
    path: '/api/city/v1/centres',
    summary: 'Every centre, whether it enrolled, its last report and acknowledged seq',
    access: CITY_READERS,
    response: CentresResponse,
  }),
  'city:enrol': endpoint({
    method: 'POST',
    path: '/api/city/v1/enrol',
    summary: 'A centre registers its Ed25519 public key with a one-time enrolment code',
    access: 'public',
    status: 201,
    body: EnrolRequest,
    response: EnrolResponse,
  }),
  'city:report': endpoint({
    method: 'POST',
    path: '/api/city/v1/reports',
    summary: 'A signed report of a centre (RFC 9421 signature, RFC 9530 Content-Digest)',
    access: 'public',
    body: Report,
    response: ReportAck,
  }),
  'city:stats': endpoint({
    method: 'GET',
    path: '/api/city/v1/stats',
    summary: 'Figures per centre and in total for the service days in [from, to]',
    access: CITY_READERS,
    query: CityStatsQuery,
    response: CityStatsResponse,
  }),
  'city:alerts': endpoint({
    method: 'GET',
    path: '/api/city/v1/alerts',
    summary: 'What needs attention now: silent centres during office hours, unreconciled days, long waits',
    access: CITY_READERS,
    response: CityAlertsResponse,
  }),
  'city:overview': endpoint({
    method: 'GET',
    path: '/api/city/v1/overview',
    summary: 'Every centre over [from, to] with its shares, rank and live state, and the city total',
    access: CITY_READERS,
    query: CityPeriodQuery,
    response: CityOverviewResponse,
  }),
  'city:centre:report': endpoint({
    method: 'GET',
    path: '/api/city/v1/centres/:code/report',
    summary: 'One centre over [from, to]: by day, by field, by procedure code and by hour',
    access: CITY_READERS,
    params: CentreCodeParams,
    query: CityPeriodQuery,
    response: CentreReportResponse,
  }),
  'city:centres:revoke': endpoint({
    method: 'POST',
    path: '/api/city/v1/centres/:code/revoke',
    summary: 'Revoke a centre’s key: its reports are refused until it enrols with a new code',
    access: CITY_ADMIN,
    params: CentreCodeParams,
    body: EmptyBody,
    response: RevokeCentreResponse,
  }),
  'city:export': endpoint({
    method: 'GET',
    path: '/api/city/v1/export',
    summary: 'The figures of [from, to] per centre, field or procedure code as XLSX or CSV',
    access: CITY_READERS,
    query: CityExportQuery,
    response: FileDownload,
    produces: REPORT_FILE_TYPES,
  }),
  'city:settings': endpoint({
    method: 'GET',
    path: '/api/city/v1/settings',
    summary: 'The city’s settings: target wait, long-wait and silence thresholds',
    access: CITY_READERS,
    response: CitySettingsResponse,
  }),
  'city:settings:update': endpoint({
    method: 'PUT',
    path: '/api/city/v1/settings',
    summary: 'Change the city’s settings',
    access: CITY_ADMIN,
    body: CitySettings,
    response: CitySettingsResponse,
  }),
  'city:users': endpoint({
    method: 'GET',
    path: '/api/city/v1/users',
    summary: 'The city’s users',
    access: CITY_ADMIN,
    response: CityUsersResponse,
  }),
  'city:users:create': endpoint({
    method: 'POST',
    path: '/api/city/v1/users',
    summary: 'Add a city user (admin or viewer)',
    access: CITY_ADMIN,
    status: 201,
    body: CreateCityUserRequest,
    response: CityUserResponse,
  }),
  'city:users:delete': endpoint({
    method: 'DELETE',
    path: '/api/city/v1/users/:id',
    summary: 'Remove a city user and end their sessions (not yourself, not the last admin)',
    access: CITY_ADMIN,
    params: CityUserParams,
    response: CityUserResponse,
  }),
  ...CITY_CATALOGUE_API,
} satisfies Record<string, Endpoint>;

export type CityApi = typeof CITY_API;
export type CityCommandName = keyof CityApi;
export type CityInput<K extends CityCommandName> = EndpointInput<CityApi[K]>;
export type CityParsed<K extends CityCommandName> = EndpointParsed<CityApi[K]>;
export type CityOutput<K extends CityCommandName> = EndpointOutput<CityApi[K]>;

/** The answer of a 409 to a report that starts beyond what the city has: where to resume. */
export const ReportGap = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  ackedSeq: z.number().int(),
});
