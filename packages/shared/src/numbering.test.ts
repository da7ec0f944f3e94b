import { describe, expect, it } from 'vitest';
import { formatTicketNumber, nextTicketNumber } from './numbering.ts';

describe('ticket numbers', () => {
  it('start at the field start and go up by one', () => {
    expect(nextTicketNumber(1001, 1999, null)).toBe(1001);
    expect(nextTicketNumber(1001, 1999, 1001)).toBe(1002);
    expect(nextTicketNumber(1001, 1999, 1998)).toBe(1999);
  });

  it('never go back below the start even if an older number was lower', () => {
    expect(nextTicketNumber(1001, 1999, 5)).toBe(1001);
  });

  it('never leave the range: none once its end is issued', () => {
    expect(nextTicketNumber(1001, 1999, 1999)).toBeNull();
    expect(nextTicketNumber(1001, 1999, 5000)).toBeNull();
    expect(nextTicketNumber(7, 7, null)).toBe(7);
    expect(nextTicketNumber(7, 7, 7)).toBeNull();
  });

  it('display without a prefix as the bare number, with a prefix padded to three digits', () => {
    expect(formatTicketNumber('', 1012)).toBe('1012');
    expect(formatTicketNumber('A', 7)).toBe('A007');
    expect(formatTicketNumber('UT', 1234)).toBe('UT1234');
  });
});
