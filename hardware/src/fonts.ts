// Where the bundled Be Vietnam Pro fonts are. Beside the sources they are hardware/fonts; a
// program that bundles hardware/ (apps/hub/build.mjs) copies them to a fonts/ folder beside
// its bundle, and can also still find this package through node_modules.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | null = null;

/** The candidate folders, most likely first. */
export function fontDirCandidates(): string[] {
  const candidates = [
    // hardware/src/fonts.ts -> hardware/fonts (sources, tsx, vitest)
    fileURLToPath(new URL('../fonts/', import.meta.url)),
    // dist/<bundle>.mjs -> dist/fonts (a bundle with the fonts copied beside it)
    fileURLToPath(new URL('./fonts/', import.meta.url)),
  ];
  try {
    // A bundle that left the fonts behind: the package itself, through node_modules.
    const entry = import.meta.resolve?.('@luot/hardware');
    if (entry?.startsWith('file:')) candidates.push(join(dirname(fileURLToPath(entry)), '..', 'fonts'));
  } catch {
    // not resolvable from here (or import.meta.resolve is not available): skip
  }
  return candidates;
}

/** The folder holding the bundled fonts; throws naming every place it looked. */
export function fontDir(): string {
  if (found) return found;
  const candidates = fontDirCandidates();
  const dir = candidates.find((d) => existsSync(join(d, 'BeVietnamPro-Regular.ttf')));
  if (!dir)
    throw new Error(`the ticket fonts (BeVietnamPro-*.ttf) are not in any of: ${candidates.join(', ')}`);
  found = dir;
  return dir;
}

/** The path of one bundled font file, e.g. fontFile('BeVietnamPro-Bold.ttf'). */
export function fontFile(name: string): string {
  return join(fontDir(), name);
}
