// Hostile input, sockets and limits: junk socket commands (hand-written and generated) answered with
// a failed ack, junk snapshot requests and unheard events doing no harm, a kiosk token held to its
// field's range and a kiosk's pace, pages whose ?hub= cannot point them at another host, and a socket
// over the message limit dropped alone. The last test checks that together they changed nothing.
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type Command } from '../src/handlers/index.ts';
import { connected } from './harness.ts';
import {
  ackProblem,
  expectChangedNothing,
  fieldsOf,
  hostileHub,
  hostileObject,
  hostileString,
  hostileValue,
  overTheWire,
  problemWith,
  publicView,
  SQL,
} from './hostile-kit.ts';

describe('hostile input: sockets and limits', () => {
  const h = hostileHub();

  it('answers junk socket commands with a failed ack', async () => {
    const { t, command, sockets, snapKiosk, called, before } = h;
    const problems: string[] = [];
    const expectFailedAck = async (label: string, socket: Socket, args: unknown[], field?: string) => {
      try {
        const p = ackProblem(label, await command(socket, ...args), field);
        if (p) problems.push(p);
      } catch (error) {
        problems.push(`${label}: no ack (${String(error)})`);
      }
    };
    const s = sockets;
    const cases: [string, unknown[], string?][] = [
      ['no payload', []],
      ['null', [null]],
      ['a number', [42]],
      ['NaN', [Number.NaN]],
      ['a string', ['tickets:issue']],
      ['true', [true]],
      ['an array', [['tickets:issue', { serviceId: 'hotich' }]]],
      ['an empty object', [{}], 'name'],
      ['name empty', [{ name: '' }], 'name'],
      ['name 65 chars', [{ name: 'n'.repeat(65) }], 'name'],
      ['name number', [{ name: 123 }], 'name'],
      ['name array', [{ name: ['tickets:issue'] }], 'name'],
      ['name __proto__', [{ name: '__proto__' }], 'name'],
      ['name constructor', [{ name: 'constructor' }], 'name'],
      ['name toString', [{ name: 'toString' }], 'name'],
      ['name hasOwnProperty', [{ name: 'hasOwnProperty', body: {} }], 'name'],
      ['name valueOf', [{ name: 'valueOf' }], 'name'],
      ['name SQL', [{ name: SQL }], 'name'],
      ['name unknown', [{ name: 'tickets:delete-all' }], 'name'],
      ['name with NUL', [{ name: 'tickets:issue\u0000' }], 'name'],
      ['name with RTL', [{ name: '\u202eeussi:stekcit' }], 'name'],
      ['REST path as name', [{ name: '/api/v1/tickets' }], 'name'],
      [
        'unknown top-level field',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich' }, as: 'admin' }],
        'as',
      ],
      ['params not an object', [{ name: 'tickets:get', params: 'x' }], 'params'],
      ['params number values', [{ name: 'tickets:get', params: { id: 5 } }], 'params'],
      ['params array', [{ name: 'tickets:get', params: [called] }], 'params'],
      ['params missing id', [{ name: 'tickets:get', params: {} }], 'id'],
      ['params path id', [{ name: 'tickets:get', params: { id: '../../x' } }], 'id'],
      ['params long id', [{ name: 'tickets:get', params: { id: 'i'.repeat(5000) } }], 'id'],
      ['params extra', [{ name: 'tickets:get', params: { id: called, x: '1' } }], 'x'],
      ['params __proto__', [{ name: 'counters:call-next', params: { ['__proto__']: 'c2' } }], 'id'],
      [
        'idempotencyKey number',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich' }, idempotencyKey: 5 }],
      ],
      [
        'idempotencyKey short',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich' }, idempotencyKey: 'short' }],
        'Idempotency-Key',
      ],
      [
        'idempotencyKey with spaces',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich' }, idempotencyKey: 'a b c d e f g h' }],
        'Idempotency-Key',
      ],
      ['issue no body', [{ name: 'tickets:issue' }], 'serviceId'],
      ['issue body string', [{ name: 'tickets:issue', body: 'hotich' }], 'body'],
      ['issue body array', [{ name: 'tickets:issue', body: [{ serviceId: 'hotich' }] }], 'body'],
      ['issue SQL', [{ name: 'tickets:issue', body: { serviceId: SQL } }], 'serviceId'],
      ['issue 60 kB', [{ name: 'tickets:issue', body: { serviceId: 'x'.repeat(60_000) } }], 'serviceId'],
      [
        'issue nested',
        [{ name: 'tickets:issue', body: JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`) }],
        'body',
      ],
      ['issue lone surrogate', [{ name: 'tickets:issue', body: { serviceId: '\udc00' } }], 'serviceId'],
      [
        'issue unknown field',
        [{ name: 'tickets:issue', body: { serviceId: 'hotich', number: 1 } }],
        'number',
      ],
      [
        'finish junk',
        [{ name: 'tickets:finish', params: { id: called }, body: { procedureIds: [SQL] } }],
        'procedureIds',
      ],
      ['finish no params', [{ name: 'tickets:finish', body: { procedureIds: ['hotich-1'] } }], 'id'],
      [
        'pause junk',
        [{ name: 'counters:pause', params: { id: 'c2' }, body: { reason: '\u0000' } }],
        'reason',
      ],
      ['sign-out junk body', [{ name: 'counters:sign-out', params: { id: 'c2' }, body: [] }], 'body'],
      ['call-next junk body', [{ name: 'counters:call-next', params: { id: 'c2' }, body: 'go' }], 'body'],
      ['logout junk body', [{ name: 'auth:logout', body: { everywhere: true } }], 'everywhere'],
      ['rating -0', [{ name: 'tickets:rating', params: { id: called }, body: { score: -0 } }], 'score'],
      [
        'rating Infinity',
        [{ name: 'tickets:rating', params: { id: called }, body: { score: Number.POSITIVE_INFINITY } }],
        'score',
      ],
      ['create user junk', [{ name: 'users:create', body: { username: SQL } }], 'username'],
      ['pair junk', [{ name: 'devices:pair', body: { code: ['x'] } }], 'code'],
      ['two payloads', [{ name: 'tickets:issue' }, { name: 'tickets:issue', body: { serviceId: 'hotich' } }]],
      ['binary payload', [new Uint8Array([1, 2, 3])]],
      ['binary body', [{ name: 'tickets:issue', body: new Uint8Array([0x7b, 0x7d]) }], 'body'],
    ];
    for (const [label, args, field] of cases) {
      const socket =
        label.startsWith('finish') ||
        label.startsWith('pause') ||
        label.startsWith('sign') ||
        label.startsWith('call')
          ? s.officer!
          : s.admin!;
      await expectFailedAck(label, socket, args, field);
    }
    // Role checks through the socket: a display cannot issue, a kiosk cannot call.
    await expectFailedAck('display issues', s.display!, [
      { name: 'tickets:issue', body: { serviceId: 'hotich' } },
    ]);
    await expectFailedAck('kiosk calls', s.kiosk!, [
      { name: 'counters:call-next', params: { id: 'c2' }, body: {} },
    ]);
    await expectFailedAck('kiosk finishes', s.kiosk!, [
      { name: 'tickets:finish', params: { id: called }, body: { procedureIds: ['hotich-1'] } },
    ]);

    // queue:snapshot ignores junk arguments and still answers with the snapshot. A kiosk of its
    // own and a socket per case: snapshots are limited per socket and per token (snapshot-gate.ts).
    for (const junk of [
      [],
      [null],
      [42],
      ['x'.repeat(10_000)],
      [{ __proto__: { x: 1 } }],
      [[1, [2, [3]]], SQL],
    ]) {
      const snapSocket = t.socket(snapKiosk);
      await connected(snapSocket);
      const snap = (await snapSocket.timeout(5000).emitWithAck('queue:snapshot', ...junk)) as {
        seq: number;
        tickets: unknown[];
      };
      expect(snap.seq).toBe((before.snapshot as { seq: number }).seq);
      // A kiosk gets the public view of the tickets the admin sees whole.
      const whole = (before.snapshot as { tickets: Record<string, unknown>[] }).tickets;
      expect(snap.tickets).toEqual(whole.map(publicView));
    }
    // Events nobody listens to, reserved-looking names, and commands without an ack: no answer, no harm.
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'error',
      'disconnecting2',
      SQL,
    ])
      s.admin!.emit(name, { name: 'tickets:issue', body: { serviceId: 'hotich' } });
    s.kiosk!.emit('command', { name: 'tickets:issue', body: { serviceId: 'hotich' } });
    s.kiosk!.emit('queue:snapshot', { junk: true });

    // Generated: known command names with bodies their schema rejects, plus junk envelopes.
    const withBodies = Object.entries(COMMANDS).filter(([, c]) => (c as Command).body) as [string, Command][];
    const generated = fc.oneof(
      fc
        .constantFrom(...withBodies)
        .chain(([name, c]) =>
          fc.record({
            name: fc.constant(name),
            params: fc.constantFrom(undefined, { id: called }, { id: 'c2' }, { id: '../x' }),
            body: fc.oneof(hostileObject(fieldsOf(c.body)), hostileValue),
          }),
        )
        .filter(({ name, body }) => {
          const schema = (COMMANDS as Record<string, Command>)[name]!.body!;
          return !schema.safeParse(overTheWire(body) ?? {}).success;
        })
        .map((cmd) => [JSON.parse(JSON.stringify(cmd)) as unknown]),
      fc.tuple(hostileValue),
      fc
        .tuple(fc.record({ name: hostileString, body: hostileValue }, { requiredKeys: ['name'] }))
        .filter(([c]) => !Object.hasOwn(COMMANDS, c.name)),
    );
    await fc.assert(
      fc.asyncProperty(
        generated,
        fc.constantFrom('admin', 'officer', 'kiosk', 'display'),
        async (args, who) => {
          const reply = await command(s[who]!, ...args);
          expect(ackProblem(`${who} ${JSON.stringify(args).slice(0, 200)}`, reply)).toBeNull();
        },
      ),
      { numRuns: 200 },
    );

    // Every socket is still connected and answering.
    for (const socket of Object.values(s)) {
      expect(socket.connected).toBe(true);
      const snap = (await socket.timeout(5000).emitWithAck('queue:snapshot')) as { seq: number };
      expect(snap.seq).toBe((before.snapshot as { seq: number }).seq);
    }
    expect(problems).toEqual([]);
  });

  it('holds a kiosk token to its field’s range and a kiosk’s pace, and pages to their own hub', async () => {
    const { t, send, command, flooder, usedUp, waiting } = h;
    const problems: string[] = [];
    // A kiosk token flooding a field whose numbers are used up: 409 while its burst lasts, then 429.
    const started = Date.now();
    const flood = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        send('POST', '/api/v1/tickets', {
          token: flooder,
          json: { serviceId: usedUp },
          headers: { 'idempotency-key': `hostile-flood-${i}` },
        }),
      ),
    );
    const seconds = Math.ceil((Date.now() - started) / 1000);
    flood.forEach((res, i) => {
      const p = problemWith(`flood #${i}`, res, { status: [409, 429] });
      if (p) problems.push(p);
      const message = String(res.body?.error?.message);
      const usedUpMessage = /field HOSTILE-TINY \(Hết số\) has used up its numbers for today/;
      if (res.status === 409 && !usedUpMessage.test(message))
        problems.push(`flood #${i}: 409 should name the field and its used-up range: ${message}`);
      if (res.status === 429 && !/issuing tickets too fast/.test(message))
        problems.push(`flood #${i}: 429 should say the kiosk issues too fast: ${message}`);
    });
    const conflicts = flood.filter((r) => r.status === 409).length;
    // The burst (20), and at most one more a second while the flood ran (60 a minute).
    expect(conflicts).toBeGreaterThanOrEqual(20);
    expect(conflicts).toBeLessThanOrEqual(20 + seconds);
    const socket = t.socket(flooder);
    await connected(socket);
    const ack = await command(socket, { name: 'tickets:issue', body: { serviceId: usedUp } });
    const p = ackProblem('flooding kiosk over its socket', ack);
    if (p) problems.push(p);
    socket.close();

    // Pages with another host (or junk) in ?hub=: their CSP lets them connect to this hub only.
    const hubs = ['http://127.0.0.1:9', 'ws://evil.example', '//evil.example', 'javascript:alert(1)', SQL];
    const pages = ['/kiosk/', '/counter/', '/counter/rating.html', '/display/', '/admin/', `/t/${waiting}`];
    for (const path of pages) {
      for (const hub of hubs) {
        h.payloads += 1;
        const res = await fetch(new URL(`${path}?hub=${encodeURIComponent(hub)}`, t.url));
        await res.arrayBuffer();
        const csp = res.headers.get('content-security-policy') ?? '';
        // 503: the page is not built in this checkout; the policy is sent all the same.
        if (res.status !== 200 && res.status !== 503) problems.push(`${path}?hub=${hub}: ${res.status}`);
        if (!/(^|; )connect-src 'self'(;|$)/.test(csp)) problems.push(`${path}?hub=${hub}: CSP ${csp}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('drops a socket that sends more than the message limit, and only that one', async () => {
    const { t, send, kiosk, sockets } = h;
    const socket = t.socket(kiosk);
    await connected(socket);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    h.payloads += 1;
    socket.emit('command', { name: 'tickets:issue', body: { serviceId: 'x'.repeat(200_000) } }, () => {});
    expect(await dropped).toMatch(/transport (close|error)/);
    expect(sockets.admin!.connected).toBe(true);
    expect((await send('GET', '/api/v1/health')).status).toBe(200);
  });

  it('changed nothing: same queue, same rows, healthy, and valid requests still work', () =>
    expectChangedNothing(h, 351, 'hostile-sockets'));
});
