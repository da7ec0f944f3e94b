// `pnpm bundle:electron <kiosk|counter|display>`: builds apps/<name>/dist-electron (main.mjs,
// preload.cjs, package.json). Packaging that folder with Electron (electron-builder, or the
// Electron zip with it in resources/app) needs Electron's binary, which these machines lack.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleElectronApp } from './bundle.ts';

const app = process.argv[2] ?? '';
const appDir = join(import.meta.dirname, '..', '..', '..', 'apps', app);
if (!/^[a-z]+$/.test(app) || !existsSync(join(appDir, 'src', 'main', 'main.ts'))) {
  console.error(`usage: pnpm bundle:electron <kiosk|counter|display> (no Electron main in apps/${app})`);
  process.exit(2);
}
const result = await bundleElectronApp({ appDir, name: `luot-${app}` });
console.log(`${result.outDir}: ${result.files.join(', ')}`);
console.log(`native modules to install beside it: ${JSON.stringify(result.nativeDependencies)}`);
