// The renderer's side of the devices bridge, against a fake preload API (no Electron).
import { describe, expect, it, vi } from 'vitest';
import type {
  CounterPreloadApi,
  DevicesEvent,
  DevicesSession,
  DevicesStatus,
  SessionOutcome,
} from '../preload/api.ts';
import {
  type DevicesView,
  devicesApi,
  devicesText,
  endDevicesSession,
  startDevicesSession,
} from './devices.ts';
import { COUNTER_STRINGS, type CounterStrings } from './strings.ts';

const status = (serial: DevicesStatus['serial']): DevicesStatus => ({
  serial,
  lastKey: null,
  lastError: null,
});

function fakeApi(outcome: SessionOutcome | Error = { ok: true, status: status('up') }) {
  const listeners = new Set<(event: DevicesEvent) => void>();
  const sessions: (DevicesSession | null)[] = [];
  const api = {
    kind: 'electron',
    getConfig: async () => ({ hubUrl: 'http://hub', deviceKind: 'counter', counterId: 'c1', devices: true }),
    setDevicesSession: async (session: DevicesSession | null) => {
      sessions.push(session);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    getDevicesStatus: async () => status('up'),
    onDevicesEvent: (listener: (event: DevicesEvent) => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  } satisfies CounterPreloadApi;
  const emit = (event: DevicesEvent) => {
    for (const l of listeners) l(event);
  };
  return { api, sessions, listeners, emit };
}

const vi_ = (key: keyof CounterStrings, values?: Record<string, string | number>) =>
  COUNTER_STRINGS.vi[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values?.[k] ?? ''));

function handlers() {
  const views: DevicesView[] = [];
  return {
    views,
    onView: (v: DevicesView) => views.push(v),
    onNeedsFinish: vi.fn<(id: string) => void>(),
    onNeedsTransfer: vi.fn<(id: string) => void>(),
  };
}

describe('devices bridge (renderer side)', () => {
  it('finds window.luotCounter, or none in a browser', () => {
    const { api } = fakeApi();
    expect(devicesApi({ luotCounter: api })).toBe(api);
    expect(devicesApi({})).toBeNull();
    expect(devicesApi(undefined)).toBeNull();
  });

  it('hands the session to the bridge and shows its status', async () => {
    const fake = fakeApi();
    const h = handlers();
    const stop = startDevicesSession(fake.api, { token: 'tok', counterId: 'c1' }, h);
    expect(fake.sessions).toEqual([{ token: 'tok', counterId: 'c1' }]);
    expect(h.views[0]).toEqual({ kind: 'pending' });
    await vi.waitFor(() => expect(h.views.at(-1)).toEqual({ kind: 'status', status: status('up') }));
    fake.emit({ type: 'status', status: status('down') });
    expect(devicesText(h.views.at(-1)!, vi_)).toBe('Thiết bị: mất kết nối bàn phím/bảng số');
    stop();
    expect(fake.listeners.size).toBe(0);
  });

  it('opens the finish and transfer dialogs the keypad asks for; ignores key/rating outcomes', () => {
    const fake = fakeApi();
    const h = handlers();
    startDevicesSession(fake.api, { token: 'tok', counterId: 'c1' }, h);
    fake.emit({ type: 'needs-finish', ticketId: 't1', displayNumber: 'A001' });
    fake.emit({ type: 'needs-transfer', ticketId: 't2', displayNumber: 'A002' });
    fake.emit({ type: 'key', outcome: { ok: true, key: 'next', action: 'call-next', ticketId: 't3' } });
    fake.emit({ type: 'rating', outcome: { ok: true, ticketId: 't1', score: 3 } });
    expect(h.onNeedsFinish).toHaveBeenCalledWith('t1');
    expect(h.onNeedsTransfer).toHaveBeenCalledWith('t2');
    expect(h.views).toEqual([{ kind: 'pending' }]);
  });

  it('nothing reaches the screen after stopping', async () => {
    const fake = fakeApi();
    const h = handlers();
    startDevicesSession(fake.api, { token: 'tok', counterId: 'c1' }, h)();
    fake.emit({ type: 'needs-finish', ticketId: 't1', displayNumber: 'A001' });
    await Promise.resolve();
    await Promise.resolve();
    expect(h.onNeedsFinish).not.toHaveBeenCalled();
    expect(h.views).toEqual([{ kind: 'pending' }]);
  });

  it('a refused session or a failed call reads as an error', async () => {
    const refused = fakeApi({ ok: false, error: 'wrong_counter', message: 'wired to c2' });
    const h = handlers();
    startDevicesSession(refused.api, { token: 'tok', counterId: 'c1' }, h);
    await vi.waitFor(() => expect(h.views.at(-1)).toEqual({ kind: 'error', message: 'wired to c2' }));
    expect(devicesText(h.views.at(-1)!, vi_)).toBe('Thiết bị: lỗi (wired to c2)');

    const broken = fakeApi(new Error('ipc gone'));
    const h2 = handlers();
    startDevicesSession(broken.api, { token: 'tok', counterId: 'c1' }, h2);
    await vi.waitFor(() => expect(h2.views.at(-1)).toEqual({ kind: 'error', message: 'ipc gone' }));
  });

  it('sign-out clears the session (and never throws); nothing to do in a browser', async () => {
    const fake = fakeApi();
    endDevicesSession(fake.api);
    expect(fake.sessions).toEqual([null]);
    endDevicesSession(fakeApi(new Error('ipc gone')).api);
    endDevicesSession(null);
    await Promise.resolve();
  });

  it('status texts', () => {
    expect(devicesText({ kind: 'browser' }, vi_)).toBe('Thiết bị: không khả dụng trong trình duyệt');
    expect(devicesText({ kind: 'status', status: status('up') }, vi_)).toBe('Thiết bị: đã kết nối');
    expect(devicesText({ kind: 'status', status: status('down') }, vi_)).toBe(
      'Thiết bị: mất kết nối bàn phím/bảng số',
    );
    expect(devicesText({ kind: 'status', status: status('none') }, vi_)).toBe('Thiết bị: chưa cấu hình');
  });
});
