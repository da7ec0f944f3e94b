// The city server's public API (API.md, "The city"), each command declared once, on the same
// pattern as the hub's (endpoint.ts): the city registers one handler per name, clients call by
// name, and /api/city/v1/openapi.json is generated from these declarations.
import { z } from 'zod';
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
import type { Endpoint, EndpointInput, EndpointOutput, EndpointParsed } from './endpoint.ts';
import { endpoint } from './endpoint.ts';

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
