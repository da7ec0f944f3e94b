import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, nextEvent, startTestHub, type TestHub } from './harness.ts';

describe('hub smoke', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('issues a ticket at a kiosk and a counter calls it, seen on a socket', async () => {
    const kiosk = await t.pairDevice('kiosk');
    const officer = await t.user('canbo1', 'officer');
    expect((await t.api('POST', '/api/v1/counters/c2/sign-in', { token: officer.token })).status).toBe(200);
    const issued = await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich' } });
    expect(issued.status).toBe(201);
    expect(issued.body.ticket.displayNumber).toBe('1001');
    const display = t.socket(await t.pairDevice('display'));
    await connected(display);
    const called = nextEvent(display, 'ticket:called');
    const res = await t.api('POST', '/api/v1/counters/c2/call-next', { token: officer.token });
    expect(res.body.ticket.id).toBe(issued.body.ticket.id);
    const event = await called;
    expect(event).toMatchObject({ recall: false, ticket: { displayNumber: '1001' }, counter: { number: 2 } });
  });
});
