// Group commit: several commands in one durable transaction, each isolated in a savepoint.
import { LuotError } from '@luot/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineFixture, local } from '../../test/engine-fixture.ts';
import { counters, tickets } from './index.ts';

const DAY = '2026-03-02';
let f: EngineFixture;
beforeEach(() => {
  f = new EngineFixture();
});
afterEach(() => f.close());

describe('runBatch', () => {
  it('commits the commands that succeed and rolls back only the one that fails', () => {
    const now = local(DAY, '08:00');
    const { outcomes } = f.engine.runBatch(
      [
        { actor: f.kiosk, reason: 'issue', fn: (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich' }) },
        {
          actor: f.kiosk,
          reason: 'issue',
          fn: (ctx) => {
            tickets.issueTicket(ctx, { serviceId: 'hotich' });
            // Fails after writing: its ticket and event must vanish with its savepoint.
            return tickets.issueTicket(ctx, { serviceId: 'nope' });
          },
        },
        { actor: f.o(1), reason: 'sign-in', fn: (ctx) => counters.signIn(ctx, 'c1') },
        { actor: f.kiosk, reason: 'issue', fn: (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich' }) },
      ],
      now,
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true]);
    const failed = outcomes[1]!;
    expect(!failed.ok && failed.error instanceof LuotError && failed.error.code).toBe('not_found');
    // Numbers stay consecutive: the rolled-back 1002 was never issued.
    expect(f.store.sql<{ number: number }>('SELECT number FROM tickets ORDER BY number').all()).toEqual([
      { number: 1001 },
      { number: 1002 },
    ]);
    expect(f.expectGaplessLog()).toBe(3);
    const seqs = outcomes.flatMap((o) => (o.ok ? [[o.change.fromSeq, o.change.seq]] : []));
    expect(seqs).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('closes the previous day before the batch, once', () => {
    f.issue(local(DAY, '16:00'), 'hotich');
    const nextMorning = local('2026-03-03', '07:30');
    const { closing, outcomes } = f.engine.runBatch(
      [
        { actor: f.kiosk, reason: 'issue', fn: (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich' }) },
        { actor: f.kiosk, reason: 'issue', fn: (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich' }) },
      ],
      nextMorning,
    );
    expect(closing?.reason).toBe('day:closed');
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(f.count(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'expired'`)).toBe(1);
    expect(f.count('SELECT COUNT(*) AS n FROM day_summaries')).toBe(1);
    expect(f.expectGaplessLog()).toBe(5);
  });
});
