// `pnpm serial pair|sign|keypad|pad`: serial device emulators on socat pty pairs (docs/hardware.md).
import { runSerialEmulateCli } from '../serial/index.ts';

if (import.meta.url === `file://${process.argv[1]}`) {
  runSerialEmulateCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`serial: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
