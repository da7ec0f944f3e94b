// The hub serves the built director's dashboard at /admin/ (apps/admin/dist), with the pages'
// security headers; without a build it says how to make one, and the API is untouched.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notBuiltMessage, PAGE_CSP } from '../src/http/static.ts';
import { rawGet } from './api-helpers.ts';
import { startTestHub, type TestHub, tempDir } from './harness.ts';

const INDEX =
  '<!doctype html><title>admin</title><script type="module" src="/admin/assets/index-Ab12.js"></script>';
const SECRET = 'top secret: outside the build';

function write(path: string, content: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

describe('serving the built dashboard', () => {
  let t: TestHub;
  let apps: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-admin-');
    const dist = join(apps, 'admin', 'dist');
    write(join(dist, 'index.html'), INDEX);
    write(join(dist, 'assets', 'index-Ab12.js'), 'console.log("admin");');
    write(join(dist, '.env'), SECRET);
    write(join(apps, 'admin', 'secret.txt'), SECRET);
    t = await startTestHub({ seed: null, config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
  });

  it.each(['/admin', '/admin/', '/admin/index.html', '/admin/?lang=en#/reports'])(
    '%s is the dashboard page, sent with the pages’ security headers',
    async (path) => {
      const res = await fetch(new URL(path, t.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.text()).toBe(INDEX);
    },
  );

  it('serves its hashed assets, cached for good; an unknown one is 404', async () => {
    const res = await fetch(new URL('/admin/assets/index-Ab12.js', t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log("admin");');
    expect((await fetch(new URL('/admin/assets/nope.js', t.url))).status).toBe(404);
  });

  it.each([
    '/admin/../secret.txt',
    '/admin/../admin/secret.txt',
    '/admin/..%2fsecret.txt',
    '/admin/%2e%2e%2fsecret.txt',
    '/admin/assets%2f..%2f..%2fsecret.txt',
    '/admin/.env',
    '/admin//etc/passwd',
  ])('never serves anything outside the build: %s', async (path) => {
    const res = await rawGet(t.url, path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });

  it('leaves the API as it was: JSON, no page headers', async () => {
    const res = await fetch(new URL('/api/v1/health', t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect((await res.json()).status).toBe('ok');
  });
});

describe('without a dashboard build', () => {
  let t: TestHub;
  let apps: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-noadmin-');
    t = await startTestHub({ seed: null, config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
  });

  it.each(['/admin', '/admin/', '/admin/assets/index-Ab12.js'])(
    '%s answers 503 saying how to build it',
    async (path) => {
      const res = await fetch(new URL(path, t.url));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await res.json()).toEqual({
        error: { code: 'unavailable', message: notBuiltMessage('admin') },
      });
      expect(notBuiltMessage('admin')).toBe('admin not built: run pnpm build');
    },
  );

  it('answers a browser with an HTML page naming the folder, and picks up a build made later', async () => {
    const page = await fetch(new URL('/admin/', t.url), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('admin not built: run pnpm build');
    expect(html).toContain(join(apps, 'admin', 'dist'));
    write(join(apps, 'admin', 'dist', 'index.html'), INDEX);
    const later = await fetch(new URL('/admin/', t.url));
    expect(later.status).toBe(200);
    expect(await later.text()).toBe(INDEX);
  });
});
