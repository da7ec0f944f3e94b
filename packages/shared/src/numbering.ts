// Ticket numbers: a daily sequence per field inside the field's number range.

/** The number shown and printed: prefix then the number (at least 3 digits after a prefix). */
export function formatTicketNumber(prefix: string, number: number): string {
  return prefix ? `${prefix}${String(number).padStart(3, '0')}` : String(number);
}

/**
 * The next number of a field for the day, inside its range `start`..`end` (both included): the
 * start, or one after the highest number it issued today in that range. Null when the range is
 * used up: numbers never leave the field's range, and a number is never reused the same day.
 */
export function nextTicketNumber(start: number, end: number, lastIssued: number | null): number | null {
  const next = lastIssued === null || lastIssued < start ? start : lastIssued + 1;
  return next <= end ? next : null;
}
