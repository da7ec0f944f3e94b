// The rating tablet's state as a pure reducer: idle → rate (30 s, a ticket of this counter just
// finished) → thanks (a few seconds) → idle. No timers or I/O here (RatingPage.tsx runs them).
import { finishedByChange, type PublicTicket } from '@luot/shared';

export const RATE_MS = 30_000;
export const THANKS_MS = 5_000;
export const SCORES = [1, 2, 3, 4] as const;
export type Score = (typeof SCORES)[number];

export interface RatingState {
  screen: 'idle' | 'rate' | 'sending' | 'thanks';
  ticketId: string | null;
  displayNumber: string | null;
  /** The officer's name at the moment the ticket finished. */
  officer: string | null;
  /** When the current screen ends, epoch ms (null while idle). */
  until: number | null;
  failed: boolean;
}

export const initialRating: RatingState = {
  screen: 'idle',
  ticketId: null,
  displayNumber: null,
  officer: null,
  until: null,
  failed: false,
};

/**
 * The ticket of this counter that this change finished (a `queue:changed` of a finish), or null.
 * The tablet is a counter device: it sees tickets in their public view, without `rating`, so it
 * goes by the change itself (a later change of the ticket, e.g. its rating, does not count).
 */
export function finishedForRating(
  change: { reason: string; tickets: readonly PublicTicket[] },
  counterId: string,
): PublicTicket | null {
  return finishedByChange(change, counterId);
}

export type RatingEvent =
  | { type: 'finished'; ticket: PublicTicket; officer: string | null; now: number }
  | { type: 'send' }
  | { type: 'sent'; now: number }
  | { type: 'failed' }
  | { type: 'tick'; now: number };

export function reduceRating(state: RatingState, event: RatingEvent): RatingState {
  switch (event.type) {
    case 'finished':
      if (state.ticketId === event.ticket.id && state.screen !== 'idle') return state;
      return {
        screen: 'rate',
        ticketId: event.ticket.id,
        displayNumber: event.ticket.displayNumber,
        officer: event.officer,
        until: event.now + RATE_MS,
        failed: false,
      };
    case 'send':
      return state.screen === 'rate' ? { ...state, screen: 'sending', failed: false } : state;
    case 'sent':
      return state.screen === 'sending'
        ? { ...state, screen: 'thanks', until: event.now + THANKS_MS }
        : state;
    case 'failed':
      return state.screen === 'sending' ? { ...state, screen: 'rate', failed: true } : state;
    case 'tick':
      if (state.until !== null && state.screen !== 'sending' && event.now >= state.until)
        return initialRating;
      return state;
  }
}
