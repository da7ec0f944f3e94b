// Sample fields, counters and tickets for the kiosk's tests.
import type { Counter, RatingWindow, Service, Ticket, TicketLookup } from '@luot/shared';
import { sampleCounter, sampleService, sampleServices, sampleTicket } from '@luot/shared/fixtures';

/** Hộ tịch, Đất đai, and an inactive old field. */
export const fields: Service[] = [
  ...sampleServices,
  sampleService('svc-cu', 'Lĩnh vực cũ', 'Old field', { code: 'CU', start: 9001, end: 9999, active: false }),
];

export const counter = (over: Partial<Counter> = {}): Counter => sampleCounter(over);

export const ticket = (over: Partial<Ticket> = {}): Ticket =>
  sampleTicket({ id: 'tk_0123456789abcdefABCDEF', issuedAt: '2025-05-12T02:05:09.000Z', ...over });

/** A ticket as GET /api/v1/tickets/:id answers it (ratingWindow: null until it is done). */
export function withWait(
  over: Partial<Ticket> = {},
  waitingAhead = 3,
  estimatedWaitMinutes = 12,
  ratingWindow: RatingWindow | null = null,
): TicketLookup {
  return { ticket: ticket(over), waitingAhead, estimatedWaitMinutes, ratingWindow };
}
