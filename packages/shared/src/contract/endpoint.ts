// The shape of one command of a server's API, declared once: name, method, path, who may call
// it, and the zod schemas of its input and answer. Servers register a handler per name; clients
// call by name; the OpenAPI document is generated from the same declarations.
import type { z } from 'zod';
import type { DeviceKind, Role } from '../domain.ts';

/** Who may call: anyone, or these user roles and device kinds. */
export type Access = 'public' | { users?: readonly string[]; devices?: readonly string[] };

export const ANY_TOKEN = {
  users: ['admin', 'director', 'officer'],
  devices: ['kiosk', 'counter', 'display'],
} as const satisfies Access;
export const STAFF = { users: ['admin', 'officer'] } as const satisfies Access;
export const ADMIN = { users: ['admin'] } as const satisfies Access;
export const READERS = { users: ['admin', 'director'] } as const satisfies Access;

export type HubRole = Role;
export type HubDeviceKind = DeviceKind;

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** With `:name` placeholders for path parameters, e.g. `/api/v1/tickets/:id`. */
  path: string;
  summary: string;
  access: Access;
  /** The success status (default 200). */
  status?: number;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Takes an `Idempotency-Key` header (or socket `idempotencyKey`): a retry replays the answer. */
  idempotencyKey?: boolean;
  /** Content types of an answer that is a file to download instead of JSON. */
  produces?: readonly string[];
}

/** Keeps each endpoint's literal types (its schemas) for the typed handlers and `call`. */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

type Schema<E, K extends 'params' | 'query' | 'body'> = E extends { [key in K]: infer S extends z.ZodType }
  ? S
  : undefined;

/** What a caller sends: path parameters, query and body as the schemas take them (zod input). */
export type EndpointInput<E extends Endpoint> = (Schema<E, 'params'> extends z.ZodType
  ? { params: z.input<Schema<E, 'params'>> }
  : { params?: undefined }) &
  (Schema<E, 'query'> extends z.ZodType ? { query?: z.input<Schema<E, 'query'>> } : { query?: undefined }) &
  (Schema<E, 'body'> extends z.ZodType ? { body?: z.input<Schema<E, 'body'>> } : { body?: undefined }) & {
    idempotencyKey?: string;
  };

/** What a handler receives after validation (zod output). */
export interface EndpointParsed<E extends Endpoint> {
  params: Schema<E, 'params'> extends z.ZodType ? z.output<Schema<E, 'params'>> : Record<string, never>;
  query: Schema<E, 'query'> extends z.ZodType ? z.output<Schema<E, 'query'>> : Record<string, never>;
  body: Schema<E, 'body'> extends z.ZodType ? z.output<Schema<E, 'body'>> : undefined;
}

/** The answer's type (zod output of `response`). */
export type EndpointOutput<E extends Endpoint> = z.output<E['response']>;

/** The path with its parameters filled in (each encoded), e.g. `/api/v1/tickets/abc`. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:(\w+)/g, (_, key: string) => {
    const value = params?.[key];
    if (value === undefined || value === null) throw new Error(`${path}: missing path parameter ${key}`);
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=2` of the defined values of a query object ('' when there are none). */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
