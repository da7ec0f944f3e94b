// `pnpm start`: a demo centre hub with known sign-ins, for trying Lượt on one machine.
import { join } from 'node:path';
import { Auth } from './auth.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startHub } from './server.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const DEMO_PASSWORD = 'luot-demo';

async function main(): Promise<void> {
  const config = loadConfig({
    LUOT_DATA_DIR: join(REPO_ROOT, 'data', 'demo'),
    LUOT_SEED: 'demo',
    LUOT_ADMIN_PASSWORD: DEMO_PASSWORD,
    ...process.env,
  });
  const log = createLogger(config.logLevel);
  const running = await startHub(config, { log });
  const auth = new Auth(running.hub.store);
  const people: [string, 'director' | 'officer', string][] = [
    ['giamdoc', 'director', 'Giám đốc Trung tâm'],
    ...Array.from({ length: 7 }, (_, i): [string, 'officer', string] => [
      `canbo${i + 1}`,
      'officer',
      `Cán bộ quầy ${i + 1}`,
    ]),
  ];
  for (const [username, role, displayName] of people) {
    if (!running.hub.store.st.userByName.get(username)) {
      await auth.createUser({ username, password: DEMO_PASSWORD, displayName, role }, Date.now());
    }
  }
  const stop = () => running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  log.info({ dataDir: config.dataDir }, `listening on ${running.url}`);
  const local = running.url.replace('0.0.0.0', 'localhost');
  process.stdout.write(
    [
      '',
      `  Lượt demo hub: ${local}`,
      `  API: ${local}/api/v1/health  ·  OpenAPI: ${local}/api/v1/openapi.json`,
      `  Sign in as admin, giamdoc (director) or canbo1..canbo7 (officers), password "${DEMO_PASSWORD}".`,
      `  Data: ${config.dataDir}  ·  Ctrl+C stops.`,
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(`luot demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
