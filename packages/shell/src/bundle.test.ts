// The Electron bundles of the kiosk and the counter: the preload runs (with a stand-in for
// Electron's contextBridge/ipcRenderer) and exposes its API over the right IPC channels; the
// main bundle is valid ESM that imports only Node, Electron and the native modules it lists.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import { tempDir } from '@luot/hub/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleElectronApp } from './bundle.ts';

const APPS = join(import.meta.dirname, '..', '..', '..', 'apps');
const out = tempDir('luot-electron-bundle-');
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs a CommonJS preload with a fake `electron`; returns what it exposed and what it invoked. */
function runPreload(file: string) {
  const exposed: Record<string, any> = {};
  const invoked: unknown[][] = [];
  const listeners: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve(null);
      },
      on: (channel: string) => listeners.push(channel),
      removeListener: () => {},
    },
  };
  const module = { exports: {} };
  const required: string[] = [];
  const sandbox = {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload may not require ${name}`);
    },
  };
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox, { filename: file });
  return { exposed, invoked, listeners, required };
}

/** Bare module names a bundle imports (`import … from "x"`). */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...new Set([...code.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gm)].map((m) => m[1]!))];
}

describe.each([
  { app: 'counter', key: 'luotCounter', call: 'getConfig', channel: 'luot-counter:get-config' },
  { app: 'kiosk', key: 'luot', call: 'getConfig', channel: 'luot:get-config' },
])('bundle of the $app shell', ({ app, key, call, channel }) => {
  const outDir = join(out, app);

  it('writes main.mjs, preload.cjs and a package.json listing the native modules', async () => {
    const result = await bundleElectronApp({ appDir: join(APPS, app), outDir, name: `luot-${app}` });
    expect(result.files).toEqual(['main.mjs', 'preload.cjs', 'package.json']);
    const pkg = JSON.parse(readFileSync(join(outDir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: `luot-${app}`, main: 'main.mjs', type: 'module' });
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@napi-rs/canvas', 'serialport']);
    expect(pkg.dependencies.serialport).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('the preload requires only electron and exposes its API on the right channels', () => {
    const { exposed, invoked, required } = runPreload(join(outDir, 'preload.cjs'));
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual([key]);
    expect(exposed[key].kind).toBe('electron');
    void exposed[key][call]();
    expect(invoked).toEqual([[channel]]);
  });

  it('main.mjs is valid ESM importing only Node, Electron and the listed native modules', () => {
    const main = join(outDir, 'main.mjs');
    execFileSync(process.execPath, ['--check', main]);
    const allowed = new Set(['electron', 'serialport', '@napi-rs/canvas', ...builtinModules]);
    const imports = importsOf(main).map((m) => m.replace(/^node:/, ''));
    expect(imports).toContain('electron');
    expect(imports.filter((m) => !allowed.has(m))).toEqual([]);
  });
});
