// Sample objects of the shared types for the apps' tests (`@luot/shared/fixtures`; no app code
// imports it). Each app's test-fixtures.ts sets what its tests care about over these defaults.
import type { Counter, Service, Ticket } from './index.ts';

/** A waiting kiosk ticket 1012 of Hộ tịch, issued 2025-05-12 09:05 in Vietnam. */
export function sampleTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 'tk_1',
    serviceDay: '2025-05-12',
    serviceId: 'svc-hotich',
    procedureId: null,
    number: 1012,
    displayNumber: '1012',
    priority: null,
    channel: 'kiosk',
    status: 'waiting',
    issuedAt: '2025-05-12T02:05:00.000Z',
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    counterNumber: null,
    officerId: null,
    procedureIds: [],
    recallCount: 0,
    rating: null,
    targetCounterId: null,
    note: null,
    ...over,
  };
}

/** Quầy 1, open, nobody signed in, serving Hộ tịch. */
export function sampleCounter(over: Partial<Counter> = {}): Counter {
  return {
    id: 'c1',
    number: 1,
    name: 'Quầy 1',
    zone: 'A',
    serviceIds: ['svc-hotich'],
    callPolicy: 'default',
    state: 'open',
    pauseReason: null,
    officer: null,
    currentTicket: null,
    ...over,
  };
}

/** An active field numbered 1001–1999 without procedures. */
export function sampleService(
  id: string,
  name: string,
  nameEn: string,
  over: Partial<Service> = {},
): Service {
  return {
    id,
    code: id.toUpperCase(),
    name,
    nameEn,
    prefix: '',
    start: 1001,
    end: 1999,
    icon: 'inbox',
    active: true,
    procedures: [],
    ...over,
  };
}

/** Hộ tịch (three procedures, 1001–1999) and Đất đai (3001–3999), as the kiosk and counter show them. */
export const sampleServices: Service[] = [
  sampleService('svc-hotich', 'Hộ tịch', 'Civil status', {
    code: 'HOTICH',
    icon: 'family',
    procedures: [
      { id: 'p-khaisinh', code: null, name: 'Đăng ký khai sinh', nameEn: 'Birth registration' },
      { id: 'p-kethon', code: null, name: 'Đăng ký kết hôn', nameEn: 'Marriage registration' },
      { id: 'p-khaitu', code: null, name: 'Đăng ký khai tử', nameEn: 'Death registration' },
    ],
  }),
  sampleService('svc-datdai', 'Đất đai', 'Land', { code: 'DATDAI', start: 3001, end: 3999, icon: 'land' }),
];
