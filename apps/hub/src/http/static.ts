// The web pages the hub serves: the built kiosk at /kiosk/ (and its ticket status page at /t/:id),
// the built counter terminal at /counter/ (and its rating page at /counter/rating.html), the wall
// display at /display/ (its voice clips at /display/voice/, a centre's own recordings first), and
// the centre's media folder for the displays at /media/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { ApiErrorBody } from '@luot/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubConfig } from '../config.ts';

/**
 * For the HTML pages and their assets: only our own scripts, the hub's API and its socket. The
 * pages keep year-long device tokens, so they may connect to this hub only: `'self'` (which
 * covers the socket's ws:/wss: to the same host and port), never `ws:`/`wss:` to any host.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  // The wall display plays its voice clips and the centre's videos from the hub (and a tiny
  // silent data: clip to unlock sound after a touch).
  "media-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The web apps the hub serves, each from `<appsDir>/<name>/dist` under `/<name>/`. */
export const WEB_APPS = {
  /** The ticket kiosk; its status.html is also the ticket status page at /t/:id. */
  kiosk: ['index.html', 'status.html'],
  /** The officer's counter terminal and the satisfaction tablet's rating page. */
  counter: ['index.html', 'rating.html'],
  /** The wall display (hall and counter-top screens). */
  display: ['index.html'],
  /** The director's dashboard and the administration pages. */
  admin: ['index.html'],
} as const satisfies Record<string, readonly string[]>;
export type WebApp = keyof typeof WEB_APPS;

export const notBuiltMessage = (app: WebApp): string => `${app} not built: run pnpm build`;
export const KIOSK_NOT_BUILT = notBuiltMessage('kiosk');
export const COUNTER_NOT_BUILT = notBuiltMessage('counter');
export const DISPLAY_NOT_BUILT = notBuiltMessage('display');

/** Ticket ids are 12 hex digits then 22 base64url characters; allow some slack, nothing else. */
const TICKET_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** One path segment of a built file: no dot files, no `..`, no separators or encodings. */
const SAFE_SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/**
 * The repository's `apps/` folder, found from this module: apps/hub/src/static.ts when run from
 * source (tsx, vitest) and apps/hub/dist/*.mjs when bundled are both two levels below it.
 */
export function defaultAppsDir(moduleDir: string = import.meta.dirname): string {
  let dir = moduleDir;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'hub', 'package.json')) && existsSync(join(dir, 'kiosk'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(moduleDir, '..', '..');
}

/** Where a web app's Vite build lives (its pages and assets/). */
export function appDistDir(config: Pick<HubConfig, 'appsDir'>, app: WebApp): string {
  return join(config.appsDir ?? defaultAppsDir(), app, 'dist');
}

/** Where the kiosk's Vite build lives (index.html, status.html, assets/). */
export function kioskDistDir(config: Pick<HubConfig, 'appsDir'>): string {
  return appDistDir(config, 'kiosk');
}

function notBuilt(request: FastifyRequest, reply: FastifyReply, app: WebApp, dist: string): FastifyReply {
  const message = notBuiltMessage(app);
  reply.code(503).header('cache-control', 'no-store').header('retry-after', '30');
  if ((request.headers.accept ?? '').includes('text/html')) {
    return reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lượt</title>' +
          '<body style="font:24px system-ui,sans-serif;margin:2em">' +
          `<h1>${message}</h1><p>The hub found no ${app} build in <code>${escapeHtml(dist)}</code>.</p>` +
          '</body></html>',
      );
  }
  const body: ApiErrorBody = { error: { code: 'unavailable', message } };
  return reply.send(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type PagesConfig = Pick<HubConfig, 'appsDir' | 'dataDir'>;

/**
 * Registers, for each web app, /<app>, /<app>/, /<app>/<page> and /<app>/* (its build's files),
 * /t/:id (the kiosk's status page), /display/voice/* and /media/* on the hub's fastify instance.
 */
export function registerPages(app: FastifyInstance, config: PagesConfig): void {
  for (const name of Object.keys(WEB_APPS) as WebApp[]) registerApp(app, config, name);
  registerMedia(app, config);
}

/** A centre's own voice recordings, used before the clips bundled with the display. */
export function voiceOverrideDir(config: Pick<HubConfig, 'dataDir'>): string {
  return join(config.dataDir, 'voice');
}

/** The folder of images and videos the wall displays show (`?media=1`). */
export function mediaDir(config: Pick<HubConfig, 'dataDir'>): string {
  return join(config.dataDir, 'media');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function registerApp(app: FastifyInstance, config: PagesConfig, name: WebApp): void {
  const dist = appDistDir(config, name);
  const prefix = `/${name}`;
  // An encapsulated plugin per app: its headers hook applies to these routes only, not to the API.
  app.register(async (pages) => {
    // serve:false: only reply.sendFile, on the routes below, each checking its path first.
    await pages.register(fastifyStatic, { root: dist, serve: false, logLevel: 'silent' });
    pages.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', PAGE_CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
      return payload;
    });

    const page = (file: string) => async (request: FastifyRequest, reply: FastifyReply) => {
      if (!existsSync(join(dist, file))) return notBuilt(request, reply, name, dist);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(file, { cacheControl: false });
    };
    pages.get(prefix, page('index.html'));
    pages.get(`${prefix}/`, page('index.html'));
    for (const file of WEB_APPS[name]) pages.get(`${prefix}/${file}`, page(file));

    pages.get<{ Params: { '*': string } }>(`${prefix}/*`, async (request, reply) => {
      const segments = request.params['*'].split('/');
      if (!segments.every((s) => SAFE_SEGMENT.test(s))) return reply.callNotFound();
      if (!existsSync(join(dist, 'index.html'))) return notBuilt(request, reply, name, dist);
      // Vite puts hashed names under assets/: they never change, so browsers may keep them.
      const immutable = segments[0] === 'assets' && segments.length > 1;
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.sendFile(segments.join('/'), { cacheControl: false });
    });

    if (name === 'kiosk') {
      pages.get<{ Params: { id: string } }>('/t/:id', async (request, reply) => {
        if (!TICKET_ID.test(request.params.id)) return reply.callNotFound();
        // Unknown ids get the page too: it asks the API and says "not found" itself.
        return page('status.html')(request, reply);
      });
    }

    if (name === 'display') {
      // A clip the centre recorded itself (<data dir>/voice/<path>) wins over the bundled one
      // (dist/voice/<path>, Vite's copy of public/voice/), file by file.
      const own = voiceOverrideDir(config);
      pages.get<{ Params: { '*': string } }>(`${prefix}/voice/*`, async (request, reply) => {
        const segments = request.params['*'].split('/');
        if (!segments.every((s) => SAFE_SEGMENT.test(s))) return reply.callNotFound();
        const path = segments.join('/');
        reply.header('cache-control', 'no-cache');
        if (isFile(join(own, path))) return reply.sendFile(path, own, { cacheControl: false });
        if (!existsSync(join(dist, 'index.html'))) return notBuilt(request, reply, name, dist);
        return reply.sendFile(`voice/${path}`, { cacheControl: false });
      });
    }
  });
}

// ---- media for the wall displays -------------------------------------------------------

export type MediaType = 'image' | 'video';

/** What the displays can show, by file extension (no SVG: it may carry scripts). */
export const MEDIA_TYPES: Record<string, MediaType> = {
  '.jpg': 'image',
  '.jpeg': 'image',
  '.png': 'image',
  '.webp': 'image',
  '.gif': 'image',
  '.avif': 'image',
  '.mp4': 'video',
  '.m4v': 'video',
  '.webm': 'video',
  '.ogv': 'video',
};

/** One entry of GET /media/index.json (the display's media.ts reads it). */
export interface MediaEntry {
  name: string;
  url: string;
  type: MediaType;
}

/**
 * The media folder's images and videos, sorted by name (numbers in names in numeric order, so
 * `2-…` comes before `10-…`). Hidden files, folders and other types are left out; no folder: [].
 */
export function listMedia(dir: string): MediaEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: MediaEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const dot = name.lastIndexOf('.');
    const type = dot > 0 ? MEDIA_TYPES[name.slice(dot).toLowerCase()] : undefined;
    if (!type || !isFile(join(dir, name))) continue;
    out.push({ name, url: `/media/${encodeURIComponent(name)}`, type });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
}

/** Media files are shown by the display page; opened on their own they may do nothing else. */
const MEDIA_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox";

/**
 * GET /media/index.json (the listing) and /media/<name> (a file of the listing, nothing else: a
 * name is served only when the folder lists it, so no path can leave the folder). Public, like
 * the wall itself.
 */
function registerMedia(app: FastifyInstance, config: PagesConfig): void {
  const dir = mediaDir(config);
  app.register(async (media) => {
    await media.register(fastifyStatic, { root: dir, serve: false, logLevel: 'silent' });
    media.addHook('onSend', async (_request, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('content-security-policy', MEDIA_CSP);
      return payload;
    });
    media.get('/media/index.json', async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return { files: listMedia(dir) };
    });
    media.get<{ Params: { '*': string } }>('/media/*', async (request, reply) => {
      const name = request.params['*'];
      const entry = listMedia(dir).find((f) => f.name === name);
      if (!entry) return reply.callNotFound();
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(entry.name, { cacheControl: false });
    });
  });
}
