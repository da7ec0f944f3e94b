// Bundles an app's Electron main process and preload for packaging: `main.mjs` (ESM, Node
// target) and `preload.cjs` (CommonJS: a sandboxed preload cannot load ES modules) side by
// side, as the apps' main.ts expect, plus a package.json naming the native modules the
// packaged app must ship (they cannot be bundled). The renderer is not bundled here: the shells
// load the pages the hub serves.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Modules with native code or Electron itself: left as imports, installed beside the bundle. */
export const NATIVE_EXTERNALS = [
  'electron',
  'serialport',
  '@serialport/*',
  '@napi-rs/canvas',
  '@napi-rs/canvas-*',
];

export interface BundleOptions {
  /** The app folder, e.g. apps/counter (with src/main/main.ts and src/preload/index.ts). */
  appDir: string;
  /** Where main.mjs, preload.cjs and package.json go; default `<appDir>/dist-electron`. */
  outDir?: string;
  /** Name of the packaged app, e.g. 'luot-counter'. */
  name: string;
}

export interface BundleResult {
  outDir: string;
  files: string[];
  /** Native modules the packaged app needs in its node_modules, with versions. */
  nativeDependencies: Record<string, string>;
}

export async function bundleElectronApp(options: BundleOptions): Promise<BundleResult> {
  const outDir = options.outDir ?? join(options.appDir, 'dist-electron');
  mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    external: NATIVE_EXTERNALS,
    sourcemap: true,
    logLevel: 'silent' as const,
    legalComments: 'none' as const,
  };
  const main = await build({
    ...common,
    entryPoints: [join(options.appDir, 'src/main/main.ts')],
    outfile: join(outDir, 'main.mjs'),
    format: 'esm',
    metafile: true,
    // Bundled CommonJS dependencies may call require(): give ESM output one.
    banner: {
      js: "import { createRequire as __luotRequire } from 'node:module'; const require = __luotRequire(import.meta.url);",
    },
  });
  await build({
    ...common,
    entryPoints: [join(options.appDir, 'src/preload/index.ts')],
    outfile: join(outDir, 'preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
  const imported = new Set<string>();
  for (const output of Object.values(main.metafile.outputs)) {
    for (const imp of output.imports) if (imp.external) imported.add(imp.path);
  }
  const nativeDependencies: Record<string, string> = {};
  for (const path of imported) {
    const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]!;
    // Node's own modules and optional add-ons some libraries try to load (bufferutil, …) are not ours.
    if (name === 'electron' || !NATIVE_EXTERNALS.some((pattern) => matches(pattern, name))) continue;
    nativeDependencies[name] = versionOf(options.appDir, name);
  }
  const pkg = {
    name: options.name,
    private: true,
    type: 'module',
    main: 'main.mjs',
    dependencies: nativeDependencies,
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return { outDir, files: ['main.mjs', 'preload.cjs', 'package.json'], nativeDependencies };
}

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** The installed version of a dependency as seen from the app (falls back to '*'). */
function versionOf(appDir: string, name: string): string {
  for (const base of [appDir, join(appDir, '..', '..', 'hardware'), join(appDir, '..', '..')]) {
    try {
      const pkg = JSON.parse(readFileSync(join(base, 'node_modules', name, 'package.json'), 'utf8'));
      if (typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not installed there
    }
  }
  return '*';
}
