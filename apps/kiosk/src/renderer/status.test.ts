// The status page keeps asking about a served ticket while the citizen may still rate it.
import type { RatingWindow } from '@luot/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSettled, startStatusPolling } from './status.ts';
import { withWait } from './test-fixtures.ts';

const closesAt = '2025-05-12T03:30:00.000Z';
const done = (state: RatingWindow['state'] | null) =>
  withWait({ status: 'done' }, 0, 0, state ? { state, closesAt } : null);

describe('status page polling after service', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a done ticket is settled only once its rating is given or closed', () => {
    expect(isSettled(done('open'))).toBe(false);
    expect(isSettled(done('rated'))).toBe(true);
    expect(isSettled(done('closed'))).toBe(true);
    expect(isSettled(withWait({ status: 'waiting' }))).toBe(false);
    expect(isSettled(withWait({ status: 'cancelled' }))).toBe(true);
  });

  it('polls on while the rating is open, and stops once the hub says it was given', async () => {
    let answer = done('open');
    const load = vi.fn(async () => answer);
    const seen: (string | undefined)[] = [];
    const stop = startStatusPolling({
      load,
      onData: (d) => seen.push(d.ratingWindow?.state),
      onError: () => {},
      document: { visibilityState: 'visible', addEventListener: () => {}, removeEventListener: () => {} },
    });
    await vi.advanceTimersByTimeAsync(9000);
    expect(load).toHaveBeenCalledTimes(4);
    answer = done('rated'); // on the counter's tablet, or from this page
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen.at(-1)).toBe('rated');
    const calls = load.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(calls);
    stop();
  });
});
