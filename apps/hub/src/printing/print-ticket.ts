// POST /api/v1/tickets/:id/print: a browser kiosk prints the ticket it issued on its printer,
// or staff reprint one (audited). The print happens after any commit, never inside a
// transaction; a failed print is an answer ({ok:false}), recorded as a device alert.
import type { PrintOutcome, PrintRequest, PrintResponse } from '@luot/shared';
import { countersToPrint, LuotError, ticketLayout } from '@luot/shared';
import type { Principal } from '../auth/auth.ts';
import type { DeviceRow, TicketRow } from '../db/store.ts';
import { tickets } from '../engine/index.ts';
import type { Hub } from '../hub.ts';
import { clearAlerts, deviceRow, raiseAlert } from './kiosk-devices.ts';

const FINAL = new Set(['done', 'cancelled', 'expired']);

/** The kiosk whose printer settings apply, for this principal and ticket. */
function printerDevice(
  hub: Hub,
  principal: Principal,
  ticket: TicketRow,
  body: PrintRequest,
): DeviceRow | null {
  if (principal.kind === 'device') {
    const self = principal.device.id;
    if (ticket.issued_by_device !== self) {
      throw new LuotError('forbidden', 'a kiosk prints only the tickets it issued');
    }
    if (body.deviceId !== undefined && body.deviceId !== self) {
      throw new LuotError('forbidden', 'deviceId: a kiosk prints only on its own printer');
    }
    // Read afresh: the token cache may hold the device as it was before a printer change.
    return deviceRow(hub.store, self) ?? null;
  }
  if (body.deviceId !== undefined) {
    const device = deviceRow(hub.store, body.deviceId);
    if (!device) throw new LuotError('not_found', `deviceId: no device ${body.deviceId}`);
    if (device.kind !== 'kiosk') {
      throw new LuotError('conflict', `deviceId: ${device.name} is a ${device.kind} device, not a kiosk`);
    }
    return device;
  }
  if (!ticket.issued_by_device) return null;
  const issuer = deviceRow(hub.store, ticket.issued_by_device);
  return issuer?.kind === 'kiosk' ? issuer : null;
}

/** Counters to send the citizen to (the shared rule, over the counters serving its field). */
function counterNumbers(hub: Hub, ticket: TicketRow): number[] {
  const counters = hub.store.counters();
  return countersToPrint(
    {
      serviceId: ticket.service_id,
      counterNumber: ticket.counter_number ?? null,
      targetCounterId: ticket.target_counter_id,
    },
    counters,
  );
}

export async function printTicket(
  hub: Hub,
  principal: Principal,
  ticketId: string,
  body: PrintRequest,
): Promise<PrintResponse> {
  const before = hub.store.ticketRow(ticketId);
  if (!before) throw new LuotError('not_found', `no ticket ${ticketId}`);
  const device = printerDevice(hub, principal, before, body);
  const uri = device?.printer_uri ?? hub.config.defaultPrinter ?? null;
  if (!uri) {
    throw new LuotError(
      'conflict',
      'no printer: assign one to the kiosk (PUT /api/v1/devices/:id/printer) or set LUOT_DEFAULT_PRINTER',
    );
  }
  if (principal.kind === 'user') {
    // Audited and committed before anything is printed; the status is checked in the transaction.
    await hub.exec(principal, 'reprint', (ctx) => tickets.reprint(ctx, ticketId, device?.id ?? null));
  } else if (FINAL.has(before.status)) {
    throw new LuotError('conflict', `cannot print ticket ${before.display_number}: it is ${before.status}`);
  }

  const issued = hub.ticketWithWait(ticketId);
  const row = hub.store.ticketRow(ticketId)!;
  const centre = hub.store.centre();
  const layout = ticketLayout({
    ticket: issued.ticket,
    waitingAhead: issued.waitingAhead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    serviceName: hub.store.service(row.service_id)?.name ?? '',
    centre: { name: centre.name, hotline: centre.hotline, timeZone: centre.time_zone },
    counterNumbers: counterNumbers(hub, row),
    statusUrl: `${hub.publicUrl}/t/${encodeURIComponent(ticketId)}`,
  });
  const job = { paper: device?.printer_paper ?? 80, mode: device?.printer_mode ?? 'raster' } as const;
  const print: PrintOutcome = await hub.printing().then(
    (pool) => pool.print(uri, layout, job),
    (error: unknown) => ({
      ok: false as const,
      error: 'error' as const,
      message: `printing is not available on this hub: ${(error as Error).message}`,
    }),
  );

  const now = hub.now();
  const logged = {
    ticket: issued.ticket.displayNumber,
    deviceId: device?.id ?? null,
    printer: device?.printer_uri ? 'kiosk' : 'default',
  };
  if (print.ok) {
    if (device && clearAlerts(hub.store, device.id, 'printer', now) > 0) {
      hub.log.info(logged, 'printer works again: alerts cleared');
    }
    hub.log.debug({ ...logged, ms: print.ms }, 'ticket printed');
  } else {
    if (device) {
      raiseAlert(
        hub.store,
        { deviceId: device.id, kind: 'printer', code: print.error, message: print.message },
        now,
      );
    }
    hub.log.warn({ ...logged, error: print.error, message: print.message }, 'ticket not printed');
  }
  return { ticket: issued.ticket, print };
}
