// The counter terminal's logic as pure functions (no React, no DOM, no I/O): which actions are
// possible, the keyboard shortcuts, the waiting list, recent no-shows, the finish picker's
// selection and how hub errors read. Tested under Node (work.test.ts).
import {
  type PublicCounter,
  type PublicTicket,
  RecentNoShowsResponse,
  type Service,
  waitingOrder,
} from '@luot/shared';
import { filterBySearch, HubError, type Language } from '@luot/ui';
import type { CounterActionKind } from '../actions.ts';

// ---- actions and shortcuts ------------------------------------------------------

export type Action = 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'transfer' | 'pause' | 'resume';

/** One function key per button (CONTRACT.md); F7 pauses or resumes depending on the state. */
export const SHORTCUTS: Record<Exclude<Action, 'resume'>, string> = {
  callNext: 'F1',
  recall: 'F2',
  start: 'F3',
  finish: 'F4',
  noShow: 'F5',
  transfer: 'F6',
  pause: 'F7',
};

export const ACTION_TEST_IDS: Record<Action, string> = {
  callNext: 'btn-call-next',
  recall: 'btn-recall',
  start: 'btn-start',
  finish: 'btn-finish',
  noShow: 'btn-no-show',
  transfer: 'btn-transfer',
  pause: 'btn-pause',
  resume: 'btn-resume',
};

/** The action of a key (`KeyboardEvent.key`), given whether the counter is paused. */
export function actionForKey(key: string, paused: boolean): Action | null {
  for (const [action, shortcut] of Object.entries(SHORTCUTS) as [Exclude<Action, 'resume'>, string][]) {
    if (shortcut === key) return action === 'pause' && paused ? 'resume' : action;
  }
  return null;
}

/** What the officer may do now (the hub refuses the rest anyway; this keeps buttons honest). */
export function availableActions(
  counter: Pick<PublicCounter, 'state'> | null,
  current: Pick<PublicTicket, 'status'> | null,
  busy: boolean,
): Record<Action, boolean> {
  const open = counter?.state === 'open';
  const paused = counter?.state === 'paused';
  const called = current?.status === 'called';
  const active = called || current?.status === 'serving';
  const ok = (b: boolean) => !busy && Boolean(counter) && b;
  return {
    callNext: ok(open && !current),
    recall: ok(called),
    start: ok(called),
    finish: ok(active),
    noShow: ok(called),
    transfer: ok(active),
    pause: ok(open),
    resume: ok(paused),
  };
}

// ---- the current ticket ---------------------------------------------------------

/** The ticket called or being served at this counter (the counter's own view first). */
export function currentTicket(
  counter: PublicCounter | null,
  tickets: Record<string, PublicTicket>,
): PublicTicket | null {
  if (!counter) return null;
  const fromCounter = counter.currentTicket;
  if (fromCounter && (fromCounter.status === 'called' || fromCounter.status === 'serving')) {
    // The tickets record may be newer (a delta touching only the ticket).
    const live = tickets[fromCounter.id];
    if (!live) return fromCounter;
    return live.status === 'called' || live.status === 'serving' ? live : null;
  }
  for (const t of Object.values(tickets))
    if (t.counterId === counter.id && (t.status === 'called' || t.status === 'serving')) return t;
  return null;
}

/** Whole seconds between two instants (never negative). */
export function secondsBetween(fromIso: string | null, toMs: number): number {
  if (!fromIso) return 0;
  return Math.max(0, Math.floor((toMs - Date.parse(fromIso)) / 1000));
}

/** How long the ticket waited: issue → call (or → now while waiting). */
export function waitedSeconds(ticket: Pick<PublicTicket, 'issuedAt' | 'calledAt'>, nowMs: number): number {
  const end = ticket.calledAt ? Date.parse(ticket.calledAt) : nowMs;
  return secondsBetween(ticket.issuedAt, end);
}

/** "45 giây", "12 phút", "1 giờ 05 phút" (en: "45 s", "12 min", "1 h 05 min"). */
export function formatDuration(seconds: number, language: Language = 'vi'): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return language === 'vi' ? `${s} giây` : `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return language === 'vi' ? `${minutes} phút` : `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = String(minutes % 60).padStart(2, '0');
  return language === 'vi' ? `${h} giờ ${m} phút` : `${h} h ${m} min`;
}

// ---- the waiting list -------------------------------------------------------------

/** Waiting tickets this counter may call, in the order the hub will call them (@luot/shared waitingOrder). */
export function waitingForCounter(
  counter: PublicCounter | null,
  tickets: Record<string, PublicTicket>,
): PublicTicket[] {
  return counter ? waitingOrder(counter, Object.values(tickets)) : [];
}

/** Priority tickets first, then the oldest first (by issue time, then number). */
export function sortWaiting(tickets: readonly PublicTicket[]): PublicTicket[] {
  return [...tickets].sort(
    (a, b) =>
      Number(b.priority !== null) - Number(a.priority !== null) ||
      a.issuedAt.localeCompare(b.issuedAt) ||
      a.number - b.number,
  );
}

/** The longest wait among waiting tickets, in seconds (0 when nobody waits). */
export function longestWaitSeconds(tickets: readonly PublicTicket[], nowMs: number): number {
  let max = 0;
  for (const t of tickets) max = Math.max(max, secondsBetween(t.issuedAt, nowMs));
  return max;
}

// ---- recent no-shows ---------------------------------------------------------------

export const REINSTATE_GRACE_MS = 15 * 60_000;

export interface RecentNoShow {
  ticket: PublicTicket;
  /** When it was marked, epoch ms. */
  at: number;
}

/** Adds (or refreshes) a ticket marked no-show now; drops the expired ones. */
export function addNoShow(
  list: readonly RecentNoShow[],
  ticket: PublicTicket,
  nowMs: number,
): RecentNoShow[] {
  return [{ ticket, at: nowMs }, ...list.filter((n) => n.ticket.id !== ticket.id)].filter(
    (n) => nowMs - n.at < REINSTATE_GRACE_MS,
  );
}

/** The no-shows still within the grace period, newest first. */
export function activeNoShows(list: readonly RecentNoShow[], nowMs: number): RecentNoShow[] {
  return list.filter((n) => nowMs - n.at < REINSTATE_GRACE_MS).sort((a, b) => b.at - a.at);
}

// ---- finish picker --------------------------------------------------------------------

/** Toggles a procedure in the chosen list (keeps the catalogue's order of choosing). */
export function toggleProcedure(chosen: readonly string[], procedureId: string): string[] {
  return chosen.includes(procedureId) ? chosen.filter((id) => id !== procedureId) : [...chosen, procedureId];
}

/** Finish is possible with at least one procedure (at most 20) and a note of ≤ 500 characters. */
export function canFinish(chosen: readonly string[], note = ''): boolean {
  return chosen.length >= 1 && chosen.length <= 20 && note.length <= 500;
}

/** The finish request body: the note only when something was written. */
export function finishBody(
  chosen: readonly string[],
  note: string,
): { procedureIds: string[]; note?: string } {
  const trimmed = note.trim();
  return trimmed ? { procedureIds: [...chosen], note: trimmed } : { procedureIds: [...chosen] };
}

/** The field's procedures matching the search (typed with or without diacritics). */
export function searchProcedures(service: Service | undefined, query: string): Service['procedures'] {
  if (!service) return [];
  return filterBySearch(service.procedures, query, (p) => `${p.name} ${p.nameEn} ${p.code ?? ''}`);
}

// ---- pause reasons ----------------------------------------------------------------------

export const PAUSE_REASONS = ['break', 'meeting', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** The reason as stored on the counter (Vietnamese: the hub and the director's board show it). */
export const PAUSE_REASON_TEXT: Record<PauseReason, string> = {
  break: 'Nghỉ giải lao',
  meeting: 'Họp',
  other: 'Hỗ trợ khác',
};

// ---- errors -----------------------------------------------------------------------------

/** A refused or failed action as the officer reads it. */
export function errorText(error: unknown, language: Language = 'vi'): string {
  const vi = language === 'vi';
  if (error instanceof HubError) {
    if (error.isNetwork || error.code === 'network' || error.code === 'timeout')
      return vi ? 'Mất kết nối' : 'Connection lost';
    if (error.code === 'forbidden') return vi ? 'Không được phép' : 'Not allowed';
    if (error.code === 'conflict') return error.message;
    if (error.code === 'not_found') return vi ? 'Không tìm thấy' : 'Not found';
    if (error.code === 'unauthorized') return vi ? 'Phiên đăng nhập đã hết hạn' : 'Session expired';
    return error.message;
  }
  return vi ? 'Mất kết nối' : 'Connection lost';
}

/** The counter is taken by another officer: "Quầy 1 đang có cán bộ khác làm việc". */
export function counterTakenText(
  counter: Pick<PublicCounter, 'name' | 'number'>,
  language: Language = 'vi',
): string {
  return language === 'vi'
    ? `${counter.name || `Quầy ${counter.number}`} đang có cán bộ khác làm việc`
    : `${counter.name || `Counter ${counter.number}`} already has another officer`;
}

// ---- figures of today ----------------------------------------------------------------

export interface MyToday {
  served: number;
  avgServiceSeconds: number | null;
  noShow: number;
}

/** The answer of GET /api/v1/me/today, or null when it is not usable. */
export function parseMyToday(raw: unknown): MyToday | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const served = num(r.served);
  const noShow = num(r.noShow);
  if (served === null || noShow === null) return null;
  return { served, noShow, avgServiceSeconds: num(r.avgServiceSeconds) };
}

/** GET /api/v1/counters/:id/no-shows → the recent no-shows list (empty when the answer is not valid). */
export function parseNoShows(raw: unknown): RecentNoShow[] {
  const parsed = RecentNoShowsResponse.safeParse(raw);
  if (!parsed.success) return [];
  return parsed.data.noShows.map((n) => ({ ticket: n.ticket, at: Date.parse(n.at) }));
}

// ---- what a pending command is called on screen ----------------------------------

/** The button label of an action (`noShow` → "Vắng mặt"), for notices. */
export function actionLabel<K extends string>(kind: CounterActionKind, t: (key: K) => string): string {
  return t(kind as K);
}
