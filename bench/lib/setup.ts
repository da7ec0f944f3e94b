// Puts the seeded demo centre in working order through the public API: admin, a kiosk,
// officers signed in at counters, display devices.
import type { HttpClient } from './http.ts';

export interface ServiceInfo {
  id: string;
  code: string;
  active: boolean;
  procedures: { id: string }[];
}

export interface CounterInfo {
  id: string;
  number: number;
  serviceIds: string[];
}

export interface Officer {
  username: string;
  token: string;
  counterId: string;
}

export async function login(http: HttpClient, username: string, password: string): Promise<string> {
  const body = await http.expect(200, 'POST', '/api/v1/auth/login', { body: { username, password } });
  return body.token as string;
}

export async function pairDevice(
  http: HttpClient,
  adminToken: string,
  kind: 'kiosk' | 'counter' | 'display',
  name: string,
): Promise<string> {
  const code = await http.expect(201, 'POST', '/api/v1/devices/pairing-codes', {
    token: adminToken,
    body: { kind, name },
  });
  const paired = await http.expect(201, 'POST', '/api/v1/devices/pair', { body: { code: code.code } });
  return paired.token as string;
}

export async function services(http: HttpClient, token: string): Promise<ServiceInfo[]> {
  const body = await http.expect(200, 'GET', '/api/v1/services', { token });
  return body.services as ServiceInfo[];
}

/**
 * Gives every active field a prefix of its own and the whole range 1–99999: a field's numbers never
 * leave its range, and the demo's ranges of 999 would not hold a bench day of 100,000 tickets.
 * Answers the fields as they are then.
 */
export async function widenRanges(http: HttpClient, token: string): Promise<ServiceInfo[]> {
  const before = await services(http, token);
  const active = before.filter((s) => s.active);
  for (const [i, field] of active.entries()) {
    const letter = (n: number) => String.fromCharCode(65 + n);
    const prefix = (i >= 26 ? letter(Math.floor(i / 26) - 1) : '') + letter(i % 26);
    await http.expect(200, 'PUT', `/api/v1/services/${field.id}`, {
      token,
      body: { prefix, start: 1, end: 99_999 },
    });
  }
  return services(http, token);
}

export async function counters(http: HttpClient, token: string): Promise<CounterInfo[]> {
  const body = await http.expect(200, 'GET', '/api/v1/counters', { token });
  return body.counters as CounterInfo[];
}

/** One officer per counter, created as admin, signed in and sitting at the counter. */
export async function officersAtCounters(
  http: HttpClient,
  adminToken: string,
  list: CounterInfo[],
): Promise<Officer[]> {
  // One at a time: the hub lets only a few sign-ins of one address be checked at once.
  const officers: Officer[] = [];
  for (const counter of list) {
    const username = `bench.officer${counter.number}`;
    const password = `${username}-password`;
    await http.expect(201, 'POST', '/api/v1/users', {
      token: adminToken,
      body: { username, password, displayName: `Cán bộ ${counter.number}`, role: 'officer' },
    });
    const token = await login(http, username, password);
    await http.expect(200, 'POST', `/api/v1/counters/${counter.id}/sign-in`, { token });
    officers.push({ username, token, counterId: counter.id });
  }
  return officers;
}
