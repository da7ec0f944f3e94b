import { sampleTicket } from '@luot/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { HubClient, HubError } from './client.ts';
import {
  createBrowserPlatform,
  createElectronPlatform,
  detectPlatform,
  type LuotPreloadApi,
  type PrintJob,
  TOKEN_STORAGE_KEY,
  type TokenStorage,
} from './platform.ts';

function memoryStorage(): TokenStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const job: PrintJob = {
  ticketId: 'abc123',
  layout: {
    centreName: 'Trung tâm Phục vụ hành chính công phường Ninh Kiều',
    serviceName: 'Hộ tịch',
    displayNumber: '1012',
    counterNumbers: [1, 3],
    waitingAhead: 4,
    estimatedWaitMinutes: 12,
    priorityLabel: null,
    issuedAt: Date.parse('2025-05-12T02:05:09Z'),
    timeZone: 'Asia/Ho_Chi_Minh',
    statusUrl: 'http://hub/t/abc123',
    hotline: '0292 3 000 000',
  },
};

/** A client whose fetch answers from `reply`, recording the requests. */
function stubClient(reply: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const requests: { url: string; method: string; body: unknown; auth: string | null }[] = [];
  const client = new HubClient({
    baseUrl: 'http://hub.test',
    token: 'tok',
    retry: { baseDelayMs: 1 },
    fetch: async (input, init = {}) => {
      const headers = new Headers(init.headers);
      requests.push({
        url: String(input),
        method: init.method ?? 'GET',
        body: init.body ? JSON.parse(String(init.body)) : undefined,
        auth: headers.get('authorization'),
      });
      return reply(String(input), init);
    },
  });
  return { client, requests };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('browser platform', () => {
  it('keeps the device token in storage', async () => {
    const storage = memoryStorage();
    const p = createBrowserPlatform({ client: new HubClient(), storage });
    expect(p.kind).toBe('browser');
    expect(p.serialAvailable).toBe(false);
    expect(await p.getDeviceToken()).toBeNull();
    await p.setDeviceToken('secret');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('secret');
    expect(await p.getDeviceToken()).toBe('secret');
    await p.clearDeviceToken();
    expect(await p.getDeviceToken()).toBeNull();
  });

  it('prints through the hub and passes the printer outcome on', async () => {
    const { client, requests } = stubClient(() =>
      json(200, { ticket: sampleTicket(), print: { ok: false, error: 'paper_out', message: 'hết giấy' } }),
    );
    const p = createBrowserPlatform({ client, storage: memoryStorage() });
    expect(await p.printTicket(job)).toEqual({ ok: false, error: 'paper_out', message: 'hết giấy' });
    expect(requests).toEqual([
      { url: 'http://hub.test/api/v1/tickets/abc123/print', method: 'POST', body: {}, auth: 'Bearer tok' },
    ]);
  });

  it('reports an unreachable hub or a refused print without throwing (and never prints twice)', async () => {
    const down = stubClient(() => {
      throw new TypeError('fetch failed');
    });
    const outcome = await createBrowserPlatform({
      client: down.client,
      storage: memoryStorage(),
    }).printTicket(job);
    expect(outcome).toMatchObject({ ok: false, error: 'hub_unreachable' });
    expect(down.requests).toHaveLength(1); // a POST without an Idempotency-Key is not retried
    const refused = stubClient(() => json(404, { error: { code: 'not_found', message: 'no route' } }));
    expect(
      await createBrowserPlatform({ client: refused.client, storage: memoryStorage() }).printTicket(job),
    ).toEqual({ ok: false, error: 'error', message: 'not_found: no route' });
  });
});

describe('electron platform', () => {
  function fakePreload() {
    const calls: unknown[] = [];
    let token: string | null = null;
    const api = {
      kind: 'electron',
      getConfig: async () => ({ hubUrl: 'http://hub:8080', deviceKind: 'kiosk' }),
      getDeviceToken: async () => token,
      setDeviceToken: async (t: string) => {
        token = t;
      },
      clearDeviceToken: async () => {
        token = null;
      },
      printTicket: async (j: PrintJob) => {
        calls.push(j);
        return { ok: true as const, ms: 420 };
      },
    } satisfies LuotPreloadApi;
    return { api, calls };
  }

  it('delegates to window.luot', async () => {
    const { api, calls } = fakePreload();
    const p = createElectronPlatform(api);
    expect(p.kind).toBe('electron');
    expect(p.serialAvailable).toBe(false);
    await p.setDeviceToken('dev-token');
    expect(await p.getDeviceToken()).toBe('dev-token');
    await p.clearDeviceToken();
    expect(await p.getDeviceToken()).toBeNull();
    expect(await p.printTicket(job)).toEqual({ ok: true, ms: 420 });
    expect(calls).toEqual([job]);
  });

  it('turns a failing IPC call into a print failure', async () => {
    const { api } = fakePreload();
    const p = createElectronPlatform({
      ...api,
      printTicket: async () => {
        throw new Error('IPC gone');
      },
    });
    expect(await p.printTicket(job)).toEqual({ ok: false, error: 'error', message: 'IPC gone' });
  });

  it('detectPlatform picks Electron when the preload is there, else the browser', () => {
    const client = new HubClient();
    expect(detectPlatform({ client, storage: memoryStorage(), preload: fakePreload().api }).kind).toBe(
      'electron',
    );
    expect(detectPlatform({ client, storage: memoryStorage() }).kind).toBe('browser');
  });
});

describe('HubClient retry policy (stubbed network)', () => {
  it('retries GETs on network failures and 503, then gives up with a network HubError', async () => {
    let n = 0;
    const flaky = stubClient(() => {
      n += 1;
      if (n === 1) throw new TypeError('ECONNRESET');
      if (n === 2) return new Response('busy', { status: 503 });
      return json(200, { services: [] });
    });
    expect(await flaky.client.services()).toEqual([]);
    expect(flaky.requests).toHaveLength(3);

    const dead = stubClient(() => {
      throw new TypeError('ECONNREFUSED');
    });
    const error = await dead.client.health().catch((e) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ status: 0, code: 'network', isNetwork: true });
    expect(dead.requests).toHaveLength(4);
  });

  it('does not retry a POST without a key, nor any 4xx', async () => {
    const dead = stubClient(() => {
      throw new TypeError('ECONNREFUSED');
    });
    await expect(dead.client.request('POST', '/api/v1/counters/c1/call-next')).rejects.toMatchObject({
      code: 'network',
    });
    expect(dead.requests).toHaveLength(1);
    const conflict = stubClient(() => json(409, { error: { code: 'conflict', message: 'paused' } }));
    await expect(conflict.client.issueTicket({ serviceId: 'hotich' }, 'key-12345678')).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'paused',
    });
    expect(conflict.requests).toHaveLength(1);
  });

  it('retries a keyed POST with the same key', async () => {
    const keys: (string | null)[] = [];
    let n = 0;
    const { client } = stubClient((_url, init) => {
      keys.push(new Headers(init.headers).get('idempotency-key'));
      n += 1;
      if (n < 3) throw new TypeError('network down');
      return json(201, { ticket: sampleTicket({ id: 't1' }), waitingAhead: 0, estimatedWaitMinutes: 0 });
    });
    const issued = await client.issueTicket({ serviceId: 'hotich' }, 'attempt-group-1');
    expect(issued.ticket.id).toBe('t1');
    expect(keys).toEqual(['attempt-group-1', 'attempt-group-1', 'attempt-group-1']);
  });

  it('turns a non-JSON error into a HubError with the status', async () => {
    const { client } = stubClient(() => new Response('<html>bad gateway</html>', { status: 400 }));
    await expect(client.health()).rejects.toMatchObject({ status: 400, code: 'http_400' });
  });

  it('times out a hanging request', async () => {
    const client = new HubClient({
      baseUrl: 'http://hub.test',
      timeoutMs: 50,
      retry: { attempts: 1 },
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
        }),
    });
    await expect(client.health()).rejects.toMatchObject({ status: 0, code: 'timeout' });
  });
});
