// Before the first day: the centre as the hub describes it, the officers at their counters,
// a paired kiosk. All through the API, as an administrator would set a centre up.
import type { Counter, Service } from '@luot/shared';
import type { SimOfficer } from './day.ts';
import { HubAnswerError, type HubHttp } from './http.ts';
import type { CentreModel } from './plan.ts';
import type { CatalogTraffic } from './profile.ts';

/** Names for the simulated officers (canbo1, canbo2, … at counters 1, 2, …). */
const OFFICER_NAMES = [
  'Nguyễn Thị Hồng Nhung',
  'Trần Văn Minh',
  'Lê Thị Thu Trang',
  'Phạm Quốc Huy',
  'Võ Thị Mỹ Linh',
  'Huỳnh Văn Tâm',
  'Đặng Ngọc Hân',
  'Bùi Thanh Phong',
  'Ngô Thị Kim Ngân',
  'Trương Minh Khang',
];

export class SetupError extends Error {
  override name = 'SetupError';
}

export async function login(
  api: HubHttp,
  username: string,
  password: string,
): Promise<{ token: string; userId: string }> {
  const answer = await api.call<{ token: string; user: { id: string } }>('POST', '/api/v1/auth/login', {
    body: { username, password },
  });
  if (answer.status === 401) {
    throw new SetupError(
      `${username} cannot sign in with the password given (--admin-password / --officer-password)`,
    );
  }
  if (answer.status !== 200)
    throw new HubAnswerError('POST', '/api/v1/auth/login', answer.status, answer.body);
  return { token: answer.body.token, userId: answer.body.user.id };
}

export async function readCentre(api: HubHttp, token: string) {
  const { centre } = await api.ok<{
    centre: { timeZone: string; openingHours: CentreModel['openingHours'] };
  }>('GET', '/api/v1/centre', { token });
  const { services } = await api.ok<{ services: Service[] }>('GET', '/api/v1/services', { token });
  const { counters } = await api.ok<{ counters: Counter[] }>('GET', '/api/v1/counters', { token });
  return { centre, fields: services.filter((s) => s.active), counters };
}

/**
 * The counters to staff when there are fewer officers than counters: each next one covers the
 * largest share of arrivals not covered yet, so every busy field keeps a counter.
 */
export function pickCounters(
  counters: Counter[],
  fields: Service[],
  traffic: CatalogTraffic,
  officers: number,
): Counter[] {
  const share = new Map(
    fields.map((field) => [
      field.id,
      traffic.fields.find((f) => f.code === field.code)?.shareOfArrivals ?? 0,
    ]),
  );
  const left = [...counters].sort((a, b) => a.number - b.number);
  const picked: Counter[] = [];
  const covered = new Set<string>();
  while (picked.length < officers && left.length > 0) {
    let best = 0;
    let bestGain = -1;
    left.forEach((c, i) => {
      const gain = c.serviceIds
        .filter((id) => !covered.has(id))
        .reduce((sum, id) => sum + (share.get(id) ?? 0), 0);
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    });
    const [counter] = left.splice(best, 1);
    picked.push(counter!);
    for (const id of counter!.serviceIds) covered.add(id);
  }
  return picked.sort((a, b) => a.number - b.number);
}

/** Officers `canbo<N>` for the picked counters: created when missing, signed in (password). */
export async function officersFor(
  api: HubHttp,
  adminToken: string,
  counters: Counter[],
  password: string,
): Promise<SimOfficer[]> {
  // Anyone still signed in at a counter (an earlier run, a live demo) is signed out first.
  for (const counter of counters) {
    if (counter.state !== 'closed') {
      await api.ok('POST', `/api/v1/counters/${counter.id}/sign-out`, { token: adminToken });
    }
  }
  // One at a time: the hub lets only a few sign-ins of one address be checked at once.
  const officers = [];
  for (const counter of counters) {
    const username = `canbo${counter.number}`;
    const created = await api.call('POST', '/api/v1/users', {
      token: adminToken,
      body: {
        username,
        password,
        displayName: OFFICER_NAMES[counter.number - 1] ?? `Cán bộ quầy ${counter.number}`,
        role: 'officer',
      },
    });
    if (created.status !== 201 && created.status !== 409) {
      throw new HubAnswerError('POST', '/api/v1/users', created.status, created.body);
    }
    const { token, userId } = await login(api, username, password);
    officers.push({
      username,
      userId,
      token,
      counter: { id: counter.id, number: counter.number, fieldIds: counter.serviceIds },
    });
  }
  return officers;
}

export async function pairKiosk(
  api: HubHttp,
  adminToken: string,
): Promise<{ token: string; deviceId: string }> {
  const { code } = await api.ok<{ code: string }>(
    'POST',
    '/api/v1/devices/pairing-codes',
    { token: adminToken, body: { kind: 'kiosk', name: 'Kiosk mô phỏng' } },
    201,
  );
  const paired = await api.ok<{ token: string; device: { id: string } }>(
    'POST',
    '/api/v1/devices/pair',
    { body: { code } },
    201,
  );
  return { token: paired.token, deviceId: paired.device.id };
}
