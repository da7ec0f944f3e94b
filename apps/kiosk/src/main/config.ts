// The kiosk's local configuration file (Electron shell): which hub, which printer.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const PrinterConfig = z.strictObject({
  uri: z.string().min(1, 'required'),
  paper: z.union([z.literal(58), z.literal(80)]).default(80),
  mode: z.enum(['raster', 'text', 'ascii']).default('raster'),
});

export const KioskConfig = z.strictObject({
  hubUrl: z
    .string()
    .url('a URL such as http://192.168.1.10:8080')
    .refine((u) => /^https?:\/\//.test(u), 'http:// or https://'),
  /** A printer attached to this kiosk; without one the hub prints (its printer for this device). */
  printer: PrinterConfig.nullable().default(null),
  fullscreen: z.boolean().default(true),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

export class KioskConfigError extends Error {
  override name = 'KioskConfigError';
}

export function parseKioskConfig(text: string, source = 'kiosk config'): KioskConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KioskConfigError(`${source}: not valid JSON`);
  }
  const parsed = KioskConfig.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`);
    throw new KioskConfigError(`${source}:\n  ${lines.join('\n  ')}`);
  }
  return { ...parsed.data, hubUrl: parsed.data.hubUrl.replace(/\/+$/, '') };
}

export function loadKioskConfig(file: string): KioskConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new KioskConfigError(`${file}: cannot be read; create it with {"hubUrl": "http://HUB:8080"}`);
  }
  return parseKioskConfig(text, file);
}
