// What a printed ticket says, declared once, and the two rules that fill it: which counters the
// citizen is sent to, and the layout built from an issued ticket. The hub (printing for browser
// kiosks), the kiosk's Electron shell (printing on its own printer) and hardware/ (rendering) all
// use these.
import { z } from 'zod';
import { PRIORITY_NAMES, type Priority } from './domain.ts';

/** Everything a printed ticket says, as data (hardware/ renders it). */
export const TicketLayout = z.strictObject({
  centreName: z.string().max(200),
  /** The field's name in Vietnamese. */
  serviceName: z.string().max(200),
  /** The number as shown: "1012". */
  displayNumber: z.string().min(1).max(20),
  /** Counter numbers to go to: "Mời đến quầy 1, 3". */
  counterNumbers: z.array(z.number().int().min(0).max(9999)).max(50),
  waitingAhead: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0),
  /** Priority group name in Vietnamese ("Người cao tuổi"), or null. */
  priorityLabel: z.string().max(100).nullable(),
  /** Issue time (epoch ms); printed as dd/MM/yyyy HH:mm in `timeZone`. */
  issuedAt: z.number().finite(),
  timeZone: z.string().min(1).max(64),
  /** The ticket's status page URL, printed as a QR code. */
  statusUrl: z.string().url().max(500),
  hotline: z.string().max(40),
});
export type TicketLayout = z.infer<typeof TicketLayout>;

/** What the counters rule needs of a ticket. */
export interface TicketForCounters {
  serviceId: string;
  counterNumber: number | null;
  targetCounterId: string | null;
}

/** What the counters rule needs of a counter. */
export interface CounterForTicket {
  id: string;
  number: number;
  state: string;
  serviceIds: readonly string[];
}

/**
 * The counters to send the citizen to, in order: the ticket's own counter once called or
 * transferred to one; else the open (or paused) counters of its field; else every counter of its
 * field (none open yet: they will open).
 */
export function countersToPrint(ticket: TicketForCounters, counters: readonly CounterForTicket[]): number[] {
  if (ticket.counterNumber !== null) return [ticket.counterNumber];
  if (ticket.targetCounterId) {
    const target = counters.find((c) => c.id === ticket.targetCounterId);
    if (target) return [target.number];
  }
  const serving = counters.filter((c) => c.serviceIds.includes(ticket.serviceId));
  const open = serving.filter((c) => c.state !== 'closed');
  return [...new Set((open.length > 0 ? open : serving).map((c) => c.number))].sort((a, b) => a - b);
}

export interface TicketLayoutInput {
  ticket: { displayNumber: string; priority: Priority | null; issuedAt: string };
  waitingAhead: number;
  estimatedWaitMinutes: number;
  serviceName: string;
  centre: { name: string; hotline: string; timeZone: string };
  counterNumbers: readonly number[];
  statusUrl: string;
}

/** The printed layout of an issued ticket. */
export function ticketLayout(input: TicketLayoutInput): TicketLayout {
  const issuedAt = Date.parse(input.ticket.issuedAt);
  return {
    centreName: input.centre.name,
    serviceName: input.serviceName,
    displayNumber: input.ticket.displayNumber,
    counterNumbers: [...new Set(input.counterNumbers)].sort((a, b) => a - b),
    waitingAhead: input.waitingAhead,
    estimatedWaitMinutes: input.estimatedWaitMinutes,
    priorityLabel: input.ticket.priority ? PRIORITY_NAMES[input.ticket.priority].vi : null,
    issuedAt: Number.isFinite(issuedAt) ? issuedAt : Date.now(),
    timeZone: input.centre.timeZone,
    statusUrl: input.statusUrl,
    hotline: input.centre.hotline,
  };
}
