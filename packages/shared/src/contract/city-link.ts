// The hub's API, its link to the city (API.md, "The hub's side"): join with an enrolment code,
// the sync state, and a send now.
import { CityJoinRequest, CityJoinResponse, CityStatusResponse } from '../city/schemas.ts';
import { EmptyBody } from '../schemas.ts';
import { ADMIN, endpoint, READERS } from './endpoint.ts';

export const CITY_LINK_API = {
  'city:join': endpoint({
    method: 'POST',
    path: '/api/v1/city/join',
    summary: 'Join a city server: make the centre’s key pair and enrol it with a one-time code',
    access: ADMIN,
    body: CityJoinRequest,
    response: CityJoinResponse,
  }),
  'city:status': endpoint({
    method: 'GET',
    path: '/api/v1/city',
    summary: 'The city this hub reports to and the state of its reports (null when not joined)',
    access: READERS,
    response: CityStatusResponse,
  }),
  'city:sync': endpoint({
    method: 'POST',
    path: '/api/v1/city/sync',
    summary: 'Send everything pending to the city now (one attempt) and answer the sync state',
    access: ADMIN,
    body: EmptyBody,
    response: CityStatusResponse,
  }),
};
