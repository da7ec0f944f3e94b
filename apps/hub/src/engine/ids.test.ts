import { describe, expect, it } from 'vitest';
import { newTicketId } from './tickets.ts';

describe('ticket ids', () => {
  it('are url-safe, start with the time in hex and carry 128 random bits', () => {
    const id = newTicketId(Date.parse('2026-03-02T01:00:00Z'));
    expect(id).toMatch(/^[0-9a-f]{12}[A-Za-z0-9_-]{22}$/);
    expect(Number.parseInt(id.slice(0, 12), 16)).toBe(Date.parse('2026-03-02T01:00:00Z'));
    const many = new Set(Array.from({ length: 10_000 }, () => newTicketId(0).slice(12)));
    expect(many.size).toBe(10_000);
  });

  it('sort by issue time, so new tickets append to the primary-key index', () => {
    const ids = [1, 2, 1_000, 86_400_000].map((dt) => newTicketId(Date.parse('2026-03-02T01:00:00Z') + dt));
    expect([...ids].sort()).toEqual(ids);
  });
});
