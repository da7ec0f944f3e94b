// Sample fields, counters, tickets and call events for the display's tests.
import type { Counter, QueueSnapshot, Service, Ticket, TicketCalledEvent } from '@luot/shared';
import { sampleCounter, sampleService, sampleTicket } from '@luot/shared/fixtures';

export const fields: Service[] = [
  sampleService('hotich', 'Hộ tịch', 'Civil status'),
  sampleService('chungthuc', 'Chứng thực', 'Certification'),
  sampleService('datdai', 'Đất đai', 'Land'),
  sampleService('cutru', 'Cư trú', 'Residence'),
  sampleService('cu', 'Lĩnh vực cũ', 'Old field', { active: false }),
];

export const ticket = (over: Partial<Ticket> = {}): Ticket =>
  sampleTicket({ id: 'tk-1012', serviceId: 'hotich', issuedAt: '2025-05-12T02:05:09.000Z', ...over });

export const counter = (number: number, over: Partial<Counter> = {}): Counter =>
  sampleCounter({
    id: `c${number}`,
    number,
    name: `Quầy ${number}`,
    zone: 'main',
    serviceIds: ['hotich'],
    ...over,
  });

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
