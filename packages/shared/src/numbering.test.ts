import { describe, expect, it } from 'vitest';
import { formatTicketNumber, nextTicketNumber } from './numbering.ts';

describe('ticket numbers', () => {
  it('start at the field start and go up by one', () => {
    expect(nextTicketNumber(1001, null)).toBe(1001);
    expect(nextTicketNumber(1001, 1001)).toBe(1002);
    expect(nextTicketNumber(1001, 1999)).toBe(2000);
  });

  it('never go back below the start even if an older number was lower', () => {
    expect(nextTicketNumber(1001, 5)).toBe(1001);
  });

  it('display without a prefix as the bare number, with a prefix padded to three digits', () => {
    expect(formatTicketNumber('', 1012)).toBe('1012');
    expect(formatTicketNumber('A', 7)).toBe('A007');
    expect(formatTicketNumber('UT', 1234)).toBe('UT1234');
  });
});
