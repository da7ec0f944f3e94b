// One simulated service day, driven through the hub's REST API as the kiosk and the counter
// terminals would: citizens take tickets, officers sign in, call, serve, pause and leave.
// The simulation keeps its own picture of who waits (from the hub's answers) only to decide
// when an officer would look up from the desk; the hub decides who is called.
import type { Ticket } from '@luot/shared';
import { type DayEnv, type Desk, emptyCounts, type TicketInfo } from './day-state.ts';
import type { Citizen, Visit } from './plan.ts';
import { BEHAVIOUR, ratingFor } from './profile.ts';
import { Rng } from './random.ts';

export { type DayCounts, type DayEnv, emptyCounts, type SimOfficer } from './day-state.ts';

const MIN = 60_000;

export class DaySim {
  readonly counts = emptyCounts();
  private readonly desks: Desk[];
  /** Tickets waiting, by id, in the order they started waiting. */
  private readonly waiting = new Map<string, TicketInfo>();
  private readonly tickets = new Map<string, TicketInfo>();

  constructor(private readonly env: DayEnv) {
    const { plan, seed } = env;
    this.desks = env.officers.map((o) => ({
      o,
      rng: new Rng(`${seed}:${plan.day}:officer:${o.username}`),
      state: 'off',
      wakePending: false,
      leftAfter: -1,
      breaks: [],
      rating: null,
    }));
  }

  private get now(): number {
    return this.env.sched.now;
  }

  /** Schedules the whole day; the caller runs the scheduler. */
  start(): void {
    const { plan, sched } = this.env;
    const windows = plan.windows;
    if (windows.length === 0) return;
    for (const desk of this.desks) {
      const { rng } = desk;
      windows.forEach((w, k) => {
        if (w.close - w.open >= 2 * 3600_000 && rng.chance(BEHAVIOUR.breakShare)) {
          desk.breaks.push({
            at: rng.uniform(w.open + 60 * MIN, w.close - 45 * MIN),
            minutes: rng.uniform(5, 15),
            reason: 'Nghỉ giải lao',
            taken: false,
          });
        }
        if (k === 0 && rng.chance(BEHAVIOUR.meetingShare)) {
          desk.breaks.push({
            at: rng.uniform(w.open + 30 * MIN, w.open + 90 * MIN),
            minutes: rng.uniform(20, 40),
            reason: 'Họp giao ban',
            taken: false,
          });
        }
        const overrun =
          k < windows.length - 1 ? BEHAVIOUR.lunchOverrunMinutes : BEHAVIOUR.eveningOverrunMinutes;
        sched.at(w.close, () => this.nudge(desk));
        sched.at(w.close + overrun * MIN, () => this.nudge(desk));
      });
      for (const b of desk.breaks) sched.at(b.at, () => this.nudge(desk));
      sched.at(windows[0]!.open - rng.uniform(2, 12) * MIN, () => this.signIn(desk));
    }
    for (const citizen of plan.citizens) sched.at(citizen.arrival, () => this.arrive(citizen));
  }

  // ---- citizens -------------------------------------------------------------------------

  private async arrive(citizen: Citizen): Promise<void> {
    const body: Record<string, unknown> = { serviceId: citizen.visit.fieldId };
    if (citizen.kioskProcedureId) body.procedureId = citizen.kioskProcedureId;
    if (citizen.priority) body.priority = citizen.priority;
    if (citizen.channel === 'online') body.channel = 'online';
    const { ticket } = await this.env.api.ok<{ ticket: Ticket }>(
      'POST',
      '/api/v1/tickets',
      {
        token: this.env.kioskToken,
        body,
        idempotencyKey: `sim-${this.env.plan.day}-${String(citizen.index).padStart(4, '0')}`,
      },
      201,
    );
    this.counts.issued += 1;
    this.env.ticketIds?.push(ticket.id);
    const info: TicketInfo = {
      id: ticket.id,
      citizen,
      stage: 'first',
      fieldId: ticket.serviceId,
      targetCounterId: null,
      gone: false,
      present: false,
      firstCalledAt: null,
    };
    this.tickets.set(ticket.id, info);
    this.startWaiting(info);
    if (citizen.patienceMs !== null) this.env.sched.after(citizen.patienceMs, () => this.giveUp(info));
  }

  private startWaiting(info: TicketInfo): void {
    this.waiting.set(info.id, info);
    for (const desk of this.desks) {
      if (desk.state === 'idle' && this.mayCall(desk, info)) this.wake(desk, desk.rng.uniform(3, 15) * 1000);
    }
  }

  /** A citizen tired of waiting leaves; some tell staff, who cancel the ticket. */
  private async giveUp(info: TicketInfo): Promise<void> {
    if (!this.waiting.has(info.id) || info.stage !== 'first' || info.present || this.closedForGood()) return;
    info.gone = true;
    if (!info.citizen.cancelsWhenLeaving) return;
    const desk = this.desks.find((d) => this.signedIn(d) && d.o.counter.fieldIds.includes(info.fieldId));
    await this.env.api.ok('POST', `/api/v1/tickets/${info.id}/cancel`, {
      token: desk?.o.token ?? this.env.adminToken,
    });
    this.waiting.delete(info.id);
    this.counts.cancels += 1;
  }

  /** Back after a missed call: an officer of the field puts the ticket back in line. */
  private async comeBack(info: TicketInfo, markedAt: string): Promise<void> {
    const serves = (d: Desk) => this.signedIn(d) && d.o.counter.fieldIds.includes(info.fieldId);
    const desk = this.desks.find((d) => d.o.counter.id === markedAt && serves(d)) ?? this.desks.find(serves);
    if (!desk) return;
    await this.env.api.ok('POST', `/api/v1/tickets/${info.id}/reinstate`, { token: desk.o.token });
    this.counts.reinstates += 1;
    info.present = true;
    info.targetCounterId = desk.o.counter.id;
    this.startWaiting(info);
  }

  private closedForGood(): boolean {
    const last = this.env.plan.windows.at(-1);
    return !last || this.now >= last.close + BEHAVIOUR.eveningOverrunMinutes * MIN;
  }

  // ---- officers -------------------------------------------------------------------------

  private signedIn(desk: Desk): boolean {
    return desk.state !== 'off' && desk.state !== 'done';
  }

  private mayCall(desk: Desk, info: TicketInfo): boolean {
    return info.targetCounterId
      ? info.targetCounterId === desk.o.counter.id
      : desk.o.counter.fieldIds.includes(info.fieldId);
  }

  private wake(desk: Desk, delayMs: number): void {
    if (desk.state !== 'idle' || desk.wakePending) return;
    desk.wakePending = true;
    this.env.sched.after(delayMs, () => {
      desk.wakePending = false;
      return this.next(desk);
    });
  }

  /** Closing time, a planned break: an idle officer looks at what to do. */
  private nudge(desk: Desk): Promise<void> | undefined {
    if (desk.state === 'idle' && !desk.wakePending) return this.next(desk);
    return undefined;
  }

  private async signIn(desk: Desk): Promise<void> {
    await this.post(desk, `counters/${desk.o.counter.id}/sign-in`);
    desk.state = 'idle';
  }

  /** What an officer with a free desk does next: break, call someone, go to lunch or home. */
  private async next(desk: Desk): Promise<void> {
    if (desk.state !== 'idle') return;
    const now = this.now;
    const windows = this.env.plan.windows;
    let k = -1;
    while (k + 1 < windows.length && windows[k + 1]!.open <= now) k += 1;
    const inside = k >= 0 && now < windows[k]!.close;
    const due = desk.breaks.find((b) => !b.taken && b.at <= now);
    if (due) due.taken = true;
    const choice = this.choose(desk);
    if (!inside && k >= 0 && desk.leftAfter < k) {
      const last = k === windows.length - 1;
      const overrun = last ? BEHAVIOUR.eveningOverrunMinutes : BEHAVIOUR.lunchOverrunMinutes;
      if (!choice || now >= windows[k]!.close + overrun * MIN) {
        await this.sendRating(desk);
        desk.leftAfter = k;
        return last ? this.goHome(desk) : this.lunch(desk, windows[k + 1]!.open);
      }
    }
    if (due && inside) {
      await this.sendRating(desk);
      return this.pause(desk, due.reason, due.minutes * MIN);
    }
    if (!choice) return this.sendRating(desk);
    desk.state = 'busy';
    // The citizen rates on the tablet while the officer calls the next number.
    const [, ticket] = await Promise.all([this.sendRating(desk), this.call(desk, choice)]);
    if (!ticket) {
      this.counts.surprises += 1;
      desk.state = 'idle';
      return;
    }
    const info = this.waiting.get(ticket.id);
    if (!info)
      throw new Error(
        `counter ${desk.o.counter.number} was given ${ticket.displayNumber}, which the simulation did not see waiting`,
      );
    this.waiting.delete(ticket.id);
    info.firstCalledAt ??= now;
    this.respond(desk, info);
  }

  /** Someone the desk may call: a booked (online) citizen by a specific call, else call-next. */
  private choose(desk: Desk): { specific: string | null } | null {
    let any = false;
    let online: TicketInfo | null = null;
    for (const info of this.waiting.values()) {
      if (!this.mayCall(desk, info)) continue;
      if (info.targetCounterId) return { specific: null };
      any = true;
      if (
        info.citizen.channel === 'online' &&
        info.stage === 'first' &&
        (!online || info.citizen.arrival < online.citizen.arrival)
      ) {
        online = info;
      }
    }
    return online ? { specific: online.id } : any ? { specific: null } : null;
  }

  private async call(desk: Desk, choice: { specific: string | null }): Promise<Ticket | null> {
    const counter = desk.o.counter.id;
    if (choice.specific) {
      const { ticket } = await this.post<{ ticket: Ticket }>(desk, `counters/${counter}/call`, {
        ticketId: choice.specific,
      });
      this.counts.specificCalls += 1;
      this.counts.calls += 1;
      return ticket;
    }
    const { ticket } = await this.post<{ ticket: Ticket | null }>(desk, `counters/${counter}/call-next`);
    if (ticket) this.counts.calls += 1;
    return ticket;
  }

  /** How the called citizen answers: walks up, needs a recall, or never comes. */
  private respond(desk: Desk, info: TicketInfo): void {
    const { sched } = this.env;
    const { rng } = desk;
    const hears = info.gone ? 'never' : info.present ? 'first' : info.citizen.hears;
    if (hears === 'first') {
      sched.after(info.citizen.walkSeconds * 1000, () => this.sitDown(desk, info));
      return;
    }
    if (hears === 'never' && !rng.chance(0.85)) {
      sched.after(rng.uniform(60, 120) * 1000, () => this.noShow(desk, info));
      return;
    }
    sched.after(rng.uniform(40, 75) * 1000, async () => {
      await this.post(desk, `tickets/${info.id}/recall`);
      this.counts.recalls += 1;
      if (hears === 'recall') sched.after(rng.uniform(10, 30) * 1000, () => this.sitDown(desk, info));
      else sched.after(rng.uniform(45, 75) * 1000, () => this.noShow(desk, info));
    });
  }

  private async noShow(desk: Desk, info: TicketInfo): Promise<void> {
    await this.post(desk, `tickets/${info.id}/no-show`);
    this.counts.noShows += 1;
    const back = info.citizen.returnsAfterMinutes;
    if (!info.gone && back !== null && !info.present) {
      this.env.sched.after(back * MIN, () => this.comeBack(info, desk.o.counter.id));
    }
    this.freeDesk(desk);
  }

  private async sitDown(desk: Desk, info: TicketInfo): Promise<void> {
    const visit: Visit = info.stage === 'first' ? info.citizen.visit : info.citizen.transfer!;
    if (info.citizen.pressesStart) {
      await this.post(desk, `tickets/${info.id}/start`);
      this.counts.starts += 1;
    }
    this.env.sched.after(visit.serviceSeconds * 1000, () => this.endService(desk, info, visit));
  }

  private async endService(desk: Desk, info: TicketInfo, visit: Visit): Promise<void> {
    const next = info.citizen.transfer;
    if (info.stage === 'first' && next) {
      await this.post(desk, `tickets/${info.id}/transfer`, { serviceId: next.fieldId });
      this.counts.transfers += 1;
      info.stage = 'transfer';
      info.fieldId = next.fieldId;
      info.targetCounterId = null;
      info.present = true;
      this.freeDesk(desk);
      this.startWaiting(info);
      return;
    }
    await this.post(desk, `tickets/${info.id}/finish`, { procedureIds: visit.procedureIds });
    this.counts.finishes += 1;
    if (info.citizen.ratingDraw !== null) {
      const waitMinutes = ((info.firstCalledAt ?? this.now) - info.citizen.arrival) / MIN;
      desk.rating = { ticketId: info.id, score: ratingFor(info.citizen.ratingDraw, waitMinutes) };
    }
    this.freeDesk(desk);
  }

  /** Paperwork after a citizen, then the officer looks up again. */
  private freeDesk(desk: Desk): void {
    desk.state = 'idle';
    this.wake(desk, desk.rng.uniform(8, 40) * 1000);
  }

  private async sendRating(desk: Desk): Promise<void> {
    const rating = desk.rating;
    if (!rating) return;
    desk.rating = null;
    // The citizen rates on the ticket's status page (no token): staff tokens may not rate (API.md).
    await this.env.api.ok('POST', `/api/v1/tickets/${rating.ticketId}/rating`, {
      body: { score: rating.score },
    });
    this.counts.ratings += 1;
  }

  private async pause(desk: Desk, reason: string, ms: number): Promise<void> {
    await this.post(desk, `counters/${desk.o.counter.id}/pause`, { reason });
    this.counts.pauses += 1;
    desk.state = 'paused';
    this.env.sched.after(ms, () => this.resume(desk));
  }

  private async lunch(desk: Desk, reopens: number): Promise<void> {
    await this.post(desk, `counters/${desk.o.counter.id}/pause`, { reason: 'Nghỉ trưa' });
    this.counts.pauses += 1;
    desk.state = 'lunch';
    this.env.sched.at(Math.max(this.now, reopens - desk.rng.uniform(0, 5) * MIN), () => this.resume(desk));
  }

  private async resume(desk: Desk): Promise<void> {
    await this.post(desk, `counters/${desk.o.counter.id}/resume`);
    desk.state = 'idle';
    await this.next(desk);
  }

  private async goHome(desk: Desk): Promise<void> {
    await this.post(desk, `counters/${desk.o.counter.id}/sign-out`);
    desk.state = 'done';
  }

  private post<T = unknown>(desk: Desk, path: string, body?: unknown): Promise<T> {
    return this.env.api.ok<T>('POST', `/api/v1/${path}`, {
      token: desk.o.token,
      ...(body === undefined ? {} : { body }),
    });
  }
}
