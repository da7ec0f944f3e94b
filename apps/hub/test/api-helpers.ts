// Helpers shared by the API integration tests: a manual clock, error assertions, event recording.
import { request as httpRequest } from 'node:http';
import type { Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { ApiReply, TestHub } from './harness.ts';

/** A clock the test moves by hand (the hub takes it as `now`). */
export function manualClock(startIso: string) {
  let t = Date.parse(startIso);
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    /** Sets the clock to `start + seconds`. */
    at(seconds: number) {
      t = Date.parse(startIso) + seconds * 1000;
    },
  };
}
export type ManualClock = ReturnType<typeof manualClock>;

/** Asserts the API.md error shape `{error:{code,message}}` with the given status and code. */
export function expectError(res: ApiReply, status: number, code: string, message?: RegExp | string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message']);
  if (message !== undefined) expect(res.body.error.message).toMatch(message);
}

/** Asserts a 2xx answer with the given status and returns its body. */
export function expectOk<T = any>(res: ApiReply<T>, status = 200): T {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** Every field of a ticket named in API.md. */
export const TICKET_FIELDS = [
  'id',
  'serviceDay',
  'serviceId',
  'procedureId',
  'number',
  'displayNumber',
  'priority',
  'channel',
  'status',
  'issuedAt',
  'calledAt',
  'startedAt',
  'finishedAt',
  'counterId',
  'counterNumber',
  'officerId',
  'procedureIds',
  'recallCount',
  'rating',
];

export function expectTicketShape(ticket: any): void {
  expect(ticket).toBeTypeOf('object');
  expect(Object.keys(ticket)).toEqual(expect.arrayContaining(TICKET_FIELDS));
  expect(ticket.id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  expect(Array.isArray(ticket.procedureIds)).toBe(true);
}

/** What only staff see of a ticket (API.md: the public view has none of these). */
export const PRIVATE_TICKET_FIELDS = ['note', 'officerId', 'procedureIds', 'rating'];

/** A ticket's public view (no token, or a device token): every other field, none of these. */
export function expectPublicTicketShape(ticket: any): void {
  expect(ticket).toBeTypeOf('object');
  expect(Object.keys(ticket)).toEqual(
    expect.arrayContaining(TICKET_FIELDS.filter((f) => !PRIVATE_TICKET_FIELDS.includes(f))),
  );
  for (const field of PRIVATE_TICKET_FIELDS) expect(ticket).not.toHaveProperty(field);
  expect(ticket.id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
}

/** Records every `name` event of a socket; `next()` resolves with the next one not yet taken. */
export function recorder<T = any>(socket: Socket, name: string) {
  const events: T[] = [];
  let taken = 0;
  const waiters: ((e: T) => void)[] = [];
  socket.on(name, (payload: T) => {
    events.push(payload);
    const waiter = waiters.shift();
    if (waiter) {
      taken += 1;
      waiter(payload);
    }
  });
  return {
    events,
    next(timeoutMs = 5000): Promise<T> {
      if (taken < events.length) return Promise.resolve(events[taken++]!);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(done);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`no ${name} within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (e: T) => {
          clearTimeout(timer);
          resolve(e);
        };
        waiters.push(done);
      });
    },
    /** Events received but not taken by `next()` yet. */
    pending(): number {
      return events.length - taken;
    },
  };
}

/** Resolves with the connect_error of a socket that the hub refuses (rejects if it connects). */
export function refused(socket: Socket, timeoutMs = 5000): Promise<Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('neither connect nor connect_error')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      reject(new Error('the socket was accepted'));
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      resolve(err);
    });
  });
}

/** Sends an event with an ack and resolves with the ack's argument. */
export function emitAck<T = any>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, ...args) as Promise<T>;
}

/** An officer created through the API and signed in at `counterId`. */
export async function officerAt(
  t: TestHub,
  username: string,
  counterId: string,
): Promise<{ token: string; id: string }> {
  const officer = await t.user(username, 'officer');
  expectOk(await t.api('POST', `/api/v1/counters/${counterId}/sign-in`, { token: officer.token }));
  return officer;
}

/** Issues a ticket and returns it (201 expected). */
export async function issue(
  t: TestHub,
  token: string,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<any> {
  const res = await t.api('POST', '/api/v1/tickets', { token, body, ...(headers ? { headers } : {}) });
  return expectOk(res, 201).ticket;
}

/** POST /api/v1/tickets/:id/:action (or a counter action) and return the reply. */
export function act(t: TestHub, token: string, path: string, body?: unknown): Promise<ApiReply> {
  return t.api('POST', `/api/v1/${path}`, { token, ...(body === undefined ? {} : { body }) });
}

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
export function rawGet(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}
