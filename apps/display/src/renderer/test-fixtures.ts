// Sample fields, counters, tickets and call events for the display's tests.
import type { Counter, QueueSnapshot, Service, Ticket, TicketCalledEvent } from '@luot/shared';

function service(id: string, name: string, nameEn: string, active = true): Service {
  return {
    id,
    code: id.toUpperCase(),
    name,
    nameEn,
    prefix: '',
    start: 1001,
    end: 1999,
    icon: 'inbox',
    active,
    procedures: [],
  };
}

export const services: Service[] = [
  service('hotich', 'Hộ tịch', 'Civil status'),
  service('chungthuc', 'Chứng thực', 'Certification'),
  service('datdai', 'Đất đai', 'Land'),
  service('cutru', 'Cư trú', 'Residence'),
  service('cu', 'Lĩnh vực cũ', 'Old field', false),
];

export function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 'tk-1012',
    serviceDay: '2025-05-12',
    serviceId: 'hotich',
    procedureId: null,
    number: 1012,
    displayNumber: '1012',
    priority: null,
    channel: 'kiosk',
    status: 'waiting',
    issuedAt: '2025-05-12T02:05:09.000Z',
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

export function counter(number: number, over: Partial<Counter> = {}): Counter {
  return {
    id: `c${number}`,
    number,
    name: `Quầy ${number}`,
    zone: 'main',
    serviceIds: ['hotich'],
    callPolicy: 'default',
    state: 'open',
    pauseReason: null,
    officer: null,
    currentTicket: null,
    ...over,
  };
}

/** Quầy 1–3 in zone main (Hộ tịch, Chứng thực, Đất đai), Quầy 6 upstairs (Cư trú). */
export const counters: Record<string, Counter> = {
  c1: counter(1, { serviceIds: ['hotich', 'chungthuc'] }),
  c2: counter(2, { serviceIds: ['hotich'], state: 'paused' }),
  c3: counter(3, { serviceIds: ['datdai'], state: 'closed' }),
  c6: counter(6, { zone: 'tang2', serviceIds: ['cutru'] }),
};

let seq = 100;

export function called(
  displayNumber: string,
  counterNumber: number,
  over: { recall?: boolean; at?: string; seq?: number; ticketId?: string; serviceId?: string } = {},
): TicketCalledEvent {
  const s = over.seq ?? ++seq;
  return {
    seq: s,
    at: over.at ?? new Date(Date.parse('2025-05-12T02:00:00.000Z') + s * 1000).toISOString(),
    recall: over.recall ?? false,
    ticket: {
      id: over.ticketId ?? `tk-${displayNumber}`,
      displayNumber,
      serviceId: over.serviceId ?? 'hotich',
    },
    counter: { id: `c${counterNumber}`, number: counterNumber, name: `Quầy ${counterNumber}` },
  };
}

export function snapshot(list: Counter[], over: Partial<QueueSnapshot> = {}): QueueSnapshot {
  return { serviceDay: '2025-05-12', seq: 50, tickets: [], counters: list, ...over };
}
