// Hostile input, counter and ticket commands: junk bodies for the officer's counter at c2, bad
// finish, transfer and rating bodies for the ticket called there, a ticket shown without a staff
// token only as its public view, and ticket actions held to their roles. Each must get a clear 4xx
// {error:{code,message}}, never a 5xx; the last test checks that together they changed nothing.
import { PRIVATE_TICKET_FIELDS } from '@luot/shared';
import { describe, expect, it } from 'vitest';
import { type Expect, expectChangedNothing, hostileHub, problemCollector, type Send } from './hostile-kit.ts';

describe('hostile input: counter and ticket commands', () => {
  const h = hostileHub();

  it('rejects junk bodies on the counter commands of the officer at c2', async () => {
    const { send, officer, waiting } = h;
    const { problems, check } = problemCollector();
    // Counter and ticket commands of the officer at c2, with bodies that must not pass.
    const at = (label: string, path: string, o: Send, want: Expect = { status: 400 }) =>
      check(label, send('POST', path, { token: officer, ...o }), want);
    for (const action of ['sign-in', 'sign-out', 'resume', 'call-next']) {
      for (const [what, json] of [
        ['an unknown field', { force: true }],
        ['an array', []],
        ['a string', 'now'],
        ['a number', 0],
        ['false', false],
        ['__proto__', undefined],
      ] as const) {
        if (what === '__proto__')
          await at(`${action} with __proto__`, `/api/v1/counters/c2/${action}`, {
            raw: '{"__proto__":{"officer_id":"x"}}',
          });
        else await at(`${action} with ${what}`, `/api/v1/counters/c2/${action}`, { json });
      }
    }
    const pause = '/api/v1/counters/c2/pause';
    await at('pause reason number', pause, { json: { reason: 5 } }, { status: 400, field: 'reason' });
    await at(
      'pause reason 201',
      pause,
      { json: { reason: 'r'.repeat(201) } },
      { status: 400, field: 'reason' },
    );
    await at('pause reason NUL', pause, { json: { reason: 'a\u0000b' } }, { status: 400, field: 'reason' });
    await at('pause reason LS', pause, { json: { reason: 'a\u2028b' } }, { status: 400, field: 'reason' });
    await at('pause reason ESC', pause, { json: { reason: '\u001b[2J' } }, { status: 400, field: 'reason' });
    await at(
      'pause extra',
      pause,
      { json: { reason: 'ok', until: 'never' } },
      { status: 400, field: 'until' },
    );
    const callOne = '/api/v1/counters/c2/call';
    await at('call no ticketId', callOne, { json: {} }, { status: 400, field: 'ticketId' });
    await at('call ticketId number', callOne, { json: { ticketId: 5 } }, { status: 400, field: 'ticketId' });
    await at(
      'call ticketId path',
      callOne,
      { json: { ticketId: '../x' } },
      { status: 400, field: 'ticketId' },
    );
    await at(
      'call while a ticket is at the counter',
      callOne,
      { json: { ticketId: waiting } },
      { status: 409 },
    );

    expect(problems).toEqual([]);
  });

  it('rejects bad finish and transfer bodies naming the field', async () => {
    const { send, officer, called } = h;
    const { problems, check } = problemCollector();
    const at = (label: string, path: string, o: Send, want: Expect = { status: 400 }) =>
      check(label, send('POST', path, { token: officer, ...o }), want);
    const tk = `/api/v1/tickets/${called}`;
    const finish = `${tk}/finish`;
    await at('finish empty', finish, { json: {} }, { status: 400, field: 'procedureIds' });
    await at('finish none', finish, { json: { procedureIds: [] } }, { status: 400, field: 'procedureIds' });
    await at(
      'finish a string',
      finish,
      { json: { procedureIds: 'hotich-1' } },
      { status: 400, field: 'procedureIds' },
    );
    await at(
      'finish path',
      finish,
      { json: { procedureIds: ['../x'] } },
      { status: 400, field: 'procedureIds' },
    );
    await at(
      'finish null item',
      finish,
      { json: { procedureIds: [null] } },
      { status: 400, field: 'procedureIds' },
    );
    await at(
      'finish 21',
      finish,
      { json: { procedureIds: Array(21).fill('hotich-1') } },
      {
        status: 400,
        field: 'procedureIds',
      },
    );
    await at(
      'finish note NUL',
      finish,
      { json: { procedureIds: ['hotich-1'], note: '\u0000' } },
      {
        status: 400,
        field: 'note',
      },
    );
    await at(
      'finish note 501',
      finish,
      { json: { procedureIds: ['hotich-1'], note: 'n'.repeat(501) } },
      {
        status: 400,
        field: 'note',
      },
    );
    await at(
      'finish other field',
      finish,
      { json: { procedureIds: ['datdai-1'] } },
      {
        status: 400,
        field: 'procedureIds',
      },
    );
    await at(
      'finish unknown procedure',
      finish,
      { json: { procedureIds: ['hotich-1', 'nope-9'] } },
      {
        status: 400,
        field: 'procedureIds',
      },
    );
    await at(
      'finish prototype',
      finish,
      { raw: '{"procedureIds":["hotich-1"],"__proto__":{"x":1}}' },
      {
        status: 400,
        field: '__proto__',
      },
    );
    const transfer = `${tk}/transfer`;
    await at('transfer empty', transfer, { json: {} }, { status: 400, field: 'serviceId' });
    await at(
      'transfer same field',
      transfer,
      { json: { serviceId: 'hotich' } },
      { status: 400, field: 'serviceId' },
    );
    await at(
      'transfer same counter',
      transfer,
      { json: { counterId: 'c2' } },
      { status: 400, field: 'counterId' },
    );
    await at(
      'transfer unknown counter',
      transfer,
      { json: { counterId: 'c999' } },
      { status: 404, field: 'counterId' },
    );
    await at(
      'transfer unknown field',
      transfer,
      { json: { serviceId: 'nope' } },
      { status: 404, field: 'serviceId' },
    );
    await at(
      'transfer serviceId number',
      transfer,
      { json: { serviceId: 5 } },
      { status: 400, field: 'serviceId' },
    );
    await at(
      'transfer long reason',
      transfer,
      { json: { counterId: 'c1', reason: 'r'.repeat(201) } },
      {
        status: 400,
        field: 'reason',
      },
    );

    expect(problems).toEqual([]);
  });

  it('rejects bad ratings, and shows a ticket without a staff token only as its public view', async () => {
    const { send, officer, kiosk, called } = h;
    const { problems, check } = problemCollector();
    const at = (label: string, path: string, o: Send, want: Expect = { status: 400 }) =>
      check(label, send('POST', path, { token: officer, ...o }), want);
    const tk = `/api/v1/tickets/${called}`;
    const rating = `${tk}/rating`;
    for (const [label, raw] of [
      ['0', '{"score":0}'],
      ['5', '{"score":5}'],
      ['2.5', '{"score":2.5}'],
      ['-0', '{"score":-0}'],
      ['1e309', '{"score":1e309}'],
      ['-1e309', '{"score":-1e309}'],
      ['string', '{"score":"3"}'],
      ['null', '{"score":null}'],
      ['array', '{"score":[4]}'],
      ['huge', '{"score":1e308}'],
      ['extra', '{"score":4,"by":"me"}'],
      ['missing', '{}'],
    ]) {
      await at(
        `rating ${label}`,
        rating,
        { raw },
        { status: 400, field: label === 'extra' ? 'by' : 'score' },
      );
    }
    await at('rating NaN', rating, { raw: '{"score":NaN}' }, { status: 400, field: 'body' });
    // A rating is the citizen's (no token) or the counter's rating device's; staff get 403.
    await at('rating by staff', rating, { json: { score: 4 } }, { status: 403 });
    await check('rating before done', send('POST', rating, { json: { score: 4 } }), { status: 409 });
    for (const [label, raw] of [
      ['5', '{"score":5}'],
      ['extra', '{"score":4,"officerId":"x"}'],
      ['NaN', '{"score":NaN}'],
    ]) {
      await check(`rating ${label}, no token`, send('POST', rating, { raw }), {
        status: 400,
        field: label === 'extra' ? 'officerId' : label === 'NaN' ? 'body' : 'score',
      });
    }
    // Without a staff token a ticket is its public view: no note, officer, procedures or rating.
    for (const [who, token] of [
      ['no token', undefined],
      ['a garbage token', 'garbage-token-0000000000'],
      ['the kiosk', kiosk],
    ] as const) {
      const res = await send('GET', `/api/v1/tickets/${called}`, { token });
      for (const field of PRIVATE_TICKET_FIELDS)
        if (res.status !== 200 || field in res.body.ticket)
          problems.push(`GET a ticket with ${who}: ${res.status}, shows ${field}`);
    }

    expect(problems).toEqual([]);
  });

  it('rejects bodies on ticket actions and holds the actions to their roles', async () => {
    const { send, officer, kiosk, admin, called } = h;
    const { problems, check } = problemCollector();
    const at = (label: string, path: string, o: Send, want: Expect = { status: 400 }) =>
      check(label, send('POST', path, { token: officer, ...o }), want);
    const tk = `/api/v1/tickets/${called}`;
    const finish = `${tk}/finish`;
    for (const action of ['recall', 'start', 'no-show', 'cancel', 'reinstate']) {
      await at(
        `${action} with a body`,
        `${tk}/${action}`,
        { json: { now: true } },
        { status: 400, field: 'now' },
      );
      await at(`${action} with an array`, `${tk}/${action}`, { json: [called] });
    }
    await at('reinstate a called ticket', `${tk}/reinstate`, {}, { status: 409 });
    await check('kiosk may not cancel', send('POST', `${tk}/cancel`, { token: kiosk }), { status: 403 });
    await check('kiosk may not call', send('POST', '/api/v1/counters/c2/call-next', { token: kiosk }), {
      status: 403,
    });
    await check(
      'another officer may not finish',
      send('POST', finish, { token: admin, json: { procedureIds: ['hotich-1'] } }),
      { status: 403 },
    );
    await check(
      'logout with a body',
      send('POST', '/api/v1/auth/logout', { token: kiosk, json: { all: true } }),
      {
        status: 400,
        field: 'all',
      },
    );

    expect(problems).toEqual([]);
  });

  it('changed nothing: same queue, same rows, healthy, and valid requests still work', () =>
    expectChangedNothing(h, 88, 'hostile-commands'));
});
