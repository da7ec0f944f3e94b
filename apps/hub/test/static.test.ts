// The hub serves the built kiosk at /kiosk/ and the ticket status page at /t/:id.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appDistDir,
  COUNTER_NOT_BUILT,
  defaultAppsDir,
  KIOSK_NOT_BUILT,
  kioskDistDir,
  PAGE_CSP,
} from '../src/http/static.ts';
import { rawGet } from './api-helpers.ts';
import { startTestHub, type TestHub, tempDir } from './harness.ts';

const INDEX =
  '<!doctype html><title>kiosk</title><script type="module" src="/kiosk/assets/index-Ab12.js"></script>';
const STATUS = '<!doctype html><title>status</title>';
const SECRET = 'top secret: outside dist';

describe('serving the built kiosk', () => {
  let t: TestHub;
  let apps: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-');
    const dist = join(apps, 'kiosk', 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'status.html'), STATUS);
    writeFileSync(join(dist, 'assets', 'index-Ab12.js'), 'console.log("kiosk");');
    writeFileSync(join(dist, 'assets', 'index-Cd34.css'), 'body{margin:0}');
    writeFileSync(join(dist, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dist, '.env'), SECRET);
    writeFileSync(join(apps, 'kiosk', 'secret.txt'), SECRET);
    writeFileSync(join(apps, 'secret.txt'), SECRET);
    t = await startTestHub({ config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
  });

  it.each(['/kiosk', '/kiosk/', '/kiosk/index.html'])('%s is the kiosk page', async (path) => {
    const res = await fetch(new URL(path, t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  it('sends the pages with a content security policy', async () => {
    const res = await fetch(new URL('/kiosk/', t.url));
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    for (const part of [
      "default-src 'self'",
      "connect-src 'self';",
      "img-src 'self' data:",
      "style-src 'self' 'unsafe-inline'",
      "object-src 'none'",
    ]) {
      expect(PAGE_CSP).toContain(part);
    }
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The API keeps its own headers.
    const api = await fetch(new URL('/api/v1/health', t.url));
    expect(api.headers.get('content-security-policy')).toBeNull();
  });

  it.each([
    ['/kiosk/assets/index-Ab12.js', /^(text|application)\/javascript/, 'console.log("kiosk");'],
    ['/kiosk/assets/index-Cd34.css', /^text\/css/, 'body{margin:0}'],
    ['/kiosk/assets/logo.svg', /^image\/svg\+xml/, '<svg xmlns="http://www.w3.org/2000/svg"/>'],
  ])('serves %s with its content type, cached for good', async (path, type, body) => {
    const res = await fetch(new URL(path, t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(body);
  });

  it('answers 404 for a file the build does not have', async () => {
    const res = await fetch(new URL('/kiosk/assets/nope.js', t.url));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('serves the status page for /t/:id, known ticket or not', async () => {
    const kiosk = await t.pairDevice('kiosk');
    const issued = await t.api('POST', '/api/v1/tickets', {
      token: kiosk,
      body: { serviceId: 'hotich' },
      headers: { 'idempotency-key': 'static-test-0001' },
    });
    expect(issued.status).toBe(201);
    for (const id of [issued.body.ticket.id, '0000000000000000000000unknown00']) {
      const res = await fetch(new URL(`/t/${id}`, t.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(await res.text()).toBe(STATUS);
    }
  });

  it.each([
    '/t/short',
    '/t/has.dot.in.it.xxxxxxxx',
    '/t/%2e%2e%2f%2e%2e%2fsecret.txt',
    `/t/${'x'.repeat(65)}`,
  ])('%s is not a ticket id: 404', async (path) => {
    const res = await rawGet(t.url, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });

  it.each([
    '/kiosk/../../etc/passwd',
    '/kiosk/../secret.txt',
    '/kiosk/../../secret.txt',
    '/kiosk/assets/../../secret.txt',
    '/kiosk/..%2fsecret.txt',
    '/kiosk/%2e%2e/secret.txt',
    '/kiosk/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/kiosk/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/kiosk/%252e%252e%252fsecret.txt',
    '/kiosk/..%5csecret.txt',
    '/kiosk/..\\secret.txt',
    '/kiosk//etc/passwd',
    '/kiosk/%2fetc%2fpasswd',
    '/kiosk/assets%2f..%2f..%2fsecret.txt',
    '/kiosk/.env',
    '/kiosk/%2eenv',
    '/kiosk/index.html%00.js',
  ])('never serves a file outside dist: %s', async (path) => {
    const res = await rawGet(t.url, path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });
});

describe('without a kiosk build', () => {
  let t: TestHub;
  let apps: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-empty-');
    t = await startTestHub({ config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
  });

  it.each(['/kiosk', '/kiosk/', '/kiosk/assets/index-Ab12.js', '/t/0000000000000000000000unknown00'])(
    '%s answers 503 saying how to build it',
    async (path) => {
      const res = await fetch(new URL(path, t.url));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'unavailable', message: KIOSK_NOT_BUILT } });
    },
  );

  it('tells a browser in HTML', async () => {
    const res = await fetch(new URL('/kiosk/', t.url), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(KIOSK_NOT_BUILT);
  });

  it('keeps answering the API', async () => {
    const res = await fetch(new URL('/api/v1/health', t.url));
    expect(res.status).toBe(200);
  });

  it('picks the build up once it appears, without a restart', async () => {
    const dist = join(apps, 'kiosk', 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), INDEX);
    const res = await fetch(new URL('/kiosk/', t.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
  });
});

const COUNTER_INDEX =
  '<!doctype html><title>counter</title><script type="module" src="/counter/assets/main-Ef56.js"></script>';
const RATING = '<!doctype html><title>rating</title>';

describe('serving the built counter terminal', () => {
  let t: TestHub;
  let apps: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-counter-');
    const dist = join(apps, 'counter', 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), COUNTER_INDEX);
    writeFileSync(join(dist, 'rating.html'), RATING);
    writeFileSync(join(dist, 'assets', 'main-Ef56.js'), 'console.log("counter");');
    writeFileSync(join(dist, '.env'), SECRET);
    writeFileSync(join(apps, 'counter', 'secret.txt'), SECRET);
    writeFileSync(join(apps, 'secret.txt'), SECRET);
    // No kiosk build here: each app answers for itself.
    t = await startTestHub({ config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
  });

  it.each(['/counter', '/counter/', '/counter/index.html'])('%s is the counter terminal', async (path) => {
    const res = await fetch(new URL(path, t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(COUNTER_INDEX);
  });

  it('serves the rating page, with its query, under the same security headers', async () => {
    const res = await fetch(new URL('/counter/rating.html?counter=c2', t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toBe(RATING);
  });

  it('serves its assets, cached for good', async () => {
    const res = await fetch(new URL('/counter/assets/main-Ef56.js', t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(await res.text()).toBe('console.log("counter");');
  });

  it('answers 404 for a file the build does not have', async () => {
    const res = await fetch(new URL('/counter/assets/nope.js', t.url));
    expect(res.status).toBe(404);
  });

  it.each([
    '/counter/../secret.txt',
    '/counter/../../secret.txt',
    '/counter/..%2fsecret.txt',
    '/counter/%2e%2e%2fsecret.txt',
    '/counter/assets%2f..%2f..%2fsecret.txt',
    '/counter/.env',
    '/counter//etc/passwd',
    '/counter/rating.html%00.js',
  ])('never serves a file outside dist: %s', async (path) => {
    const res = await rawGet(t.url, path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it('still says the kiosk is not built', async () => {
    const res = await fetch(new URL('/kiosk/', t.url));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'unavailable', message: KIOSK_NOT_BUILT } });
  });
});

describe('without a counter build', () => {
  let t: TestHub;
  let apps: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-nocounter-');
    mkdirSync(join(apps, 'kiosk', 'dist'), { recursive: true });
    writeFileSync(join(apps, 'kiosk', 'dist', 'index.html'), INDEX);
    t = await startTestHub({ config: { appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
  });

  it.each(['/counter', '/counter/', '/counter/rating.html', '/counter/assets/main-Ef56.js'])(
    '%s answers 503 saying how to build it',
    async (path) => {
      const res = await fetch(new URL(path, t.url));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await res.json()).toEqual({ error: { code: 'unavailable', message: COUNTER_NOT_BUILT } });
    },
  );

  it('tells a browser in HTML, and the kiosk keeps working', async () => {
    const res = await fetch(new URL('/counter/', t.url), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('counter not built: run pnpm build');
    expect(html).toContain(join(apps, 'counter', 'dist'));
    expect((await fetch(new URL('/kiosk/', t.url))).status).toBe(200);
  });

  it('picks the build up once it appears, without a restart', async () => {
    const dist = join(apps, 'counter', 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), COUNTER_INDEX);
    writeFileSync(join(dist, 'rating.html'), RATING);
    expect(await (await fetch(new URL('/counter/', t.url))).text()).toBe(COUNTER_INDEX);
    expect(await (await fetch(new URL('/counter/rating.html', t.url))).text()).toBe(RATING);
  });
});

describe('finding the kiosk build', () => {
  it('is apps/kiosk/dist of the repository, from the sources and from the bundle', () => {
    const apps = join(import.meta.dirname, '..', '..');
    expect(defaultAppsDir(join(apps, 'hub', 'src'))).toBe(apps);
    expect(defaultAppsDir(join(apps, 'hub', 'dist'))).toBe(apps);
    expect(kioskDistDir({ appsDir: null })).toBe(join(apps, 'kiosk', 'dist'));
    expect(kioskDistDir({ appsDir: '/opt/luot/apps' })).toBe('/opt/luot/apps/kiosk/dist');
    expect(appDistDir({ appsDir: null }, 'counter')).toBe(join(apps, 'counter', 'dist'));
    expect(appDistDir({ appsDir: '/opt/luot/apps' }, 'counter')).toBe('/opt/luot/apps/counter/dist');
  });
});
