// TicketLayout from what the hub hands out when a ticket is issued.
import { PRIORITY_NAMES, type Ticket, type TicketWithWait } from '@luot/shared';
import type { TicketLayout } from '../types.ts';

export interface TicketPrintContext {
  /** Field (service) name in Vietnamese, e.g. Service.name. */
  serviceName: string;
  centre: { name: string; hotline: string; timeZone: string };
  /** Counters serving the ticket's field (open ones, or all that serve it). */
  counterNumbers: number[];
  /** The ticket's public status page. */
  statusUrl: string;
}

/** Build the printed layout of an issued ticket (the hub's issue answer plus centre details). */
export function ticketLayoutFromHub(
  issued: TicketWithWait | { ticket: Ticket; waitingAhead: number; estimatedWaitMinutes: number },
  ctx: TicketPrintContext,
): TicketLayout {
  const { ticket } = issued;
  const issuedAt = Date.parse(ticket.issuedAt);
  const counterNumbers =
    ticket.counterNumber !== null && ctx.counterNumbers.length === 0
      ? [ticket.counterNumber]
      : ctx.counterNumbers;
  return {
    centreName: ctx.centre.name,
    serviceName: ctx.serviceName,
    displayNumber: ticket.displayNumber,
    counterNumbers: [...new Set(counterNumbers)].sort((a, b) => a - b),
    waitingAhead: issued.waitingAhead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    priorityLabel: ticket.priority ? PRIORITY_NAMES[ticket.priority].vi : null,
    issuedAt: Number.isNaN(issuedAt) ? Date.now() : issuedAt,
    timeZone: ctx.centre.timeZone,
    statusUrl: ctx.statusUrl,
    hotline: ctx.centre.hotline,
  };
}
