// What the issued screen and the printed ticket say, worked out from the hub's answer and the
// live queue (pure functions).
import {
  countersToPrint,
  type PublicCounter,
  type PublicTicket,
  type Service,
  ticketLayout,
} from '@luot/shared';
import { CENTRE_TIME_ZONE, type TicketPrintLayout } from '@luot/ui';

/** The counters to send the citizen to, as the hub prints them (the shared rule). */
export function counterNumbersFor(ticket: PublicTicket, counters: Record<string, PublicCounter>): number[] {
  return countersToPrint(ticket, Object.values(counters));
}

export interface LayoutInput {
  ticket: PublicTicket;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  counterNumbers: number[];
  field: Service | undefined;
  centreName: string;
  statusUrl: string;
  hotline?: string;
}

/** The ticket as printed by the Electron shell on its own printer (the shared TicketLayout). */
export function buildPrintLayout(input: LayoutInput): TicketPrintLayout {
  return ticketLayout({
    ticket: input.ticket,
    waitingAhead: input.waitingAhead,
    estimatedWaitMinutes: input.estimatedWaitMinutes,
    serviceName: input.field?.name ?? '',
    centre: { name: input.centreName, hotline: input.hotline ?? '', timeZone: CENTRE_TIME_ZONE },
    counterNumbers: input.counterNumbers,
    statusUrl: input.statusUrl,
  });
}
