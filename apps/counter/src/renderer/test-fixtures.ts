// Sample fields, counters and tickets for the counter terminal's tests.
import type { Counter, Ticket } from '@luot/shared';
import { sampleCounter, sampleServices, sampleTicket } from '@luot/shared/fixtures';

export const services = sampleServices;

/** Quầy 1 with Nguyễn Văn A signed in. */
export const counter = (over: Partial<Counter> = {}): Counter =>
  sampleCounter({ officer: { id: 'u1', displayName: 'Nguyễn Văn A' }, ...over });

export const ticket = (over: Partial<Ticket> = {}): Ticket => sampleTicket(over);
