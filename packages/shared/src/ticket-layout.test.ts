import { describe, expect, it } from 'vitest';
import { sampleTicket } from './fixtures.ts';
import { countersToPrint, TicketLayout, ticketLayout } from './ticket-layout.ts';

const counter = (id: string, number: number, state: string, serviceIds: string[]) => ({
  id,
  number,
  state,
  serviceIds,
});
const counters = [
  counter('c3', 3, 'open', ['s1']),
  counter('c1', 1, 'paused', ['s1', 's2']),
  counter('c2', 2, 'closed', ['s1']),
  counter('c4', 4, 'closed', ['s4']),
];
const waiting = { serviceId: 's1', counterNumber: null, targetCounterId: null };

describe('countersToPrint', () => {
  it('sends the citizen to the open (or paused) counters of the field, in order', () => {
    expect(countersToPrint(waiting, counters)).toEqual([1, 3]);
  });
  it('names every counter of the field when none is open, and none for a field nobody serves', () => {
    expect(countersToPrint({ ...waiting, serviceId: 's4' }, counters)).toEqual([4]);
    expect(countersToPrint({ ...waiting, serviceId: 'nowhere' }, counters)).toEqual([]);
  });
  it('names the ticket’s own counter once called, or the counter it was transferred to', () => {
    expect(countersToPrint({ ...waiting, counterNumber: 2 }, counters)).toEqual([2]);
    expect(countersToPrint({ ...waiting, targetCounterId: 'c4' }, counters)).toEqual([4]);
  });
});

describe('ticketLayout', () => {
  const ticket = sampleTicket({ priority: 'elderly', issuedAt: '2025-03-12T01:05:00.000Z' });
  const input = {
    ticket,
    waitingAhead: 4,
    estimatedWaitMinutes: 9,
    serviceName: 'Người có công',
    centre: { name: 'Trung tâm', hotline: '1900 1234', timeZone: 'Asia/Ho_Chi_Minh' },
    counterNumbers: [3, 1, 3],
    statusUrl: 'https://x.vn/t/t1',
  };

  it('builds the printed layout from an issued ticket, valid for its schema', () => {
    const layout = ticketLayout(input);
    expect(layout).toEqual({
      centreName: 'Trung tâm',
      serviceName: 'Người có công',
      displayNumber: ticket.displayNumber,
      counterNumbers: [1, 3],
      waitingAhead: 4,
      estimatedWaitMinutes: 9,
      priorityLabel: 'Người cao tuổi',
      issuedAt: Date.UTC(2025, 2, 12, 1, 5),
      timeZone: 'Asia/Ho_Chi_Minh',
      statusUrl: 'https://x.vn/t/t1',
      hotline: '1900 1234',
    });
    expect(TicketLayout.safeParse(layout).success).toBe(true);
    expect(ticketLayout({ ...input, ticket: { ...ticket, priority: null } }).priorityLabel).toBeNull();
  });

  it('the schema refuses what a renderer must not be handed', () => {
    const layout = ticketLayout(input);
    expect(TicketLayout.safeParse({ ...layout, displayNumber: '' }).success).toBe(false);
    expect(TicketLayout.safeParse({ ...layout, extra: 1 }).success).toBe(false);
    expect(TicketLayout.safeParse({ ...layout, counterNumbers: Array(51).fill(1) }).success).toBe(false);
  });
});
