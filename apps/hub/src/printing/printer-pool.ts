// Printing tickets for browser kiosks (the hub prints on the kiosk's network printer). Loaded
// on first use (`Hub.printing()`): the renderer's native canvas and serialport cost ~35 MB of
// memory that a hub without printing kiosks never needs.
import {
  buildTicketJob,
  type PaperWidth,
  Printer,
  type PrinterOptions,
  type PrintMode,
  type PrintResult,
} from '@luot/hardware';
import type { TicketLayout } from '@luot/shared';

export type PrintAnswer = { ok: true; ms: number } | Extract<PrintResult, { ok: false }>;

export class PrinterPool {
  /** One Printer per URI, so jobs for one printer queue behind each other. */
  private readonly printers = new Map<string, Printer>();

  constructor(private readonly options: PrinterOptions = {}) {}

  printer(uri: string): Printer {
    let printer = this.printers.get(uri);
    if (!printer) {
      printer = new Printer(uri, this.options);
      this.printers.set(uri, printer);
    }
    return printer;
  }

  /** Renders and prints one ticket; every failure, rendering included, is a typed answer. */
  async print(
    uri: string,
    layout: TicketLayout,
    job: { paper: PaperWidth; mode: PrintMode },
  ): Promise<PrintAnswer> {
    const started = performance.now();
    let bytes: Uint8Array;
    try {
      bytes = buildTicketJob(layout, { paper: job.paper, mode: job.mode }).bytes;
    } catch (error) {
      return {
        ok: false,
        error: 'error',
        message: `the ticket could not be rendered: ${(error as Error).message}`,
      };
    }
    const result = await this.printer(uri).print(bytes);
    if (!result.ok) return { ok: false, error: result.error, message: result.message };
    return { ok: true, ms: Math.round(performance.now() - started) };
  }
}
