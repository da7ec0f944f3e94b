// The counter PC's local configuration file (Electron shell): which hub, which counter this PC
// stands at, and the serial bus of its LED sign, keypad and satisfaction pad (or none).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Address = z
  .number()
  .int('a whole number')
  .min(1, 'a bus address 1..247')
  .max(247, 'a bus address 1..247');

const DevicesConfig = z
  .strictObject({
    /** The USB-RS485 adapter, e.g. /dev/serial/by-id/usb-FTDI_…-port0 or COM3. */
    serialPath: z.string().trim().min(1, 'required, e.g. /dev/ttyUSB0 or COM3'),
    baudRate: z
      .number()
      .int()
      .refine((b) => [9600, 19200, 38400, 57600, 115200].includes(b), '9600, 19200, 38400, 57600 or 115200')
      .default(9600),
    /** Bus addresses; left out = the counter number (docs/hardware.md). */
    signAddress: Address.optional(),
    keypadAddress: Address.optional(),
    padAddress: Address.optional(),
    /**
     * A one-time pairing code of a counter device of this counter (`pnpm luot pairing-code counter
     * "…" --counter c3`): the satisfaction pad rates with that device's token, never with the
     * officer's (API.md). Used once; the token is then kept encrypted. Left out: the pad does not rate.
     */
    padPairingCode: z
      .string()
      .trim()
      .min(1, 'the code from the admin page or `pnpm luot pairing-code`')
      .max(32)
      .optional(),
  })
  .nullable();

export const CounterConfig = z.strictObject({
  hubUrl: z
    .string({ error: 'required, e.g. http://192.168.1.10:8080' })
    .url('a URL such as http://192.168.1.10:8080')
    .refine((u) => /^https?:\/\//.test(u), 'http:// or https://'),
  /** The counter this PC stands at (its devices are wired to it), e.g. "c1". */
  counterId: z
    .string({ error: 'required, e.g. "c1"' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a counter id such as "c1"'),
  /** The serial counter bus; null (or left out): no devices on this PC. */
  devices: DevicesConfig.default(null),
  fullscreen: z.boolean().default(false),
});
export type CounterConfig = z.infer<typeof CounterConfig>;
export type CounterDevicesConfig = NonNullable<CounterConfig['devices']>;

export class CounterConfigError extends Error {
  override name = 'CounterConfigError';
}

export function parseCounterConfig(text: string, source = 'counter config'): CounterConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CounterConfigError(`${source}: not valid JSON`);
  }
  const parsed = CounterConfig.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`);
    throw new CounterConfigError(`${source}:\n  ${lines.join('\n  ')}`);
  }
  return { ...parsed.data, hubUrl: parsed.data.hubUrl.replace(/\/+$/, '') };
}

export function loadCounterConfig(file: string): CounterConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CounterConfigError(
      `${file}: cannot be read; create it with {"hubUrl": "http://HUB:8080", "counterId": "c1", "devices": null}`,
    );
  }
  return parseCounterConfig(text, file);
}

/** The bus addresses of this counter's devices: configured, else the counter number. */
export function deviceAddresses(devices: CounterDevicesConfig, counterNumber: number) {
  return {
    sign: devices.signAddress ?? counterNumber,
    keypad: devices.keypadAddress ?? counterNumber,
    pad: devices.padAddress ?? counterNumber,
  };
}
