// Technician / demo entry for the serial emulators (wired up as `pnpm serial ...`):
//
//   pair   [--dir DIR]                          start a socat pty pair, print both ends
//   sign   --path P --address N [--baud 9600]   LED sign emulator, prints what it shows
//   keypad --path P --address N [--script S]    type keys (next recall start finish no_show transfer pause)
//   pad    --path P --address N                 type scores 1..4 (4 = rất hài lòng)

import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { SCORE_LABELS } from './devices.ts';
import { KeypadEmulator, RatingPadEmulator, SignEmulator } from './emulators.ts';
import type { SerialLink } from './port.ts';
import { KEYS, type Score } from './protocol.ts';
import { createPtyPair } from './pty.ts';

export interface SerialCliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Stops a long-running command (tests); Ctrl-C (SIGINT) and SIGTERM do too. */
  signal?: AbortSignal;
}

export const SERIAL_CLI_USAGE = `usage:
  pair   [--dir DIR]                           socat pty pair; prints the host end and the device end
  sign   --path P --address N [--baud 9600]    LED sign emulator; prints what it shows
  keypad --path P --address N [--script "next recall"]
                                               then type keys: ${KEYS.join(' ')} (or wait:MS)
  pad    --path P --address N [--script "4 3"] then type scores 1..4 (4 = rất hài lòng)
`;

interface Args {
  cmd: string | undefined;
  flags: Map<string, string>;
}

function parseArgs(argv: readonly string[]): Args | string {
  const [cmd, ...rest] = argv;
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m?.[1]) return `unexpected argument "${a}"`;
    const value = m[2] ?? rest[++i];
    if (value === undefined) return `--${m[1]} needs a value`;
    flags.set(m[1] === 'port' ? 'path' : m[1], value);
  }
  return { cmd, flags };
}

/** Resolves when the signal aborts, SIGINT/SIGTERM arrives, or `extra` resolves. */
function untilStopped(signal: AbortSignal | undefined, extra?: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (signal?.aborted) return stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop);
    extra?.then(stop, stop);
  });
}

function linkStatus(link: SerialLink, out: Writable, label: string) {
  link.on('up', () => out.write(`${label}: connected\n`));
  link.on('down', (d) => out.write(`${label}: disconnected (${d.message}), retrying…\n`));
}

/** Runs one serial emulator command; resolves with the exit code (0 ok, 1 runtime failure, 2 usage). */
export async function runSerialEmulateCli(
  argv: readonly string[],
  io: SerialCliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const { stdout: out, stderr: err } = io;
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    err.write(`${parsed}\n${SERIAL_CLI_USAGE}`);
    return 2;
  }
  const { cmd, flags } = parsed;

  if (cmd === undefined || cmd === 'help' || cmd === '--help') {
    out.write(SERIAL_CLI_USAGE);
    return cmd === undefined ? 2 : 0;
  }

  if (cmd === 'pair') {
    let pair: Awaited<ReturnType<typeof createPtyPair>>;
    try {
      const dir = flags.get('dir');
      pair = await createPtyPair(dir ? { dir } : {});
    } catch (e) {
      err.write(`${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    out.write(`host end:   ${pair.a}\ndevice end: ${pair.b}\n(${pair.ptys.join(' <-> ')}; Ctrl-C to stop)\n`);
    await untilStopped(io.signal);
    await pair.dispose();
    return 0;
  }

  if (cmd !== 'sign' && cmd !== 'keypad' && cmd !== 'pad') {
    err.write(`unknown command "${cmd}"\n${SERIAL_CLI_USAGE}`);
    return 2;
  }
  const path = flags.get('path');
  const address = Number(flags.get('address'));
  const baudRate = Number(flags.get('baud') ?? 9600);
  if (!path) {
    err.write(`--path is required\n${SERIAL_CLI_USAGE}`);
    return 2;
  }
  if (!Number.isInteger(address) || address < 1 || address > 247) {
    err.write(`--address must be 1..247 (the counter number)\n`);
    return 2;
  }
  if (!Number.isInteger(baudRate) || baudRate <= 0) {
    err.write(`--baud must be a positive integer\n`);
    return 2;
  }

  if (cmd === 'sign') {
    const sign = new SignEmulator(path, address, { baudRate });
    linkStatus(sign.link, out, `sign ${address} on ${path}`);
    sign.on('log', (line) =>
      out.write(`${new Date().toLocaleTimeString('vi-VN')} ${line}   | ${sign.display}\n`),
    );
    await untilStopped(io.signal);
    await sign.close();
    return 0;
  }

  const device =
    cmd === 'keypad'
      ? new KeypadEmulator(path, address, { baudRate })
      : new RatingPadEmulator(path, address, { baudRate });
  linkStatus(device.link, out, `${cmd} ${address} on ${path}`);
  device.on('log', (line) => out.write(`${line}\n`));

  const handle = async (text: string): Promise<void> => {
    const line = text.trim();
    if (!line) return;
    if (device instanceof KeypadEmulator) {
      const r = await device.pressScript(line);
      if (!r.ok) err.write(`${r.message}; keys: ${KEYS.join(' ')}\n`);
      return;
    }
    for (const token of line.split(/[\s,]+/)) {
      const score = Number(token);
      if (![1, 2, 3, 4].includes(score)) {
        err.write(`"${token}" is not a score 1..4\n`);
        continue;
      }
      const r = await device.rate(score as Score);
      if (r.ok) out.write(`  (${SCORE_LABELS[score as Score]})\n`);
    }
  };

  await device.whenUp(3000);
  const script = flags.get('script');
  if (script) await handle(script);

  const rl = createInterface({ input: io.stdin, terminal: false });
  const lines = (async () => {
    let chain = Promise.resolve();
    rl.on('line', (l) => {
      chain = chain.then(() => handle(l));
    });
    await once(rl, 'close');
    await chain;
  })();
  out.write(cmd === 'keypad' ? `type keys: ${KEYS.join(' ')}\n` : 'type a score 1..4 (4 = rất hài lòng)\n');
  await untilStopped(io.signal, lines);
  rl.close();
  await device.close();
  return 0;
}
