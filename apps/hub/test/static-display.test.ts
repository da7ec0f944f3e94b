// The hub serves the built wall display at /display/, its voice clips at /display/voice/ (a
// centre's own recordings in <data dir>/voice/ first) and the media folder at /media/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_NOT_BUILT, listMedia, PAGE_CSP } from '../src/http/static.ts';
import { rawGet } from './api-helpers.ts';
import { startTestHub, type TestHub, tempDir } from './harness.ts';

const INDEX =
  '<!doctype html><title>display</title><script type="module" src="/display/assets/index-Zz99.js"></script>';
const SECRET = 'top secret: outside the folder';

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

const TRAVERSALS = [
  '/display/voice/../../secret.txt',
  '/display/voice/..%2f..%2fsecret.txt',
  '/display/voice/%2e%2e/%2e%2e/secret.txt',
  '/display/voice/south/..%2f..%2f..%2fsecret.txt',
  '/display/voice/.hidden.ogg',
  '/display/voice//etc/passwd',
  '/display/voice/south%2f..%2f..%2fsecret.txt',
  '/media/../secret.txt',
  '/media/..%2fsecret.txt',
  '/media/%2e%2e%2fsecret.txt',
  '/media/%2e%2e%2f%2e%2e%2fsecret.txt',
  '/media/sub%2fclip.mp4',
  '/media/sub/clip.mp4',
  '/media/.hidden.png',
  '/media/notes.txt',
  '/media/logo.svg',
  '/media//etc/passwd',
];

describe('the wall display, its voice and the media folder', () => {
  let t: TestHub;
  let apps: string;
  let data: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-display-');
    data = tempDir('luot-data-display-');
    const dist = join(apps, 'display', 'dist');
    write(join(dist, 'index.html'), INDEX);
    write(join(dist, 'assets', 'index-Zz99.js'), 'console.log("display");');
    write(join(dist, 'voice', 'chime.ogg'), 'bundled chime');
    write(join(dist, 'voice', 'south', 'mot.ogg'), 'bundled mot');
    write(join(dist, 'voice', 'south', 'hai.ogg'), 'bundled hai');
    write(join(dist, 'voice', '.hidden.ogg'), SECRET);
    write(join(apps, 'secret.txt'), SECRET);
    // The centre recorded its own "một" and chime.
    write(join(data, 'voice', 'south', 'mot.ogg'), 'our own mot');
    write(join(data, 'voice', 'chime.ogg'), 'our own chime');
    write(join(data, 'secret.txt'), SECRET);
    const media = join(data, 'media');
    write(join(media, '10-cuoi.png'), 'png ten');
    write(join(media, '2-giua.jpg'), 'jpg two');
    write(join(media, '1-hướng dẫn.mp4'), Buffer.from('0123456789abcdef'));
    write(join(media, 'notes.txt'), SECRET);
    write(join(media, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    write(join(media, '.hidden.png'), SECRET);
    write(join(media, 'sub', 'clip.mp4'), SECRET);
    t = await startTestHub({ dataDir: data, config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it.each(['/display', '/display/', '/display/index.html', '/display/?layout=counter&counter=3'])(
    '%s is the display page, with the pages’ CSP that lets it play media from the hub',
    async (path) => {
      const res = await fetch(new URL(path, t.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(PAGE_CSP).toContain("media-src 'self' data:");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(await res.text()).toBe(INDEX);
    },
  );

  it('serves its assets, cached for good', async () => {
    const res = await fetch(new URL('/display/assets/index-Zz99.js', t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log("display");');
  });

  it('serves a centre’s own clip before the bundled one, file by file', async () => {
    const own = await fetch(new URL('/display/voice/south/mot.ogg', t.url));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toMatch(/^audio\/ogg/);
    expect(own.headers.get('cache-control')).toBe('no-cache');
    expect(own.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(await own.text()).toBe('our own mot');
    expect(await (await fetch(new URL('/display/voice/chime.ogg', t.url))).text()).toBe('our own chime');
    const bundled = await fetch(new URL('/display/voice/south/hai.ogg', t.url));
    expect(bundled.status).toBe(200);
    expect(await bundled.text()).toBe('bundled hai');
    expect((await fetch(new URL('/display/voice/south/ba.ogg', t.url))).status).toBe(404);
  });

  it('lists the media folder: images and videos only, sorted by name with numbers in order', async () => {
    const res = await fetch(new URL('/media/index.json', t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual({
      files: [
        { name: '1-hướng dẫn.mp4', url: `/media/${encodeURIComponent('1-hướng dẫn.mp4')}`, type: 'video' },
        { name: '2-giua.jpg', url: '/media/2-giua.jpg', type: 'image' },
        { name: '10-cuoi.png', url: '/media/10-cuoi.png', type: 'image' },
      ],
    });
  });

  it('serves a listed file with its type, ranges for video, and locked-down headers', async () => {
    const png = await fetch(new URL('/media/10-cuoi.png', t.url));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
    expect(png.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await png.text()).toBe('png ten');
    const url = new URL(`/media/${encodeURIComponent('1-hướng dẫn.mp4')}`, t.url);
    const part = await fetch(url, { headers: { range: 'bytes=4-7' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('video/mp4');
    expect(part.headers.get('content-range')).toBe('bytes 4-7/16');
    expect(await part.text()).toBe('4567');
  });

  it.each(TRAVERSALS)('never serves anything outside the folder or off the list: %s', async (path) => {
    const res = await rawGet(t.url, path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
    expect(res.body).not.toContain('<script>');
  });
});

describe('without a display build or a media folder', () => {
  let t: TestHub;
  let apps: string;
  let data: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-nodisplay-');
    data = tempDir('luot-data-nodisplay-');
    write(join(data, 'voice', 'south', 'mot.ogg'), 'our own mot');
    t = await startTestHub({ dataDir: data, config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it.each(['/display', '/display/', '/display/assets/index-Zz99.js', '/display/voice/south/hai.ogg'])(
    '%s answers 503 saying how to build it',
    async (path) => {
      const res = await fetch(new URL(path, t.url));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'unavailable', message: DISPLAY_NOT_BUILT } });
    },
  );

  it('still plays the centre’s own recordings', async () => {
    const res = await fetch(new URL('/display/voice/south/mot.ogg', t.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('our own mot');
  });

  it('lists no media, and finds files added later without a restart', async () => {
    expect(await (await fetch(new URL('/media/index.json', t.url))).json()).toEqual({ files: [] });
    expect((await fetch(new URL('/media/a.png', t.url))).status).toBe(404);
    write(join(data, 'media', 'a.png'), 'late png');
    expect(await (await fetch(new URL('/media/index.json', t.url))).json()).toEqual({
      files: [{ name: 'a.png', url: '/media/a.png', type: 'image' }],
    });
    expect(await (await fetch(new URL('/media/a.png', t.url))).text()).toBe('late png');
  });
});

describe('listMedia', () => {
  it('is empty for a folder that does not exist', () => {
    expect(listMedia('/nonexistent/luot/media')).toEqual([]);
  });
  it('knows image and video types by extension, in any case', () => {
    const dir = tempDir('luot-media-');
    try {
      for (const name of ['A.JPG', 'b.webm', 'c.WebP', 'd.mov', 'e.html', 'f.ogv'])
        writeFileSync(join(dir, name), 'x');
      expect(listMedia(dir).map((f) => [f.name, f.type])).toEqual([
        ['A.JPG', 'image'],
        ['b.webm', 'video'],
        ['c.WebP', 'image'],
        ['f.ogv', 'video'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
