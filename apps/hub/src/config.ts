// Hub configuration from the environment (API.md, Starting a hub), validated with clear errors.
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { verifyPrinterUri } from '@luot/hardware/device';
import { NewPassword, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '@luot/shared';
import { z } from 'zod';
import { type KioskIssueSetting, parseKioskIssueLimit } from './auth/issue-limit.ts';

/** An http(s) base URL without query or fragment; a trailing slash is dropped. */
const PublicUrl = z.string().transform((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'an http:// or https:// URL, e.g. http://192.168.1.10:8080' });
    return z.NEVER;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    ctx.addIssue({ code: 'custom', message: 'an http:// or https:// URL, e.g. http://192.168.1.10:8080' });
    return z.NEVER;
  }
  return url.href.replace(/\/+$/, '');
});

/**
 * The syntax, and for file: a printer device under /dev on this machine (hardware.md). A device
 * path under /dev that is not there yet (a USB printer unplugged while the hub starts) is
 * accepted: printing says "offline" until it is plugged in, rather than the hub not starting.
 */
const PrinterUriText = z.string().superRefine((text, ctx) => {
  try {
    verifyPrinterUri(text, { allowMissing: true });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const ConfigSchema = z.object({
  LUOT_DATA_DIR: z.string().min(1).default('./data'),
  LUOT_PORT: z
    .string()
    .regex(/^\d+$/, 'a whole number from 0 to 65535')
    .transform(Number)
    .refine((n) => n <= 65535, 'a whole number from 0 to 65535')
    .default(8080),
  LUOT_HOST: z.string().min(1).default('0.0.0.0'),
  LUOT_SEED: z.enum(['demo'], { message: 'only "demo" is known' }).optional(),
  LUOT_ADMIN_PASSWORD: NewPassword.refine((p) => passwordProblem(p, 'admin') === null, {
    message: PASSWORD_PROBLEM_MESSAGES.like_username,
  }).optional(),
  LUOT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LUOT_PUBLIC_URL: PublicUrl.optional(),
  LUOT_DEFAULT_PRINTER: PrinterUriText.optional(),
  LUOT_APPS_DIR: z.string().min(1).optional(),
  LUOT_CITY_URL: PublicUrl.optional(),
  LUOT_CITY_ENROLMENT_CODE: z.string().trim().min(1).max(64).optional(),
  LUOT_KIOSK_ISSUE_LIMIT: z
    .string()
    .transform((text, ctx) => {
      try {
        return parseKioskIssueLimit(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
});

export interface HubConfig {
  dataDir: string;
  port: number;
  host: string;
  seed: 'demo' | null;
  adminPassword: string | null;
  logLevel: string;
  /**
   * Base URL of the hub as phones on the LAN reach it, printed in ticket QR codes
   * (`${publicUrl}/t/${ticketId}`). Null: worked out when the hub listens (publicUrlFor).
   */
  publicUrl?: string | null;
  /** Printer URI used by kiosks that have none assigned. */
  defaultPrinter?: string | null;
  /**
   * Folder holding the web apps' builds (`kiosk/dist`), served at /kiosk and /t/:id.
   * Null: the repository's `apps/` folder, found from the running module (static.ts).
   */
  appsDir?: string | null;
  /**
   * How fast one kiosk may issue tickets (issue-limit.ts): a burst, then so many a minute; 'off'
   * for load tests and benchmarks. Null: the default, 20 at once then 60 a minute.
   */
  kioskIssueLimit?: KioskIssueSetting | null;
  /**
   * How long a client has to send a whole request, headers and body (a slow kiosk on a weak
   * link still sends 64 KiB in far less); an idle connection is closed after it too. Websockets
   * are not affected. Default 30 s (http.ts, requestTimeouts).
   */
  requestTimeoutMs?: number | null;
  /** LUOT_CITY_URL with LUOT_CITY_ENROLMENT_CODE: the city to join on start, once (city/sync.ts). */
  cityUrl?: string | null;
  cityEnrolmentCode?: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const picked = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    dataDir: resolve(c.LUOT_DATA_DIR),
    port: c.LUOT_PORT,
    host: c.LUOT_HOST,
    seed: c.LUOT_SEED ?? null,
    adminPassword: c.LUOT_ADMIN_PASSWORD ?? null,
    logLevel: c.LUOT_LOG_LEVEL,
    publicUrl: c.LUOT_PUBLIC_URL ?? null,
    defaultPrinter: c.LUOT_DEFAULT_PRINTER ?? null,
    appsDir: c.LUOT_APPS_DIR ? resolve(c.LUOT_APPS_DIR) : null,
    kioskIssueLimit: c.LUOT_KIOSK_ISSUE_LIMIT ?? null,
    cityUrl: c.LUOT_CITY_URL ?? null,
    cityEnrolmentCode: c.LUOT_CITY_ENROLMENT_CODE ?? null,
  };
}

/**
 * The URL printed in QR codes when LUOT_PUBLIC_URL is not set: the address the hub listens on,
 * or, when it listens on every address, the machine's first non-internal IPv4 (127.0.0.1 if none).
 */
export function publicUrlFor(
  config: Pick<HubConfig, 'publicUrl' | 'host'>,
  port: number,
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): string {
  if (config.publicUrl) return config.publicUrl;
  let host = config.host;
  if (host === '0.0.0.0' || host === '::' || host === '') {
    const lan = Object.values(interfaces)
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    host = lan?.address ?? '127.0.0.1';
  }
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
