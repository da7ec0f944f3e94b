// What the issued screen and the printed ticket say, worked out from the hub's answer and the
// live queue (pure functions).
import { PRIORITY_NAMES, type PublicCounter, type PublicTicket, type Service } from '@luot/shared';
import { CENTRE_TIME_ZONE, type TicketPrintLayout } from '@luot/ui';

/**
 * The counters to send the citizen to, as the hub prints them: the ticket's own counter once
 * called or transferred; else the open (or paused) counters of its field; else every counter of
 * its field (none open yet: they will open).
 */
export function counterNumbersFor(ticket: PublicTicket, counters: Record<string, PublicCounter>): number[] {
  if (ticket.counterNumber !== null) return [ticket.counterNumber];
  const all = Object.values(counters);
  if (ticket.targetCounterId) {
    const target = counters[ticket.targetCounterId];
    if (target) return [target.number];
  }
  const serving = all.filter((c) => c.serviceIds.includes(ticket.serviceId));
  const open = serving.filter((c) => c.state !== 'closed');
  return (open.length > 0 ? open : serving).map((c) => c.number).sort((a, b) => a - b);
}

export interface LayoutInput {
  ticket: PublicTicket;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  counterNumbers: number[];
  service: Service | undefined;
  centreName: string;
  statusUrl: string;
  hotline?: string;
}

/** The ticket as printed by the Electron shell on its own printer (hardware's TicketLayout). */
export function buildPrintLayout(input: LayoutInput): TicketPrintLayout {
  const issuedAt = Date.parse(input.ticket.issuedAt);
  return {
    centreName: input.centreName,
    serviceName: input.service?.name ?? '',
    displayNumber: input.ticket.displayNumber,
    counterNumbers: input.counterNumbers,
    waitingAhead: input.waitingAhead,
    estimatedWaitMinutes: input.estimatedWaitMinutes,
    priorityLabel: input.ticket.priority ? PRIORITY_NAMES[input.ticket.priority].vi : null,
    issuedAt: Number.isFinite(issuedAt) ? issuedAt : Date.now(),
    timeZone: CENTRE_TIME_ZONE,
    statusUrl: input.statusUrl,
    hotline: input.hotline ?? '',
  };
}
