// Ticket printing cost without a printer: render the layout to 1-bit pixels and encode ESC/POS.
import { buildTicketJob, type PaperWidth, type PrintMode, sampleLayout } from '@luot/hardware';
import { type LatencySummary, summarize } from './lib/stats.ts';

export interface RenderResult {
  paper: PaperWidth;
  mode: PrintMode;
  runs: number;
  ms: LatencySummary;
  bytesPerTicket: number;
}

export function measureTicketRender(paper: PaperWidth, mode: PrintMode, runs: number): RenderResult {
  const layout = sampleLayout(true);
  for (let i = 0; i < 10; i++) buildTicketJob(layout, { paper, mode });
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    // A new issue time each run, so nothing can be reused between tickets.
    const started = performance.now();
    const job = buildTicketJob({ ...layout, issuedAt: layout.issuedAt + i * 60_000 }, { paper, mode });
    samples.push(performance.now() - started);
    bytes = job.bytes.length;
  }
  return { paper, mode, runs, ms: summarize(samples), bytesPerTicket: bytes };
}
