// Hub configuration from the environment (API.md, Starting a hub), validated with clear errors.
import { resolve } from 'node:path';
import { z } from 'zod';

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
  LUOT_ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  LUOT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface HubConfig {
  dataDir: string;
  port: number;
  host: string;
  seed: 'demo' | null;
  adminPassword: string | null;
  logLevel: string;
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
  };
}
