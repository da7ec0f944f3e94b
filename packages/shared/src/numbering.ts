// Ticket numbers: a daily sequence per field inside the field's number range.

/** The number shown and printed: prefix then the number (at least 3 digits after a prefix). */
export function formatTicketNumber(prefix: string, number: number): string {
  return prefix ? `${prefix}${String(number).padStart(3, '0')}` : String(number);
}

/**
 * The next number of a field for the day. Past the end of the range the sequence goes on
 * (a number is never reused the same day); the caller logs that the range overflowed.
 */
export function nextTicketNumber(start: number, lastIssued: number | null): number {
  return lastIssued === null || lastIssued < start ? start : lastIssued + 1;
}
