// Hostile connections: slow clients (slowloris bodies and headers, silent and idle keep-alive
// connections) are closed within the hub's request time limit while an idle websocket stays; a slow
// kiosk within the limit is still served; and every API answer, errors included, says no-store and
// nosniff while pages keep their own caching.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestTimeouts } from '../src/http/routes.ts';
import { ADMIN_PASSWORD, connected, startTestHub, type TestHub, tempDir } from './harness.ts';

describe('hostile connections: slow clients, and what every answer says', () => {
  /** The hub's request time limit here, small so the test sees it act (the default is 30 s). */
  const LIMIT = 1000;
  let t: TestHub;
  let apps: string;

  beforeAll(async () => {
    apps = tempDir('luot-apps-');
    mkdirSync(join(apps, 'kiosk', 'dist', 'assets'), { recursive: true });
    writeFileSync(join(apps, 'kiosk', 'dist', 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(apps, 'kiosk', 'dist', 'assets', 'index-Ab12.js'), 'console.log("kiosk");');
    t = await startTestHub({ config: { requestTimeoutMs: LIMIT, appsDir: apps } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(apps, { recursive: true, force: true });
  });

  /**
   * A raw connection that sends `start`, then `drip` every 100 ms, until the hub closes it;
   * resolves with how long that took and what the hub answered.
   */
  function rawClient(start: string, drip?: string): Promise<{ ms: number; answer: string }> {
    return new Promise((resolve, reject) => {
      const began = performance.now();
      const socket = connect(t.running.port, '127.0.0.1');
      let answer = '';
      let dripping: NodeJS.Timeout | undefined;
      const guard = setTimeout(() => {
        clearInterval(dripping);
        socket.destroy();
        reject(
          new Error(`the hub held the connection for over ${LIMIT + 10_000} ms (${JSON.stringify(start)})`),
        );
      }, LIMIT + 10_000);
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        answer += chunk;
      });
      // Writing while the hub closes may fail: the close below is what counts.
      socket.on('error', () => undefined);
      socket.once('connect', () => {
        if (start) socket.write(start);
        if (drip) dripping = setInterval(() => socket.writable && socket.write(drip), 100);
      });
      socket.once('close', () => {
        clearInterval(dripping);
        clearTimeout(guard);
        resolve({ ms: performance.now() - began, answer });
      });
    });
  }

  it('has sane limits by default, and this hub uses its configured one', () => {
    expect(requestTimeouts()).toEqual({
      request: 30_000,
      headers: 30_000,
      keepAlive: 10_000,
      idle: 60_000,
      checkEvery: 1000,
    });
    const server = t.running.app.server;
    expect(server.requestTimeout).toBe(LIMIT);
    expect(server.headersTimeout).toBe(LIMIT);
    expect(server.keepAliveTimeout).toBe(LIMIT);
    expect(server.timeout).toBe(2 * LIMIT);
  });

  it('closes slowloris connections within the limit, while a websocket idle for longer stays', async () => {
    const kiosk = await t.pairDevice('kiosk');
    const socket = t.socket(kiosk);
    await connected(socket);
    const since = performance.now();
    const drops: string[] = [];
    socket.on('disconnect', (reason) => drops.push(reason));

    const slow: [string, string, string | undefined, RegExp][] = [
      [
        'a body dripped byte by byte',
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n' +
          'Content-Length: 10000\r\n\r\n{"username":"',
        'a',
        /^(HTTP\/1\.1 408 |$)/,
      ],
      [
        'headers dripped line by line',
        'GET /api/v1/health HTTP/1.1\r\nHost: hub\r\n',
        'X-Slow: 1\r\n',
        /^(HTTP\/1\.1 408 |$)/,
      ],
      ['a connection that sends nothing', '', undefined, /^(HTTP\/1\.1 408 |$)/],
      [
        'an idle keep-alive connection after its answer',
        'GET /api/v1/health HTTP/1.1\r\nHost: hub\r\n\r\n',
        undefined,
        /^HTTP\/1\.1 200 /,
      ],
    ];
    for (const [label, start, drip, answer] of slow) {
      const closed = await rawClient(start, drip);
      expect(closed.answer, label).toMatch(answer);
      expect(closed.ms, label).toBeGreaterThanOrEqual(LIMIT - 20);
      expect(closed.ms, label).toBeLessThan(LIMIT + 5000);
    }

    // The websocket sent nothing for longer than every limit, and is still there and answering.
    expect(performance.now() - since).toBeGreaterThan(2 * LIMIT);
    expect(drops).toEqual([]);
    expect(socket.connected).toBe(true);
    const snapshot = (await socket.timeout(5000).emitWithAck('queue:snapshot')) as { seq: number };
    expect(snapshot.seq).toEqual(expect.any(Number));
    expect((await t.api('GET', '/api/v1/health')).status).toBe(200);
  });

  it('still takes a slow kiosk’s request that arrives within the limit', async () => {
    const kiosk = await t.pairDevice('kiosk');
    const body = '{"serviceId":"hotich"}';
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(t.running.port, '127.0.0.1');
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
      });
      socket.on('error', reject);
      socket.once('close', () => resolve(text));
      const parts = [
        `POST /api/v1/tickets HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer ${kiosk}\r\nConnection: close\r\n`,
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        body.slice(0, 10),
        body.slice(10),
      ];
      // A weak link: the request in pieces, each its own segment, the next once the last is sent.
      socket.setNoDelay(true);
      const next = () => {
        const part = parts.shift();
        if (part !== undefined) socket.write(part, next);
      };
      socket.once('connect', next);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(answer).toContain('"serviceId":"hotich"');
  });

  it('every API answer, errors included, says no-store and nosniff; pages keep their own caching', async () => {
    const admin = await t.login();
    const kiosk = await t.pairDevice('kiosk');
    const director = (await t.user('giamdoc-headers', 'director')).token;
    const req = (method: string, path: string, o: { token?: string; body?: string } = {}) =>
      fetch(new URL(path, t.url), {
        method,
        headers: {
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: o.body,
      });
    const login = await req('POST', '/api/v1/auth/login', {
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const answers: [string, Response, number][] = [
      ['login (the token)', login, 200],
      [
        'failed login',
        await req('POST', '/api/v1/auth/login', { body: '{"username":"nobody-x","password":"x"}' }),
        401,
      ],
      ['health', await req('GET', '/api/v1/health'), 200],
      ['no token', await req('GET', '/api/v1/queue'), 401],
      ['forbidden', await req('GET', '/api/v1/stats/day', { token: kiosk }), 403],
      ['unknown route', await req('GET', '/api/v1/nowhere'), 404],
      ['bad JSON', await req('POST', '/api/v1/tickets', { token: kiosk, body: '{' }), 400],
      [
        'too large',
        await req('POST', '/api/v1/tickets', { token: kiosk, body: `"${'x'.repeat(70_000)}"` }),
        413,
      ],
      ['bad URL', await req('GET', '/api/v1/tickets/%E0%A4%A'), 400],
      [
        'refused name',
        await req('PUT', '/api/v1/centre', { token: admin, body: JSON.stringify({ name: 'A\u202eB' }) }),
        400,
      ],
      ['OpenAPI', await req('GET', '/api/v1/openapi.json'), 200],
      ['queue', await req('GET', '/api/v1/queue', { token: admin }), 200],
      [
        'CSV export',
        await req('GET', '/api/v1/reports/export?format=csv&from=2025-03-10&to=2025-03-10', {
          token: director,
        }),
        200,
      ],
    ];
    for (const [label, res, status] of answers) {
      expect(res.status, label).toBe(status);
      expect(res.headers.get('cache-control'), label).toBe('no-store');
      expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
    }
    expect(((await login.json()) as { token?: string }).token).toEqual(expect.any(String));

    const pages: [string, string | null][] = [
      ['/kiosk/', 'no-cache'],
      ['/kiosk/assets/index-Ab12.js', 'public, max-age=31536000, immutable'],
      ['/media/index.json', 'no-cache'],
      ['/nowhere', null],
    ];
    for (const [path, caching] of pages) {
      const res = await fetch(new URL(path, t.url));
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('cache-control'), path).toBe(caching);
    }
  });
});
