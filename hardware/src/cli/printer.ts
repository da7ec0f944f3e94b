// `pnpm printer test|status|emulate`: technician commands for ticket printers (API.md).
import { parseArgs } from 'node:util';
import { buildTicketJob } from '../escpos/index.ts';
import { BadPrinterUri, Printer, verifyPrinterUri } from '../printer/index.ts';
import { sampleLayout } from '../ticket/sample.ts';
import type { PaperWidth, PrintMode } from '../types.ts';

const USAGE = `Lượt — ticket printer commands

  pnpm printer test URI [--paper 58|80] [--mode raster|text|ascii]
        prints a sample ticket (every field, long Vietnamese names, QR); exit 0 when the printer took it
  pnpm printer status URI
        online, cover open, paper near end, paper out
  pnpm printer emulate [--port 9100] [--out DIR] [--paper 58|80]
        a virtual network printer that saves each ticket as PNG + JSON

URI: tcp://HOST:PORT, serial:/dev/ttyUSB0?baud=9600 or file:/dev/usb/lp0
     (file: only a printer's character device under /dev)
`;

const PAPERS = ['58', '80'];
const MODES = ['raster', 'text', 'ascii'];

/** Runs one command; returns the exit code. */
export async function runPrinterCli(
  argv: string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'emulate') {
    const { runEmulateCli } = await import('../emulator/index.ts');
    return runEmulateCli(rest);
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      paper: { type: 'string', default: '80' },
      mode: { type: 'string', default: 'raster' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const uri = positionals[0];
  if (values.help || !command || !uri || (command !== 'test' && command !== 'status')) {
    out(USAGE);
    return command === undefined || values.help ? 0 : 2;
  }
  try {
    // The syntax, and for file: a printer device under /dev (the hub's rule too).
    verifyPrinterUri(uri);
  } catch (error) {
    if (!(error instanceof BadPrinterUri)) throw error;
    out(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const printer = new Printer(uri);
  if (command === 'status') {
    const result = await printer.status();
    if (!result.ok) {
      out(`${uri}: ${result.error} — ${result.message}`);
      return 1;
    }
    const s = result.status;
    out(
      `${uri}: ${s.online ? 'online' : 'offline'}${s.coverOpen ? ', cover open' : ''}${s.paperOut ? ', paper out' : s.paperNearEnd ? ', paper near end' : ''}`,
    );
    return s.online ? 0 : 1;
  }
  if (!PAPERS.includes(values.paper) || !MODES.includes(values.mode)) {
    out(`--paper is 58 or 80 and --mode is raster, text or ascii\n\n${USAGE}`);
    return 2;
  }
  const paper = Number(values.paper) as PaperWidth;
  const job = buildTicketJob(sampleLayout(true), { paper, mode: values.mode as PrintMode, cut: true });
  const result = await printer.print(job.bytes);
  if (!result.ok) {
    out(`${uri}: not printed — ${result.error}: ${result.message}`);
    return 1;
  }
  out(`${uri}: printed a ${paper} mm sample ticket (${values.mode}, ${result.bytes} bytes, ${result.ms} ms)`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runPrinterCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`printer: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
