// The kiosk flow as a pure state machine.
import { describe, expect, it } from 'vitest';
import { type FlowEvent, type FlowState, initialFlow, issueRequest, reduceFlow } from './flow.ts';
import { ticket } from './test-fixtures.ts';

const run = (events: FlowEvent[], from: FlowState = initialFlow) => events.reduce(reduceFlow, from);
const tapField = (fieldId: string, key: string, withProcedures = false): FlowEvent => ({
  type: 'chooseField',
  fieldId,
  key,
  withProcedures,
});
const succeeded = (key: string, over = {}): FlowEvent => ({
  type: 'issueSucceeded',
  key,
  ticket: ticket(over),
  waitingAhead: 2,
  estimatedWaitMinutes: 8,
  counterNumbers: [1, 3],
});

describe('kiosk flow', () => {
  it('idle → fields → issuing → issued → idle, in two taps', () => {
    let s = run([{ type: 'start' }]);
    expect(s.screen).toBe('fields');
    s = reduceFlow(s, tapField('svc-hotich', 'key-00000001'));
    expect(s.attempt).toEqual({ key: 'key-00000001', request: { serviceId: 'svc-hotich' }, tries: 1 });
    expect(s.screen).toBe('fields');
    s = reduceFlow(s, succeeded('key-00000001'));
    expect(s.screen).toBe('issued');
    expect(s.attempt).toBeNull();
    expect(s.issued).toMatchObject({ counterNumbers: [1, 3], waitingAhead: 2, print: 'printing' });
    s = reduceFlow(s, { type: 'printFinished', ticketId: ticket().id, ok: true });
    expect(s.issued?.print).toBe('printed');
    expect(reduceFlow(s, { type: 'done' })).toEqual(initialFlow);
    expect(reduceFlow(s, { type: 'timeout' })).toEqual(initialFlow);
  });

  it('a double tap while the request is in flight starts nothing new', () => {
    const first = run([{ type: 'start' }, tapField('svc-hotich', 'key-00000001')]);
    const second = reduceFlow(first, tapField('svc-hotich', 'key-00000002'));
    expect(second).toBe(first);
    // Nor a tap on another field, the priority button, back, or a timeout.
    for (const event of [
      tapField('svc-datdai', 'key-00000003'),
      { type: 'openPriority' },
      { type: 'back' },
      { type: 'timeout' },
      { type: 'done' },
    ] satisfies FlowEvent[])
      expect(reduceFlow(first, event)).toBe(first);
    // An answer for another key is ignored.
    expect(reduceFlow(first, succeeded('key-00000009'))).toBe(first);
  });

  it('a failed request is retried with the same key, also by tapping the same field again', () => {
    let s = run([{ type: 'start' }, tapField('svc-hotich', 'key-00000001')]);
    s = reduceFlow(s, { type: 'issueFailed', key: 'key-00000001' });
    expect(s.attempt).toBeNull();
    expect(s.failed?.key).toBe('key-00000001');
    const retried = reduceFlow(s, { type: 'retry' });
    expect(retried.attempt).toEqual({ key: 'key-00000001', request: { serviceId: 'svc-hotich' }, tries: 2 });
    const tappedAgain = reduceFlow(s, tapField('svc-hotich', 'key-00000002'));
    expect(tappedAgain.attempt?.key).toBe('key-00000001');
    // Another field is another request: a new key.
    const other = reduceFlow(s, tapField('svc-datdai', 'key-00000003'));
    expect(other.attempt).toEqual({ key: 'key-00000003', request: { serviceId: 'svc-datdai' }, tries: 1 });
    expect(other.failed).toBeNull();
  });

  it('priority path: a separate screen, then fields in priority mode', () => {
    let s = run([{ type: 'start' }, { type: 'openPriority' }]);
    expect(s.screen).toBe('priority');
    expect(reduceFlow(s, { type: 'back' }).screen).toBe('fields');
    s = reduceFlow(s, { type: 'choosePriority', priority: 'elderly' });
    expect(s).toMatchObject({ screen: 'fields', priority: 'elderly' });
    s = reduceFlow(s, tapField('svc-datdai', 'key-00000001'));
    expect(s.attempt?.request).toEqual({ serviceId: 'svc-datdai', priority: 'elderly' });
    // Back from priority mode goes to the groups, without the group chosen.
    const back = run([
      { type: 'start' },
      { type: 'openPriority' },
      { type: 'choosePriority', priority: 'child' },
      { type: 'back' },
    ]);
    expect(back).toMatchObject({ screen: 'priority', priority: null });
  });

  it('procedure path: a field with the step shows procedures; search; a procedure or "other" issues', () => {
    let s = run([{ type: 'start' }, tapField('svc-hotich', 'key-00000001', true)]);
    expect(s).toMatchObject({ screen: 'procedures', fieldId: 'svc-hotich', attempt: null });
    s = reduceFlow(s, { type: 'search', query: 'dang ky ket hon' });
    expect(s.query).toBe('dang ky ket hon');
    const chosen = reduceFlow(s, { type: 'chooseProcedure', procedureId: 'p-kethon', key: 'key-00000002' });
    expect(chosen.attempt?.request).toEqual({ serviceId: 'svc-hotich', procedureId: 'p-kethon' });
    const other = reduceFlow(s, { type: 'chooseProcedure', procedureId: null, key: 'key-00000003' });
    expect(other.attempt?.request).toEqual({ serviceId: 'svc-hotich' });
    const done = reduceFlow(chosen, succeeded('key-00000002'));
    expect(done).toMatchObject({ screen: 'issued', query: '' });
    // Back from procedures: the fields again, search cleared.
    expect(reduceFlow(s, { type: 'back' })).toMatchObject({ screen: 'fields', fieldId: null, query: '' });
  });

  it('inactivity on any screen returns to idle; idle stays idle', () => {
    for (const events of [
      [{ type: 'start' }],
      [{ type: 'start' }, { type: 'openPriority' }],
      [{ type: 'start' }, tapField('svc-hotich', 'k-0000001', true)],
    ] satisfies FlowEvent[][])
      expect(reduceFlow(run(events), { type: 'timeout' })).toEqual(initialFlow);
    expect(reduceFlow(initialFlow, { type: 'timeout' })).toBe(initialFlow);
    // A tap on idle's contents only starts from idle.
    const fields = run([{ type: 'start' }]);
    expect(reduceFlow(fields, { type: 'start' })).toBe(fields);
  });

  it('a print result for an older ticket is ignored', () => {
    const s = run([{ type: 'start' }, tapField('svc-hotich', 'key-00000001'), succeeded('key-00000001')]);
    expect(reduceFlow(s, { type: 'printFinished', ticketId: 'other', ok: false })).toBe(s);
    expect(reduceFlow(s, { type: 'printFinished', ticketId: ticket().id, ok: false }).issued?.print).toBe(
      'failed',
    );
  });

  it('issueRequest sends only what is set (the hub refuses unknown or empty fields)', () => {
    expect(issueRequest('s', null, null)).toEqual({ serviceId: 's' });
    expect(issueRequest('s', 'p', 'merit')).toEqual({ serviceId: 's', procedureId: 'p', priority: 'merit' });
  });
});
