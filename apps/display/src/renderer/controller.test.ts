// The calls controller against a fake client: live calls go on screen and to the voice, snapshots
// only on screen, and only the display's zone.
import type { Counter, QueueSnapshot, TicketCalledEvent } from '@luot/shared';
import { Emitter } from '@luot/ui';
import { describe, expect, it } from 'vitest';
import { DisplayController } from './controller.ts';
import type { DisplayScope } from './derive.ts';
import { called, counter, counters, snapshot, ticket } from './test-fixtures.ts';

class FakeClient extends Emitter<{ ticketCalled: TicketCalledEvent; snapshot: QueueSnapshot }> {
  send(event: TicketCalledEvent) {
    this.emit('ticketCalled', event);
  }
  resync(s: QueueSnapshot) {
    this.emit('snapshot', s);
  }
}

function setup(
  scope: DisplayScope = { kind: 'zone', zone: 'main' },
  list: Record<string, Counter> = counters,
) {
  const client = new FakeClient();
  const announced: { displayNumber: string; counterNumber: number; recall: boolean; key?: string }[] = [];
  const controller = new DisplayController({
    client,
    counters: () => list,
    scope,
    announcer: { enqueue: (call) => announced.push(call) },
  });
  const numbers = () => controller.getState().calls.map((c) => c.displayNumber);
  return { client, controller, announced, numbers };
}

describe('DisplayController', () => {
  it('shows and announces every live call of its zone, in order', () => {
    const { client, announced, numbers, controller } = setup();
    let changes = 0;
    controller.subscribe(() => changes++);
    client.send(called('1001', 1, { seq: 1 }));
    client.send(called('1002', 2, { seq: 2 }));
    expect(numbers()).toEqual(['1002', '1001']);
    expect(announced).toEqual([
      { displayNumber: '1001', counterNumber: 1, recall: false, key: 'call-1-tk-1001' },
      { displayNumber: '1002', counterNumber: 2, recall: false, key: 'call-2-tk-1002' },
    ]);
    expect(changes).toBe(2);
  });

  it('ignores calls from counters of another zone', () => {
    const { client, announced, numbers } = setup();
    client.send(called('8001', 6));
    expect(numbers()).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('a recall is announced again and comes back to the top', () => {
    const { client, announced, numbers } = setup();
    client.send(called('1001', 1, { seq: 10 }));
    client.send(called('1002', 2, { seq: 11 }));
    client.send(called('1001', 1, { seq: 12, recall: true }));
    expect(numbers()).toEqual(['1001', '1002']);
    expect(announced.map((a) => [a.displayNumber, a.recall])).toEqual([
      ['1001', false],
      ['1002', false],
      ['1001', true],
    ]);
  });

  it('a snapshot puts the counters’ current tickets on screen without announcing them', () => {
    const list = {
      ...counters,
      c1: counter(1, {
        currentTicket: ticket({
          id: 't9',
          displayNumber: '1009',
          status: 'called',
          calledAt: '2025-05-12T03:00:00.000Z',
        }),
      }),
      c6: counter(6, {
        zone: 'tang2',
        currentTicket: ticket({
          id: 't8',
          displayNumber: '8008',
          status: 'called',
          calledAt: '2025-05-12T03:00:00.000Z',
        }),
      }),
    };
    const { client, announced, numbers, controller } = setup(undefined, list);
    client.send(called('1001', 1, { at: '2025-05-12T02:00:00.000Z' }));
    client.resync(snapshot(Object.values(list)));
    expect(numbers()).toEqual(['1009', '1001']);
    expect(controller.getState().calls[0]!.live).toBe(false);
    expect(announced.map((a) => a.displayNumber)).toEqual(['1001']);
  });

  it('forgets yesterday’s calls when the service day changes', () => {
    const { client, numbers } = setup();
    client.resync(snapshot([], { serviceDay: '2025-05-12' }));
    client.send(called('1001', 1));
    client.resync(snapshot([], { serviceDay: '2025-05-12' }));
    expect(numbers()).toEqual(['1001']);
    client.resync(snapshot([], { serviceDay: '2025-05-13' }));
    expect(numbers()).toEqual([]);
  });

  it('a counter-top display takes only its counter', () => {
    const { client, announced, numbers } = setup({ kind: 'counter', number: 2 });
    client.send(called('1001', 1));
    client.send(called('1002', 2));
    expect(numbers()).toEqual(['1002']);
    expect(announced.map((a) => a.displayNumber)).toEqual(['1002']);
  });

  it('a display without a zone takes every call; a narrower scope drops what no longer fits', () => {
    const { client, numbers, controller } = setup({ kind: 'zone', zone: null });
    client.send(called('1001', 1));
    client.send(called('8001', 6));
    expect(numbers()).toEqual(['8001', '1001']);
    controller.setScope({ kind: 'zone', zone: 'tang2' });
    expect(numbers()).toEqual(['8001']);
  });

  it('works without a voice, and stops listening when disposed', () => {
    const client = new FakeClient();
    const controller = new DisplayController({
      client,
      counters: () => counters,
      scope: { kind: 'zone', zone: null },
    });
    client.send(called('1001', 1));
    expect(controller.getState().calls).toHaveLength(1);
    controller.dispose();
    client.send(called('1002', 1));
    expect(controller.getState().calls).toHaveLength(1);
  });
});
