// file: printers name a character device under /dev, checked on the file system, never a file.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printerDeviceProblem, verifyPrinterUri } from './device.ts';
import { BadPrinterUri, parsePrinterUri } from './uri.ts';

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-device-'));
  file = join(dir, 'lp0');
  writeFileSync(file, 'not a printer');
  mkdirSync(join(dir, 'usb'));
  symlinkSync(file, join(dir, 'to-file'));
  symlinkSync('/dev/null', join(dir, 'to-null'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file: printer devices', () => {
  it.each(['/dev/null', '/dev/zero', '/dev/./null', '/dev/../dev/zero'])(
    'accepts the character device %s',
    (path) => {
      expect(printerDeviceProblem(path)).toEqual({ real: path.endsWith('zero') ? '/dev/zero' : '/dev/null' });
      expect(verifyPrinterUri(`file:${path}`)).toEqual({ kind: 'file', path });
    },
  );

  it('refuses regular files, directories, symlinks out of /dev and paths outside /dev', () => {
    const cases: [string, RegExp][] = [
      [file, /outside \/dev/],
      [join(dir, 'usb'), /outside \/dev/],
      [join(dir, 'to-file'), /outside \/dev/],
      // A link to a real device still names a path outside /dev.
      [join(dir, 'to-null'), /outside \/dev/],
      ['/tmp/luot-printer-nowhere', /outside \/dev/],
      ['/dev', /outside \/dev/],
      ['/dev/../tmp/x', /outside \/dev/],
      ['/dev/shm', /is a directory, not a printer device under \/dev/],
      ['/dev/luot-no-such-printer', /does not exist/],
      ['/dev/null/x', /does not exist/],
    ];
    for (const [path, message] of cases) {
      const problem = printerDeviceProblem(path);
      expect(problem, path).toMatchObject({ message: expect.stringMatching(message) });
      expect(() => verifyPrinterUri(`file:${path}`), path).toThrow(BadPrinterUri);
      expect(() => verifyPrinterUri(`file:${path}`), path).toThrow(`file:${path}: `);
    }
    expect(printerDeviceProblem('/dev/luot-no-such-printer')).toMatchObject({ missing: true });
    expect(printerDeviceProblem(file)).toMatchObject({ missing: false });
    expect(existsSync('/tmp/luot-printer-nowhere')).toBe(false);
  });

  it('refuses a regular file and a link to one inside /dev, after resolving the link', () => {
    const shm = mkdtempSync('/dev/shm/luot-device-');
    try {
      writeFileSync(join(shm, 'lp0'), '');
      symlinkSync(file, join(shm, 'to-tmp'));
      expect(printerDeviceProblem(join(shm, 'lp0'))).toMatchObject({
        missing: false,
        message: expect.stringMatching(/is a regular file, not a printer device/),
      });
      expect(printerDeviceProblem(join(shm, 'to-tmp'))).toMatchObject({
        missing: false,
        message: expect.stringContaining(`leads to ${file}, outside /dev`),
      });
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
  });

  it('leaves the syntax parse pure: parsePrinterUri never looks at the file system', () => {
    expect(parsePrinterUri('file:/tmp/luot-printer-nowhere')).toEqual({
      kind: 'file',
      path: '/tmp/luot-printer-nowhere',
    });
    expect(verifyPrinterUri('tcp://10.0.0.9:9100')).toEqual({ kind: 'tcp', host: '10.0.0.9', port: 9100 });
    expect(() => verifyPrinterUri('lpt1')).toThrow(/expected tcp:\/\/HOST:PORT/);
  });
});
