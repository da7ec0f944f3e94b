// Printing from the Electron main process on the kiosk's own printer (USB, serial or network).
import { buildTicketJob, Printer, type PrintResult, type TicketLayout } from '@luot/hardware';
import type { KioskConfig } from './config.ts';

const printers = new Map<string, Printer>();

/** Prints a ticket layout on the configured printer; every outcome is a typed result. */
export async function printLocally(layout: TicketLayout, config: KioskConfig): Promise<PrintResult> {
  if (!config.printer)
    return { ok: false, error: 'error', message: 'this kiosk has no local printer configured' };
  const { uri, paper, mode } = config.printer;
  let printer = printers.get(uri);
  if (!printer) {
    printer = new Printer(uri);
    printers.set(uri, printer);
  }
  try {
    return await printer.print(buildTicketJob(layout, { paper, mode }).bytes);
  } catch (error) {
    return { ok: false, error: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
