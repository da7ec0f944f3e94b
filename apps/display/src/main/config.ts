// The display's local configuration file (Electron shell): which hub, which page settings.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const DisplayConfig = z.strictObject({
  hubUrl: z
    .string()
    .url('a URL such as http://192.168.1.10:8080')
    .refine((u) => /^https?:\/\//.test(u), 'http:// or https://'),
  /** The page's settings (docs/display.md), e.g. "?layout=counter&counter=3". */
  query: z
    .string()
    .max(500)
    .refine(
      (q) => q === '' || (q.startsWith('?') && !/[#\s]/.test(q)),
      'empty, or "?name=value&…" without spaces',
    )
    .default(''),
  fullscreen: z.boolean().default(true),
  /** Keep the screen from sleeping (a wall display is on all day). */
  preventSleep: z.boolean().default(true),
});
export type DisplayConfig = z.infer<typeof DisplayConfig>;

export class DisplayConfigError extends Error {
  override name = 'DisplayConfigError';
}

export function parseDisplayConfig(text: string, source = 'display config'): DisplayConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DisplayConfigError(`${source}: not valid JSON`);
  }
  const parsed = DisplayConfig.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`);
    throw new DisplayConfigError(`${source}:\n  ${lines.join('\n  ')}`);
  }
  return { ...parsed.data, hubUrl: parsed.data.hubUrl.replace(/\/+$/, '') };
}

export function loadDisplayConfig(file: string): DisplayConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new DisplayConfigError(`${file}: cannot be read; create it with {"hubUrl": "http://HUB:8080"}`);
  }
  return parseDisplayConfig(text, file);
}

/** The page the window loads: the hub's /display/ with the configured settings. */
export function displayPageUrl(config: Pick<DisplayConfig, 'hubUrl' | 'query'>): string {
  return `${config.hubUrl}/display/${config.query}`;
}
