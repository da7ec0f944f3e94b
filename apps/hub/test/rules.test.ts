// Rules that keep tickets from getting stuck and sessions honest (found while testing the API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, expectError, expectOk, issue, officerAt } from './api-helpers.ts';
import { connected, startTestHub, type TestHub } from './harness.ts';

describe('hub rules', () => {
  let t: TestHub;
  let kiosk: string;
  beforeAll(async () => {
    t = await startTestHub();
    kiosk = await t.pairDevice('kiosk');
  });
  afterAll(() => t.close());

  it('a transfer to a closed counter is refused; sign-out releases tickets sent to that counter', async () => {
    const a = await officerAt(t, 'rules-a', 'c4');
    const b = await officerAt(t, 'rules-b', 'c5');
    const ticket = await issue(t, kiosk, { serviceId: 'datdai' });
    expectOk(await act(t, a.token, 'counters/c4/call-next'));
    expectError(
      await act(t, a.token, `tickets/${ticket.id}/transfer`, { counterId: 'c6' }),
      409,
      'conflict',
      /closed/,
    );
    const moved = expectOk(
      await act(t, a.token, `tickets/${ticket.id}/transfer`, { counterId: 'c5' }),
    ).ticket;
    expect(moved).toMatchObject({ status: 'waiting', targetCounterId: 'c5' });
    // Counter 5 closes before calling it: the ticket goes back to its field's line, for counter 4.
    expectOk(await act(t, b.token, 'counters/c5/sign-out'));
    expect((await t.api('GET', `/api/v1/tickets/${ticket.id}`)).body.ticket.targetCounterId).toBeNull();
    const again = expectOk(await act(t, a.token, 'counters/c4/call-next')).ticket;
    expect(again.id).toBe(ticket.id);
    expectOk(await act(t, a.token, `tickets/${ticket.id}/finish`, { procedureIds: ['datdai-1'] }));
  });

  it('an officer cannot cancel a ticket called at another counter; an admin can', async () => {
    const a = await officerAt(t, 'rules-c', 'c6');
    const other = await t.user('rules-d', 'officer');
    const ticket = await issue(t, kiosk, { serviceId: 'cutru' });
    expectOk(await act(t, a.token, 'counters/c6/call-next'));
    expectError(await act(t, other.token, `tickets/${ticket.id}/cancel`), 403, 'forbidden');
    expect(expectOk(await act(t, await t.login(), `tickets/${ticket.id}/cancel`)).ticket.status).toBe(
      'cancelled',
    );
    const waiting = await issue(t, kiosk, { serviceId: 'cutru' });
    expect(expectOk(await act(t, other.token, `tickets/${waiting.id}/cancel`)).ticket.status).toBe(
      'cancelled',
    );
  });

  it('reinstating needs a counter: an officer signed in nowhere gets 403', async () => {
    const a = await officerAt(t, 'rules-e', 'c7');
    const ticket = await issue(t, kiosk, { serviceId: 'tructuyen' });
    expectOk(await act(t, a.token, 'counters/c7/call-next'));
    expectOk(await act(t, a.token, `tickets/${ticket.id}/no-show`));
    const nowhere = await t.user('rules-f', 'officer');
    expectError(await act(t, nowhere.token, `tickets/${ticket.id}/reinstate`), 403, 'forbidden');
  });

  it('failed logins for one username do not lock other users on the same address', async () => {
    await t.user('rules-g', 'officer');
    for (let i = 0; i < 5; i++) {
      expectError(
        await t.api('POST', '/api/v1/auth/login', { body: { username: 'rules-g', password: 'nope' } }),
        401,
        'unauthorized',
      );
    }
    expectError(
      await t.api('POST', '/api/v1/auth/login', {
        body: { username: 'rules-g', password: 'rules-g-password' },
      }),
      429,
      'too_many_attempts',
    );
    expect(await t.login()).toMatch(/^[\w-]{40,}$/);
  });

  it('logout disconnects the sockets opened with that token', async () => {
    const user = await t.user('rules-h', 'officer');
    const socket = t.socket(user.token);
    await connected(socket);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    expectOk(await act(t, user.token, 'auth/logout'));
    expect(await gone).toBe('io server disconnect');
    expectError(await t.api('GET', '/api/v1/me', { token: user.token }), 401, 'unauthorized');
  });

  it('a JSON null body is refused, not taken as empty; query errors are labelled as query', async () => {
    const officer = await officerAt(t, 'rules-i', 'c3');
    const res = await t.api('POST', '/api/v1/counters/c3/call-next', {
      token: officer.token,
      rawBody: 'null',
    });
    expectError(res, 400, 'validation_failed', /^body: /);
    const stats = await t.api('GET', '/api/v1/stats/day?extra=1', { token: await t.login() });
    expectError(stats, 400, 'validation_failed', 'query: unknown field(s) extra');
  });
});
