// Bundles the hub's entry points into dist/ with esbuild, so production runs plain JavaScript
// (no TypeScript loader in memory: about 50 MB less RSS than running through tsx).
import { cpSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(
  await import('node:fs').then((fs) => fs.readFileSync(join(here, 'package.json'), 'utf8')),
);
const outdir = join(here, 'dist');

// Workspace packages (@luot/*) are bundled; their npm dependencies load from node_modules like
// the hub's own (native ones such as @napi-rs/canvas and serialport cannot be bundled). The hub
// must list them too, so that they resolve from dist/.
const workspaceDeps = Object.keys(pkg.dependencies)
  .filter((name) => name.startsWith('@luot/'))
  .flatMap((name) => {
    const workspacePkg = JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8'));
    return Object.keys(workspacePkg.dependencies ?? {});
  })
  .filter((name) => !name.startsWith('@luot/'));
const missing = workspaceDeps.filter((name) => !(name in pkg.dependencies));
if (missing.length > 0) {
  throw new Error(`apps/hub/package.json must list ${missing.join(', ')} (dependencies of @luot packages)`);
}

await build({
  entryPoints: {
    main: join(here, 'src/main.ts'),
    demo: join(here, 'src/demo.ts'),
    cli: join(here, 'src/cli.ts'),
    // The report export thread (reports/xlsx-worker-client.ts loads it from beside itself).
    'xlsx-worker': join(here, 'src/reports/xlsx-worker.ts'),
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Code loaded with import() (printing: the canvas renderer) stays out of memory until used.
  splitting: true,
  // npm packages load from node_modules as usual; only our workspace code is bundled.
  external: Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@luot/')),
  logLevel: 'warning',
});
// database.ts finds its migrations beside the running module, hardware/ its fonts.
cpSync(join(here, 'src/db/migrations'), join(outdir, 'migrations'), { recursive: true });
cpSync(join(here, '..', '..', 'hardware', 'fonts'), join(outdir, 'fonts'), {
  recursive: true,
  filter: (file) => !/\.(md|txt)$/.test(file) || file.endsWith('OFL.txt'),
});
