// The rating tablet's state machine.
import { describe, expect, it } from 'vitest';
import { finishedForRating, initialRating, RATE_MS, reduceRating, THANKS_MS } from './rating.ts';
import { ticket } from './test-fixtures.ts';

const NOW = 1_000_000;

describe('rating tablet', () => {
  it('reacts to the finish of a ticket of its own counter only, never to later changes of it', () => {
    const done = ticket({ id: 'd', status: 'done', counterId: 'c1', finishedAt: '2025-05-12T03:00:00.000Z' });
    const finish = { reason: 'finish', tickets: [done] };
    expect(finishedForRating(finish, 'c1')?.id).toBe('d');
    expect(finishedForRating(finish, 'c2')).toBeNull();
    // Its rating (from the pad, or the citizen's status page) is a change of a done ticket too.
    expect(finishedForRating({ reason: 'rating', tickets: [done] }, 'c1')).toBeNull();
    expect(
      finishedForRating({ reason: 'finish', tickets: [{ ...done, status: 'serving' }] }, 'c1'),
    ).toBeNull();
  });

  it('rate for 30 s, then idle; a tap sends, then thanks, then idle', () => {
    const done = ticket({ id: 'd', status: 'done', counterId: 'c1' });
    let s = reduceRating(initialRating, { type: 'finished', ticket: done, officer: 'A', now: NOW });
    expect(s).toMatchObject({ screen: 'rate', ticketId: 'd', officer: 'A', until: NOW + RATE_MS });
    expect(reduceRating(s, { type: 'tick', now: NOW + RATE_MS })).toEqual(initialRating);
    s = reduceRating(s, { type: 'send' });
    expect(s.screen).toBe('sending');
    expect(reduceRating(s, { type: 'send' })).toBe(s); // a double tap sends once
    expect(reduceRating(s, { type: 'tick', now: NOW + RATE_MS + 1 })).toBe(s); // never cut while sending
    expect(reduceRating(s, { type: 'failed' })).toMatchObject({ screen: 'rate', failed: true });
    s = reduceRating(s, { type: 'sent', now: NOW + 5000 });
    expect(s.screen).toBe('thanks');
    expect(reduceRating(s, { type: 'tick', now: NOW + 5000 + THANKS_MS })).toEqual(initialRating);
  });
});
