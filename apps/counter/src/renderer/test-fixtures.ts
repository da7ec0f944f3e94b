// Sample fields, counters and tickets for the counter terminal's tests.
import type { Counter, Service, Ticket } from '@luot/shared';

export const services: Service[] = [
  {
    id: 'svc-hotich',
    code: 'HOTICH',
    name: 'Hộ tịch',
    nameEn: 'Civil status',
    prefix: '',
    start: 1001,
    end: 1999,
    icon: 'family',
    active: true,
    procedures: [
      { id: 'p-khaisinh', code: null, name: 'Đăng ký khai sinh', nameEn: 'Birth registration' },
      { id: 'p-kethon', code: null, name: 'Đăng ký kết hôn', nameEn: 'Marriage registration' },
      { id: 'p-khaitu', code: null, name: 'Đăng ký khai tử', nameEn: 'Death registration' },
    ],
  },
  {
    id: 'svc-datdai',
    code: 'DATDAI',
    name: 'Đất đai',
    nameEn: 'Land',
    prefix: '',
    start: 3001,
    end: 3999,
    icon: 'land',
    active: true,
    procedures: [],
  },
];

export function counter(over: Partial<Counter> = {}): Counter {
  return {
    id: 'c1',
    number: 1,
    name: 'Quầy 1',
    zone: 'A',
    serviceIds: ['svc-hotich'],
    callPolicy: 'default',
    state: 'open',
    pauseReason: null,
    officer: { id: 'u1', displayName: 'Nguyễn Văn A' },
    currentTicket: null,
    ...over,
  };
}

export function ticket(over: Partial<Ticket> = {}): Ticket {
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
