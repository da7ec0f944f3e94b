// The file-system rule for `file:` printers, in one place: a `file:` URI names a printer's
// character device under /dev (/dev/usb/lp0), never a regular file, a directory, a missing path
// or anything outside /dev — else a printer address would let whoever sets it make the hub write
// tickets into any file. Used when a printer is set (PUT /api/v1/devices/:id/printer, the hub's
// LUOT_DEFAULT_PRINTER, `pnpm printer`) and again when a job opens the device (transport.ts),
// since the path may have been swapped since.
import { realpathSync, type Stats, statSync } from 'node:fs';
import { isAbsolute, normalize } from 'node:path';
import { BadPrinterUri, type PrinterUri, parsePrinterUri } from './uri.ts';

/** Why a path is no printer device; `missing` when nothing is there (an unplugged USB printer). */
export interface DeviceProblem {
  missing: boolean;
  message: string;
}

const EXAMPLE = 'a printer device under /dev, e.g. file:/dev/usb/lp0';

const underDev = (path: string): boolean => path.startsWith('/dev/') && path.length > 5;

function kindOf(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isBlockDevice()) return 'a block device (a disk)';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a character device';
}

/** What is wrong with the thing at a (resolved) path, or null for a character device. */
export function deviceStatsProblem(path: string, stats: Stats): DeviceProblem | null {
  if (stats.isCharacterDevice()) return null;
  return { missing: false, message: `${path} is ${kindOf(stats)}, not ${EXAMPLE}` };
}

/**
 * Checks a `file:` printer path on the file system: the path and, after resolving symlinks, the
 * file it leads to must lie under /dev, and that file must be a character device. Returns the
 * resolved path, or what is wrong.
 */
export function printerDeviceProblem(path: string): { real: string } | DeviceProblem {
  if (!isAbsolute(path) || !underDev(normalize(path))) {
    return { missing: false, message: `${path} is outside /dev: only ${EXAMPLE}` };
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { missing: true, message: `${path} does not exist (is the printer plugged in and on?)` };
    }
    return { missing: false, message: `${path}: ${(error as Error).message}` };
  }
  if (!underDev(real)) {
    return { missing: false, message: `${path} leads to ${real}, outside /dev: only ${EXAMPLE}` };
  }
  let stats: Stats;
  try {
    stats = statSync(real);
  } catch (error) {
    return { missing: false, message: `${path}: ${(error as Error).message}` };
  }
  const problem = deviceStatsProblem(real === path ? path : `${path} (${real})`, stats);
  return problem ?? { real };
}

/**
 * A printer URI as a hub or a technician may set it: the syntax (parsePrinterUri) and, for
 * `file:`, the device on this machine (printerDeviceProblem). Throws BadPrinterUri with a message
 * that says what is wrong.
 */
export function verifyPrinterUri(text: string, options: { allowMissing?: boolean } = {}): PrinterUri {
  const uri = parsePrinterUri(text);
  if (uri.kind === 'file') {
    const checked = printerDeviceProblem(uri.path);
    if ('message' in checked && !(checked.missing && options.allowMissing)) {
      throw new BadPrinterUri(`${text}: ${checked.message}`);
    }
  }
  return uri;
}
