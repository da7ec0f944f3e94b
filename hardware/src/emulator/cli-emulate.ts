// `pnpm printer emulate --port 9100 --out DIR [--paper 58|80] [--host 127.0.0.1]`
//
// Starts the printer emulator in the foreground, logs one line per ticket and switches faults from
// lines typed on stdin: paper-out, paper-ok, cover-open, cover-closed, near-end, near-end-off,
// slow MS, drop N, drop off, offline, online, status, clear, quit. SIGINT/SIGTERM stop it.

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { PaperWidth } from '../types.ts';
import { type EmulatedTicket, type PrinterEmulator, startPrinterEmulator } from './printer-server.ts';

export interface EmulateCliIo {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** Handle SIGINT/SIGTERM (default true). */
  signals?: boolean;
  /** Called once the emulator listens (tests). */
  onReady?: (emulator: PrinterEmulator) => void;
}

export const EMULATE_USAGE = `usage: pnpm printer emulate [--port 9100] [--host 127.0.0.1] [--out DIR] [--paper 58|80]
stdin commands: paper-out | paper-ok | cover-open | cover-closed | near-end | near-end-off |
                slow MS | drop N | drop off | offline | online | status | clear | quit`;

interface EmulateArgs {
  port: number;
  host: string;
  outDir: string | undefined;
  paper: PaperWidth | undefined;
}

export function parseEmulateArgs(argv: readonly string[]): EmulateArgs | string {
  const args = argv[0] === 'emulate' ? argv.slice(1) : argv;
  const out: EmulateArgs = { port: 9100, host: '127.0.0.1', outDir: undefined, paper: undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--port': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 0 || v > 65535) return 'bad --port';
        out.port = v;
        break;
      }
      case '--host': {
        const v = value();
        if (!v) return 'bad --host';
        out.host = v;
        break;
      }
      case '--out': {
        const v = value();
        if (!v) return 'bad --out';
        out.outDir = v;
        break;
      }
      case '--paper': {
        const v = Number(value());
        if (v !== 58 && v !== 80) return 'bad --paper (58 or 80)';
        out.paper = v;
        break;
      }
      case '--help':
      case '-h':
        return '';
      default:
        return `unknown argument: ${a}`;
    }
  }
  return out;
}

/** One log line for a ticket: index, bytes, first text line, QR payload, files written. */
export function describeTicket(t: EmulatedTicket): string {
  const first = t.decoded.lines.find((l) => l.text.trim() !== '')?.text.trim() ?? '';
  const parts = [`ticket #${t.index}`, `${t.json.bytes} bytes`];
  parts.push(
    first ? JSON.stringify(first) : t.images.length ? `raster ${t.json.raster.length} band(s)` : '(no text)',
  );
  if (t.json.qr.length) parts.push(`qr=${t.json.qr.join(' | ')}`);
  if (!t.json.cut) parts.push('(no cut)');
  if (t.files) parts.push(`-> ${t.files.png}, ${t.files.json}`);
  return parts.join('  ');
}

/** Applies one stdin command; returns the reply line, or null for quit. */
export async function applyEmulatorCommand(emulator: PrinterEmulator, line: string): Promise<string | null> {
  const [cmd = '', arg] = line.trim().split(/\s+/);
  switch (cmd.toLowerCase()) {
    case '':
      return '';
    case 'paper-out':
      await emulator.setFault({ paperOut: true });
      break;
    case 'paper-ok':
    case 'paper-in':
      await emulator.setFault({ paperOut: false });
      break;
    case 'cover-open':
      await emulator.setFault({ coverOpen: true });
      break;
    case 'cover-closed':
    case 'cover-close':
      await emulator.setFault({ coverOpen: false });
      break;
    case 'near-end':
      await emulator.setFault({ paperNearEnd: true });
      break;
    case 'near-end-off':
      await emulator.setFault({ paperNearEnd: false });
      break;
    case 'slow': {
      const ms = Number(arg ?? 0);
      if (!Number.isFinite(ms) || ms < 0) return 'usage: slow MS';
      await emulator.setFault({ slowMs: ms });
      break;
    }
    case 'drop': {
      if (arg === 'off' || arg === '0') {
        await emulator.setFault({ dropAfterBytes: null });
        break;
      }
      const n = Number(arg);
      if (!Number.isInteger(n) || n <= 0) return 'usage: drop N | drop off';
      await emulator.setFault({ dropAfterBytes: n });
      break;
    }
    case 'offline':
      await emulator.setFault({ offline: true });
      break;
    case 'online':
      await emulator.setFault({ offline: false });
      break;
    case 'clear':
      await emulator.clearFaults();
      break;
    case 'status':
      break;
    case 'quit':
    case 'exit':
      return null;
    default:
      return `unknown command: ${cmd}\n${EMULATE_USAGE.split('\n').slice(1).join('\n')}`;
  }
  const f = emulator.faults;
  const s = emulator.status();
  return `faults: paperOut=${f.paperOut} coverOpen=${f.coverOpen} nearEnd=${f.paperNearEnd} slowMs=${f.slowMs} dropAfterBytes=${f.dropAfterBytes ?? 'off'} offline=${f.offline} -> online=${s.online}`;
}

/** Runs the emulator until SIGINT/SIGTERM or `quit`; resolves with the exit code. */
export async function runEmulateCli(argv: readonly string[], io: EmulateCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const say = (s: string) => stdout.write(`${s}\n`);
  const args = parseEmulateArgs(argv);
  if (typeof args === 'string') {
    if (args) stderr.write(`${args}\n`);
    stderr.write(`${EMULATE_USAGE}\n`);
    return args ? 2 : 0;
  }
  let emulator: PrinterEmulator;
  try {
    emulator = await startPrinterEmulator({
      port: args.port,
      host: args.host,
      outDir: args.outDir,
      paper: args.paper,
      log: (m) => say(m),
    });
  } catch (e) {
    stderr.write(`cannot listen on ${args.host}:${args.port}: ${(e as Error).message}\n`);
    return 1;
  }
  emulator.on('ticket', (t) => say(describeTicket(t)));
  emulator.on('discarded', (t, reason) => say(`ticket not printed (${reason}): ${t.bytes} bytes`));
  emulator.on('dropped', ({ bytes }) => say(`connection dropped after ${bytes} bytes`));
  say(
    `printer emulator listening on ${args.host}:${emulator.port}` +
      `${args.outDir ? `, writing tickets to ${args.outDir}` : ''}${args.paper ? `, ${args.paper} mm paper` : ''}`,
  );
  say('type: paper-out | paper-ok | cover-open | cover-closed | slow MS | drop N | offline | online | quit');
  io.onReady?.(emulator);

  return new Promise<number>((resolve) => {
    let done = false;
    const stdin = io.stdin ?? process.stdin;
    const rl = createInterface({ input: stdin, terminal: false });
    const stop = async () => {
      if (done) return;
      done = true;
      rl.close();
      if (io.signals !== false) {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      await emulator.close();
      say('printer emulator stopped');
      resolve(0);
    };
    if (io.signals !== false) {
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }
    let chain = Promise.resolve();
    rl.on('line', (line) => {
      chain = chain.then(async () => {
        if (done) return;
        const reply = await applyEmulatorCommand(emulator, line);
        if (reply === null) await stop();
        else if (reply) say(reply);
      });
    });
  });
}
