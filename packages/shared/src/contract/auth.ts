// The hub's API, auth: Health, sign-in and sign-out, who a token belongs to, and an officer’s own figures.
import { z } from 'zod';
import {
  EmptyBody,
  HealthResponse,
  LoginRequest,
  LoginResponse,
  MeTodayResponse,
  UserResponse,
} from '../schemas.ts';
import { ANY_TOKEN, endpoint, STAFF } from './endpoint.ts';

export const AUTH_API = {
  health: endpoint({
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Liveness and identity of the hub',
    access: 'public',
    response: HealthResponse,
  }),
  'auth:login': endpoint({
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Sign in with username and password',
    access: 'public',
    body: LoginRequest,
    response: LoginResponse,
  }),
  'auth:logout': endpoint({
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'Revoke the token used for this request',
    access: ANY_TOKEN,
    body: EmptyBody,
    response: z.object({ ok: z.literal(true) }),
  }),
  'auth:me': endpoint({
    method: 'GET',
    path: '/api/v1/me',
    summary: 'Who the token belongs to (a user, or a device)',
    access: ANY_TOKEN,
    response: z.object({
      user: UserResponse.shape.user.nullable(),
      device: z
        .object({
          id: z.string(),
          kind: z.string(),
          name: z.string(),
          counterId: z.string().nullable(),
          zone: z.string().nullable(),
        })
        .nullable(),
      counterId: z.string().nullable().describe('the counter this user is signed in at'),
    }),
  }),
  'me:today': endpoint({
    method: 'GET',
    path: '/api/v1/me/today',
    summary: 'The signed-in user’s own figures for today: served, average service time, no-shows',
    access: STAFF,
    response: MeTodayResponse,
  }),
};
