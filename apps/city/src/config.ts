// City server configuration from the environment (API.md, "Starting a city server").
import { resolve } from 'node:path';
import { NewPassword, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '@luot/shared';
import { z } from 'zod';

const ConfigSchema = z.object({
  LUOT_CITY_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL of a PostgreSQL (≥ 15) server')
    .optional(),
  LUOT_DATA_DIR: z.string().min(1).default('./data/city'),
  LUOT_PORT: z
    .string()
    .regex(/^\d+$/, 'a whole number from 0 to 65535')
    .transform(Number)
    .refine((n) => n <= 65535, 'a whole number from 0 to 65535')
    .default(8090),
  LUOT_HOST: z.string().min(1).default('0.0.0.0'),
  LUOT_ADMIN_PASSWORD: NewPassword.refine((p) => passwordProblem(p, 'admin') === null, {
    message: PASSWORD_PROBLEM_MESSAGES.like_username,
  }).optional(),
  LUOT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LUOT_CITY_DEMO: z
    .string()
    .regex(/^\d{1,3}$/, 'a number of past days to fill with the demo centres (e.g. 28), or 0')
    .transform(Number)
    .optional(),
});

export interface CityConfig {
  databaseUrl: string | null;
  dataDir: string;
  port: number;
  host: string;
  adminPassword: string | null;
  logLevel: string;
  /** Seconds a report's `created` may be from the city's clock (API.md: 300). */
  signatureSkewSeconds?: number;
  /** Enrolment attempts allowed per client address per minute. */
  enrolPerMinute?: number;
  /** LUOT_CITY_DEMO: fill this many past days with a dozen demo centres on first start (demo.ts). */
  demoDays?: number;
}

export function loadCityConfig(env: NodeJS.ProcessEnv = process.env): CityConfig {
  // An empty variable is an unset one (as for the hub).
  const picked = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const result = ConfigSchema.safeParse(picked);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${String(issue.path[0])}: ${issue.message}`);
  }
  const c = result.data;
  return {
    databaseUrl: c.LUOT_CITY_DATABASE_URL ?? null,
    dataDir: resolve(c.LUOT_DATA_DIR),
    port: c.LUOT_PORT,
    host: c.LUOT_HOST,
    adminPassword: c.LUOT_ADMIN_PASSWORD ?? null,
    logLevel: c.LUOT_LOG_LEVEL,
    demoDays: c.LUOT_CITY_DEMO ?? 0,
  };
}
