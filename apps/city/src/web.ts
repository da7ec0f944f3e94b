// The city dashboard's pages (apps/city-web, a Vite build) at /city/: index.html and its hashed
// assets, with a strict CSP (own scripts, own API only). Before the app is built, /city/ answers
// 503 with the command that builds it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CITY_PAGE_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the dashboard's build is: apps/city-web/dist beside this app. */
export const defaultWebDir = (): string => join(import.meta.dirname, '..', '..', 'city-web', 'dist');

const SAFE_SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;
export const CITY_WEB_NOT_BUILT = 'city dashboard not built: run pnpm build';

export function registerCityWeb(app: FastifyInstance, dist: string = defaultWebDir()): void {
  app.register(async (pages) => {
    await pages.register(fastifyStatic, { root: dist, serve: false, logLevel: 'silent' });
    pages.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', CITY_PAGE_CSP);
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
      return payload;
    });
    const notBuilt = (reply: FastifyReply) =>
      reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lượt</title><body style="font:24px system-ui;margin:2em"><h1>${CITY_WEB_NOT_BUILT}</h1></body></html>`,
        );
    const index = async (_request: FastifyRequest, reply: FastifyReply) => {
      if (!existsSync(join(dist, 'index.html'))) return notBuilt(reply);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    };
    pages.get('/city', async (_request, reply) => reply.redirect('/city/'));
    pages.get('/city/', index);
    pages.get('/city/index.html', index);
    pages.get<{ Params: { '*': string } }>('/city/*', async (request, reply) => {
      const segments = request.params['*'].split('/');
      if (!segments.every((s) => SAFE_SEGMENT.test(s))) return reply.callNotFound();
      if (!existsSync(join(dist, 'index.html'))) return notBuilt(reply);
      const immutable = segments[0] === 'assets' && segments.length > 1;
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.sendFile(segments.join('/'), { cacheControl: false });
    });
  });
}
