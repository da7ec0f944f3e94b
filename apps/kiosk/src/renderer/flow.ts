// The kiosk's flow as a pure state machine: idle → fields (→ priority) (→ procedures) → issued
// → idle. No timers, no I/O here: controller.ts runs the requests and the timeouts and feeds
// their outcomes back as events, so every transition is tested without a DOM or a hub.
import type { IssueTicketRequest, Priority, PublicTicket } from '@luot/shared';

export type Screen = 'idle' | 'fields' | 'priority' | 'procedures' | 'issued';
export type PrintState = 'printing' | 'printed' | 'failed';

/**
 * One attempt-group of issuing a ticket: a double tap and every retry share `key`, so the hub
 * answers the same ticket however many requests reach it.
 */
export interface IssueAttempt {
  key: string;
  request: IssueTicketRequest;
  /** 1 for the first try, +1 for each retry of the same request. */
  tries: number;
}

export interface IssuedTicket {
  ticket: PublicTicket;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  /** Where to go: "Mời đến quầy 1, 3". */
  counterNumbers: number[];
  print: PrintState;
}

export interface FlowState {
  screen: Screen;
  /** Chosen on the priority screen; the fields screen then issues priority tickets. */
  priority: Priority | null;
  /** The field whose procedures are shown (procedure step). */
  fieldId: string | null;
  /** Procedure search text. */
  query: string;
  /** The request in flight: while set, every other tap is ignored. */
  attempt: IssueAttempt | null;
  /** The last attempt that failed: retrying (or tapping the same choice again) reuses its key. */
  failed: IssueAttempt | null;
  issued: IssuedTicket | null;
}

export const initialFlow: FlowState = {
  screen: 'idle',
  priority: null,
  fieldId: null,
  query: '',
  attempt: null,
  failed: null,
  issued: null,
};

export type FlowEvent =
  /** A tap on the idle screen. */
  | { type: 'start' }
  | { type: 'openPriority' }
  | { type: 'choosePriority'; priority: Priority }
  | { type: 'back' }
  /**
   * A field was tapped. `key` is a fresh Idempotency-Key, used only if this starts a new
   * attempt-group; `withProcedures`: show the procedure step instead of issuing.
   */
  | { type: 'chooseField'; fieldId: string; key: string; withProcedures: boolean }
  | { type: 'search'; query: string }
  /** A procedure (or null: "Khác / không rõ") was tapped on the procedure step. */
  | { type: 'chooseProcedure'; procedureId: string | null; key: string }
  | { type: 'retry' }
  | {
      type: 'issueSucceeded';
      key: string;
      ticket: PublicTicket;
      waitingAhead: number;
      estimatedWaitMinutes: number;
      counterNumbers: number[];
    }
  | { type: 'issueFailed'; key: string }
  | { type: 'printFinished'; ticketId: string; ok: boolean }
  /** Inactivity, or the issued screen's time is up. */
  | { type: 'timeout' }
  /** "Xong" on the issued screen. */
  | { type: 'done' };

function sameRequest(a: IssueTicketRequest, b: IssueTicketRequest): boolean {
  return (
    a.serviceId === b.serviceId &&
    (a.procedureId ?? null) === (b.procedureId ?? null) &&
    (a.priority ?? null) === (b.priority ?? null)
  );
}

/** The request for a choice: only the fields that are set (the hub's schema is strict). */
export function issueRequest(
  fieldId: string,
  procedureId: string | null,
  priority: Priority | null,
): IssueTicketRequest {
  const request: IssueTicketRequest = { serviceId: fieldId };
  if (procedureId) request.procedureId = procedureId;
  if (priority) request.priority = priority;
  return request;
}

/** Starts issuing `request`, reusing the failed attempt's key when it is the same request. */
function beginIssue(state: FlowState, request: IssueTicketRequest, key: string): FlowState {
  const retry = state.failed && sameRequest(state.failed.request, request) ? state.failed : null;
  const attempt: IssueAttempt = retry
    ? { key: retry.key, request, tries: retry.tries + 1 }
    : { key, request, tries: 1 };
  return { ...state, attempt, failed: null };
}

export function reduceFlow(state: FlowState, event: FlowEvent): FlowState {
  // A request in flight: the screen waits for its answer (double-tap guard).
  if (state.attempt) {
    if (event.type === 'issueSucceeded' && event.key === state.attempt.key) {
      return {
        ...state,
        screen: 'issued',
        attempt: null,
        failed: null,
        query: '',
        issued: {
          ticket: event.ticket,
          waitingAhead: event.waitingAhead,
          estimatedWaitMinutes: event.estimatedWaitMinutes,
          counterNumbers: event.counterNumbers,
          print: 'printing',
        },
      };
    }
    if (event.type === 'issueFailed' && event.key === state.attempt.key) {
      return { ...state, attempt: null, failed: state.attempt };
    }
    return state;
  }

  switch (event.type) {
    case 'start':
      return state.screen === 'idle' ? { ...initialFlow, screen: 'fields' } : state;

    case 'openPriority':
      return state.screen === 'fields' ? { ...state, screen: 'priority', failed: null } : state;

    case 'choosePriority':
      return state.screen === 'priority'
        ? { ...state, screen: 'fields', priority: event.priority, failed: null }
        : state;

    case 'back':
      switch (state.screen) {
        case 'priority':
          return { ...state, screen: 'fields', failed: null };
        case 'procedures':
          return { ...state, screen: 'fields', fieldId: null, query: '', failed: null };
        case 'fields':
          // Priority mode goes back to the list of groups; otherwise to the start.
          return state.priority
            ? { ...state, screen: 'priority', priority: null, failed: null }
            : { ...initialFlow };
        default:
          return state;
      }

    case 'chooseField':
      if (state.screen !== 'fields') return state;
      if (event.withProcedures)
        return { ...state, screen: 'procedures', fieldId: event.fieldId, query: '', failed: null };
      return beginIssue(state, issueRequest(event.fieldId, null, state.priority), event.key);

    case 'search':
      return state.screen === 'procedures' ? { ...state, query: event.query } : state;

    case 'chooseProcedure':
      if (state.screen !== 'procedures' || !state.fieldId) return state;
      return beginIssue(state, issueRequest(state.fieldId, event.procedureId, state.priority), event.key);

    case 'retry':
      return state.failed ? beginIssue(state, state.failed.request, state.failed.key) : state;

    case 'printFinished':
      if (state.issued?.ticket.id !== event.ticketId) return state;
      return { ...state, issued: { ...state.issued, print: event.ok ? 'printed' : 'failed' } };

    case 'timeout':
    case 'done':
      return state.screen === 'idle' ? state : { ...initialFlow };

    default:
      return state;
  }
}
