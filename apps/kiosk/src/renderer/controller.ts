// Runs the kiosk flow (flow.ts): issues tickets with one Idempotency-Key per attempt-group,
// prints them through the Platform, and returns to the idle screen after inactivity. Plain
// TypeScript (no React, no DOM) so it is tested under Node with fake timers.
import type { Priority, Service } from '@luot/shared';
import { type HubClient, HubError, newIdempotencyKey, type Platform, type TicketPrintLayout } from '@luot/ui';
import { type FlowEvent, type FlowState, type IssuedTicket, initialFlow, reduceFlow } from './flow.ts';
import type { KioskSettings } from './settings.ts';

export interface KioskControllerDeps {
  client: Pick<HubClient, 'issueTicket'>;
  platform: Pick<Platform, 'printTicket'>;
  settings: Pick<KioskSettings, 'procedures' | 'idleTimeoutMs' | 'issuedTimeoutMs'>;
  /** Counters to go to for a freshly issued ticket (from the live queue). */
  counterNumbersFor(ticket: IssuedTicket['ticket']): number[];
  /** The printed ticket (used by the Electron shell; the browser lets the hub build it). */
  layoutFor(issued: IssuedTicket): TicketPrintLayout;
  newKey?: () => string;
  /** Back on the idle screen (the next citizen): e.g. switch back to Vietnamese. */
  onIdle?: () => void;
  /** The hub refused the device token (revoked, unpaired). */
  onUnauthorized?: () => void;
}

export class KioskController {
  private state: FlowState = initialFlow;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly deps: KioskControllerDeps;
  private readonly newKey: () => string;
  private disposed = false;

  constructor(deps: KioskControllerDeps) {
    this.deps = deps;
    this.newKey = deps.newKey ?? newIdempotencyKey;
  }

  // ---- for React (useSyncExternalStore) ---------------------------------------

  getState = (): FlowState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  // ---- what the screens call ---------------------------------------------------

  start(): void {
    this.dispatch({ type: 'start' });
  }
  openPriority(): void {
    this.dispatch({ type: 'openPriority' });
  }
  choosePriority(priority: Priority): void {
    this.dispatch({ type: 'choosePriority', priority });
  }
  back(): void {
    this.dispatch({ type: 'back' });
  }
  chooseField(field: Pick<Service, 'id' | 'procedures'>): void {
    const withProcedures = this.deps.settings.procedures && field.procedures.length > 0;
    this.dispatch({ type: 'chooseField', fieldId: field.id, key: this.newKey(), withProcedures });
  }
  search(query: string): void {
    this.dispatch({ type: 'search', query });
  }
  chooseProcedure(procedureId: string | null): void {
    this.dispatch({ type: 'chooseProcedure', procedureId, key: this.newKey() });
  }
  retry(): void {
    this.dispatch({ type: 'retry' });
  }
  done(): void {
    this.dispatch({ type: 'done' });
  }

  /** A touch or key press anywhere: restarts the current screen's timeout. */
  activity(): void {
    this.schedule();
  }

  /** Stops the timers; later answers are ignored. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.listeners.clear();
  }

  // ---- internals --------------------------------------------------------------

  dispatch(event: FlowEvent): void {
    if (this.disposed) return;
    const prev = this.state;
    const next = reduceFlow(prev, event);
    if (next === prev) return;
    this.state = next;
    if (next.attempt && next.attempt !== prev.attempt) void this.issue(next.attempt);
    if (next.screen !== prev.screen || Boolean(next.attempt) !== Boolean(prev.attempt)) this.schedule();
    if (next.screen === 'idle' && prev.screen !== 'idle') this.deps.onIdle?.();
    for (const listener of this.listeners) listener();
  }

  private async issue(attempt: NonNullable<FlowState['attempt']>): Promise<void> {
    let issued: Awaited<ReturnType<HubClient['issueTicket']>>;
    try {
      issued = await this.deps.client.issueTicket(attempt.request, attempt.key);
    } catch (error) {
      if (error instanceof HubError && error.status === 401) this.deps.onUnauthorized?.();
      this.dispatch({ type: 'issueFailed', key: attempt.key });
      return;
    }
    const counterNumbers = this.deps.counterNumbersFor(issued.ticket);
    this.dispatch({
      type: 'issueSucceeded',
      key: attempt.key,
      ticket: issued.ticket,
      waitingAhead: issued.waitingAhead,
      estimatedWaitMinutes: issued.estimatedWaitMinutes,
      counterNumbers,
    });
    const shown = this.state.issued;
    if (!shown || shown.ticket.id !== issued.ticket.id) return;
    let ok = false;
    try {
      const outcome = await this.deps.platform.printTicket({
        ticketId: issued.ticket.id,
        layout: this.deps.layoutFor(shown),
      });
      ok = outcome.ok;
    } catch {
      ok = false;
    }
    this.dispatch({ type: 'printFinished', ticketId: issued.ticket.id, ok });
  }

  /** One timer: the issued screen's, or the inactivity one (none while idle or issuing). */
  private schedule(): void {
    this.clearTimer();
    if (this.disposed) return;
    const { screen, attempt } = this.state;
    if (screen === 'idle' || attempt) return;
    const ms = screen === 'issued' ? this.deps.settings.issuedTimeoutMs : this.deps.settings.idleTimeoutMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dispatch({ type: 'timeout' });
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
