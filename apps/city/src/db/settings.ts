// The city's settings (city_settings, one row per key): the target wait, the long-wait and
// silence thresholds. Missing keys take their defaults.
import { CITY_SETTINGS_DEFAULTS, CitySettings } from '@luot/shared';
import type { Sql } from './database.ts';

const KEY = 'dashboard';

export function settingsData(sql: Sql) {
  return {
    async get(): Promise<CitySettings> {
      const rows = await sql.query<{ value: unknown }>('SELECT value FROM city_settings WHERE key = $1', [
        KEY,
      ]);
      const stored = CitySettings.partial().safeParse(rows[0]?.value ?? {});
      return { ...CITY_SETTINGS_DEFAULTS, ...(stored.success ? stored.data : {}) };
    },
    async set(settings: CitySettings): Promise<void> {
      await sql.query(
        `INSERT INTO city_settings (key, value) VALUES ($1, $2::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [KEY, JSON.stringify(settings)],
      );
    },
  };
}
