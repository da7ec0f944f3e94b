// Issuing tickets over REST: who may issue, Idempotency-Key replays and refusals, bad bodies,
// parallel kiosks, and reading a ticket without a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, expectPublicTicketShape, issue } from './api-helpers.ts';
import { startTestHub, type TestHub } from './harness.ts';

describe('issuing tickets', () => {
  let t: TestHub;
  let admin: string;
  let kiosk: string;
  let officer: { token: string; id: string };
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    kiosk = await t.pairDevice('kiosk');
    officer = await t.user('issuer', 'officer');
  });
  afterAll(() => t.close());

  it('a kiosk device issues a ticket: 201 with the ticket, people ahead and the estimate', async () => {
    const res = await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'datdai' } });
    const body = expectOk(res, 201);
    expect(Object.keys(body).sort()).toEqual(['estimatedWaitMinutes', 'ticket', 'waitingAhead']);
    // A kiosk is a device: it gets the ticket's public view (API.md).
    expectPublicTicketShape(body.ticket);
    expect(body.ticket).toMatchObject({
      serviceId: 'datdai',
      procedureId: null,
      number: 3001,
      displayNumber: '3001',
      priority: null,
      channel: 'kiosk',
      status: 'waiting',
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      counterId: null,
      counterNumber: null,
      recallCount: 0,
    });
    expect(body.ticket.serviceDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Math.abs(Date.parse(body.ticket.issuedAt) - Date.now())).toBeLessThan(60_000);
    expect(body.waitingAhead).toBe(0);
    expect(body.estimatedWaitMinutes).toBe(0);

    const second = expectOk(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'datdai' } }),
      201,
    );
    expect(second.ticket.number).toBe(3002);
    expect(second.waitingAhead).toBe(1);
    expect(second.estimatedWaitMinutes).toBeGreaterThan(0);
  });

  it('an officer and an admin issue tickets (channel counter by default), with procedure and priority', async () => {
    const byOfficer = await issue(t, officer.token, {
      serviceId: 'cutru',
      procedureId: 'cutru-2',
      priority: 'elderly',
    });
    expect(byOfficer).toMatchObject({
      serviceId: 'cutru',
      procedureId: 'cutru-2',
      priority: 'elderly',
      channel: 'counter',
      displayNumber: '8001',
    });
    const byAdmin = await issue(t, admin, { serviceId: 'cutru', channel: 'online' });
    expect(byAdmin).toMatchObject({ channel: 'online', number: 8002 });
  });

  it('refuses display and counter devices and directors with 403, anonymous with 401', async () => {
    const display = await t.pairDevice('display');
    const pad = await t.pairDevice('counter', { counterId: 'c1' });
    const director = await t.user('dir-issue', 'director');
    for (const token of [display, pad, director.token]) {
      expectError(
        await t.api('POST', '/api/v1/tickets', { token, body: { serviceId: 'xaydung' } }),
        403,
        'forbidden',
      );
    }
    expectError(
      await t.api('POST', '/api/v1/tickets', { body: { serviceId: 'xaydung' } }),
      401,
      'unauthorized',
    );
    // None of them took a number.
    expect((await issue(t, kiosk, { serviceId: 'xaydung' })).number).toBe(4001);
  });

  it('the same Idempotency-Key gives the same ticket; another key a new one', async () => {
    const headers = { 'Idempotency-Key': 'kiosk-1-req-000001' };
    const first = expectOk(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'baotro' }, headers }),
      201,
    );
    const again = expectOk(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'baotro' }, headers }),
      201,
    );
    expect(again.ticket.id).toBe(first.ticket.id);
    expect(again.ticket.number).toBe(first.ticket.number);
    expect(again.ticket.displayNumber).toBe(first.ticket.displayNumber);
    const other = await issue(t, kiosk, { serviceId: 'baotro' }, { 'Idempotency-Key': 'kiosk-1-req-000002' });
    expect(other.id).not.toBe(first.ticket.id);
    expect(other.number).toBe(first.ticket.number + 1);
    // The same key for a different request is a conflict, not a silent replay.
    expectError(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'cutru' }, headers }),
      409,
      'conflict',
      /Idempotency-Key/,
    );
    const queue = expectOk(await t.api('GET', '/api/v1/queue', { token: kiosk }));
    expect(queue.tickets.filter((x: any) => x.serviceId === 'baotro')).toHaveLength(2);
  });

  it('refuses a bad Idempotency-Key with 400', async () => {
    for (const key of ['short', 'has spaces in it', 'x'.repeat(200)]) {
      expectError(
        await t.api('POST', '/api/v1/tickets', {
          token: kiosk,
          body: { serviceId: 'baotro' },
          headers: { 'Idempotency-Key': key },
        }),
        400,
        'validation_failed',
        /^Idempotency-Key: /,
      );
    }
  });

  it('refuses bad bodies with 400 naming the field, and an unknown field with 404', async () => {
    expectError(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: {} }),
      400,
      'validation_failed',
      /^serviceId: /,
    );
    expectError(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { procedureId: 'hotich-1' } }),
      400,
      'validation_failed',
      /^serviceId: required/,
    );
    expectError(
      await t.api('POST', '/api/v1/tickets', {
        token: kiosk,
        body: { serviceId: 'hotich', priority: 'vip' },
      }),
      400,
      'validation_failed',
      /^priority: /,
    );
    expectError(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich', channel: 'fax' } }),
      400,
      'validation_failed',
      /^channel: /,
    );
    expectError(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'khongco' } }),
      404,
      'not_found',
      /serviceId/,
    );
    expectError(
      await t.api('POST', '/api/v1/tickets', {
        token: kiosk,
        body: { serviceId: 'hotich', procedureId: 'datdai-1' },
      }),
      400,
      'validation_failed',
      /^procedureId: /,
    );
    // No number was spent on refused requests.
    expect((await issue(t, kiosk, { serviceId: 'hotich' })).number).toBe(1001);
  });

  it('parallel issues from several kiosks get distinct, consecutive numbers', async () => {
    const kiosks = [kiosk, await t.pairDevice('kiosk'), await t.pairDevice('kiosk')];
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.api('POST', '/api/v1/tickets', { token: kiosks[i % 3], body: { serviceId: 'tructuyen' } }),
      ),
    );
    const numbers = replies.map((r) => expectOk(r, 201).ticket.number).sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => 9001 + i));
  });

  it('GET /tickets/:id answers without a token; 404 for an unknown id, 400 for a malformed one', async () => {
    // A kiosk of its own: the tests above used up the first kiosk's issuing allowance.
    const ticket = await issue(t, await t.pairDevice('kiosk'), { serviceId: 'nguoicocong' });
    const body = expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`));
    // Both the kiosk's answer and an anonymous GET are the public view; no rating window before done.
    expect(body).toEqual({ ticket, waitingAhead: 0, estimatedWaitMinutes: 0, ratingWindow: null });
    expectError(await t.api('GET', '/api/v1/tickets/AAAAAAAAAAAAAAAAAAAAAA'), 404, 'not_found');
    expectError(await t.api('GET', '/api/v1/tickets/bad%20id'), 400, 'validation_failed', /^id: /);
  });
});
