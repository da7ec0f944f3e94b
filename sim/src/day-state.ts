// The simulated day's state: the officers the simulator drives, its own picture of each ticket
// and each desk, and the counts of what the people did (day.ts runs them).
import type { HubHttp } from './http.ts';
import type { Citizen, DayPlan } from './plan.ts';
import type { Rng } from './random.ts';
import type { Scheduler } from './scheduler.ts';

export interface SimOfficer {
  username: string;
  userId: string;
  token: string;
  counter: { id: string; number: number; fieldIds: string[] };
}

export interface DayCounts {
  issued: number;
  calls: number;
  specificCalls: number;
  recalls: number;
  starts: number;
  finishes: number;
  noShows: number;
  reinstates: number;
  transfers: number;
  cancels: number;
  ratings: number;
  pauses: number;
  /** call-next answered nobody although the simulation saw someone waiting (should be 0). */
  surprises: number;
}

export const emptyCounts = (): DayCounts => ({
  issued: 0,
  calls: 0,
  specificCalls: 0,
  recalls: 0,
  starts: 0,
  finishes: 0,
  noShows: 0,
  reinstates: 0,
  transfers: 0,
  cancels: 0,
  ratings: 0,
  pauses: 0,
  surprises: 0,
});

export interface DayEnv {
  api: HubHttp;
  sched: Scheduler;
  seed: string;
  kioskToken: string;
  adminToken: string;
  officers: SimOfficer[];
  plan: DayPlan;
  /** Ticket ids issued, when the caller wants them (tests look tickets up). */
  ticketIds?: string[];
}

export interface TicketInfo {
  id: string;
  citizen: Citizen;
  stage: 'first' | 'transfer';
  fieldId: string;
  /** Transferred or reinstated to this counter: only it calls the ticket. */
  targetCounterId: string | null;
  /** Gave up waiting and left without a word. */
  gone: boolean;
  /** Answers the next call at once (reinstated, or sent on after a first service). */
  present: boolean;
  firstCalledAt: number | null;
}

export interface Desk {
  o: SimOfficer;
  rng: Rng;
  state: 'off' | 'idle' | 'busy' | 'paused' | 'lunch' | 'done';
  wakePending: boolean;
  /** Index of the last opening window after which the officer has left (lunch or home). */
  leftAfter: number;
  breaks: { at: number; minutes: number; reason: string; taken: boolean }[];
  rating: { ticketId: string; score: number } | null;
}
