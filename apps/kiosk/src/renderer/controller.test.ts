// The flow with its effects: idempotent issuing, printing, timeouts (fake timers, fake hub).
import type { IssueTicketRequest, TicketViewWithWait } from '@luot/shared';
import { HubError, type PrintJob, type PrintTicketOutcome } from '@luot/ui';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskController } from './controller.ts';
import { buildPrintLayout } from './layout.ts';
import { fields, withWait } from './test-fixtures.ts';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(options: { procedures?: boolean } = {}) {
  const calls: { request: IssueTicketRequest; key: string; answer: Deferred<TicketViewWithWait> }[] = [];
  const prints: PrintJob[] = [];
  let printOutcome: PrintTicketOutcome = { ok: true, ms: 12 };
  let keys = 0;
  const onIdle = vi.fn();
  const onUnauthorized = vi.fn();
  const controller = new KioskController({
    client: {
      issueTicket(request, key) {
        const answer = deferred<TicketViewWithWait>();
        calls.push({ request, key, answer });
        return answer.promise;
      },
    },
    platform: {
      async printTicket(job) {
        prints.push(job);
        return printOutcome;
      },
    },
    settings: { procedures: options.procedures ?? false, idleTimeoutMs: 30_000, issuedTimeoutMs: 10_000 },
    counterNumbersFor: () => [1, 3],
    layoutFor: (issued) =>
      buildPrintLayout({
        ...issued,
        field: fields[0],
        centreName: 'Trung tâm',
        statusUrl: 'http://hub/t/x',
      }),
    newKey: () => `kiosk-key-${++keys}`,
    onIdle,
    onUnauthorized,
  });
  return {
    controller,
    calls,
    prints,
    onIdle,
    onUnauthorized,
    setPrint: (o: PrintTicketOutcome) => {
      printOutcome = o;
    },
  };
}

const hotich = fields[0]!;
const datdai = fields[1]!;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KioskController', () => {
  it('two taps give a ticket, printed with the layout, then back to idle after 10 s', async () => {
    const { controller, calls, prints, onIdle } = setup();
    controller.start();
    controller.chooseField(datdai);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ request: { serviceId: 'svc-datdai' }, key: 'kiosk-key-1' });
    calls[0]!.answer.resolve(withWait({ serviceId: 'svc-datdai', displayNumber: '3001' }));
    await vi.advanceTimersByTimeAsync(0);
    const state = controller.getState();
    expect(state.screen).toBe('issued');
    expect(state.issued).toMatchObject({ counterNumbers: [1, 3], print: 'printed' });
    expect(prints).toHaveLength(1);
    expect(prints[0]!.layout).toMatchObject({
      displayNumber: '3001',
      counterNumbers: [1, 3],
      waitingAhead: 3,
    });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(controller.getState().screen).toBe('issued');
    await vi.advanceTimersByTimeAsync(1_100);
    expect(controller.getState().screen).toBe('idle');
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('a double tap sends one request; a failed one is retried with the same key', async () => {
    const { controller, calls } = setup();
    controller.start();
    controller.chooseField(hotich);
    controller.chooseField(hotich);
    controller.chooseField(datdai);
    expect(calls).toHaveLength(1);
    calls[0]!.answer.reject(new HubError(0, 'network', 'offline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.getState().failed?.key).toBe('kiosk-key-1');
    controller.retry();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.key).toBe('kiosk-key-1');
    calls[1]!.answer.reject(new HubError(503, 'unavailable', 'busy'));
    await vi.advanceTimersByTimeAsync(0);
    // Tapping the same field again is a retry too.
    controller.chooseField(hotich);
    expect(calls[2]!.key).toBe('kiosk-key-1');
    calls[2]!.answer.resolve(withWait());
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.getState().screen).toBe('issued');
  });

  it('shows the issued screen whatever the printer says', async () => {
    const { controller, calls, setPrint } = setup();
    setPrint({ ok: false, error: 'paper_out', message: 'paper out' });
    controller.start();
    controller.chooseField(hotich);
    calls[0]!.answer.resolve(withWait());
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.getState()).toMatchObject({ screen: 'issued', issued: { print: 'failed' } });
  });

  it('inactivity (30 s without a touch) returns to idle; a touch restarts the wait', async () => {
    const { controller } = setup();
    controller.start();
    controller.openPriority();
    await vi.advanceTimersByTimeAsync(25_000);
    controller.activity();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(controller.getState().screen).toBe('priority');
    await vi.advanceTimersByTimeAsync(5_100);
    expect(controller.getState().screen).toBe('idle');
  });

  it('never times out while a ticket is being issued', async () => {
    const { controller, calls } = setup();
    controller.start();
    controller.chooseField(hotich);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(controller.getState().attempt).not.toBeNull();
    calls[0]!.answer.resolve(withWait());
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.getState().screen).toBe('issued');
  });

  it('procedure step only when enabled and the field has procedures', async () => {
    const on = setup({ procedures: true });
    on.controller.start();
    on.controller.chooseField(datdai); // no procedures: issues at once
    expect(on.calls).toHaveLength(1);
    on.calls[0]!.answer.resolve(withWait());
    await vi.advanceTimersByTimeAsync(0);
    on.controller.done();
    on.controller.start();
    on.controller.chooseField(hotich);
    expect(on.controller.getState().screen).toBe('procedures');
    on.controller.search('ket hon');
    on.controller.chooseProcedure('p-kethon');
    expect(on.calls[1]!.request).toEqual({ serviceId: 'svc-hotich', procedureId: 'p-kethon' });

    const off = setup();
    off.controller.start();
    off.controller.chooseField(hotich);
    expect(off.calls).toHaveLength(1);
  });

  it('a refused token (401) tells the app to pair again', async () => {
    const { controller, calls, onUnauthorized } = setup();
    controller.start();
    controller.chooseField(hotich);
    calls[0]!.answer.reject(new HubError(401, 'unauthorized', 'revoked'));
    await vi.advanceTimersByTimeAsync(0);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('ignores answers after dispose', async () => {
    const { controller, calls, prints } = setup();
    controller.start();
    controller.chooseField(hotich);
    controller.dispose();
    calls[0]!.answer.resolve(withWait());
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.getState().screen).toBe('fields');
    expect(prints).toHaveLength(0);
  });
});
