// The wall display's announcer: one announcement at a time, chime first, never stalled by a bad clip.
import {
  type AnnouncementCall,
  type AnnouncementPlan,
  type AnnouncementSegment,
  announcementPlan,
  type VoiceSettings,
} from '@luot/shared';
import { type AudioBackend, chimeUrl, clipUrl, type SpeechBackend } from './backends.ts';

export type VoiceEngine = 'clips' | 'speech';
export type AnnouncerSettings = VoiceSettings & { engine: VoiceEngine };

export interface AnnouncerCall extends AnnouncementCall {
  /**
   * Identifies the event that asked for this call (e.g. the `ticket:called` seq). A key seen
   * before is ignored, so an event replayed after a reconnect is not announced twice.
   */
  key?: string;
}

export interface AnnouncementState {
  id: number;
  call: AnnouncerCall;
  text: string;
  enqueuedAt: number;
  startedAt: number | null;
}

export interface AnnouncedItem {
  text: string;
  startedAt: number;
  endedAt: number;
}

export interface AnnouncerState {
  current: AnnouncementState | null;
  queued: AnnouncementState[];
  /** The last 50 announcements, oldest first. */
  history: AnnouncedItem[];
  /** The browser refused to play without a user gesture: call unlock() from one. */
  blocked: boolean;
}

export interface AnnouncerOptions {
  backend: AudioBackend;
  speech?: SpeechBackend;
  settings: AnnouncerSettings;
  /** Where the clips are served, e.g. '/display/voice'. */
  voiceBase: string;
  now?: () => number;
  /** Longest a clip may take before it is skipped (default 8 s). */
  clipTimeoutMs?: number;
  /** Longest a spoken sentence may take (default 20 s). */
  speechTimeoutMs?: number;
  /** Told about clips that were skipped and calls that could not be planned. */
  onProblem?: (message: string, error?: unknown) => void;
}

const HISTORY_LIMIT = 50;
const KEYS_REMEMBERED = 500;

class Blocked extends Error {}

type Item = AnnouncementState & { plan: AnnouncementPlan };

const sameCall = (a: AnnouncementCall, b: AnnouncementCall) =>
  a.displayNumber === b.displayNumber && a.counterNumber === b.counterNumber && a.recall === b.recall;

const isNotAllowed = (error: unknown) => error instanceof Error && error.name === 'NotAllowedError';

export class Announcer {
  private readonly backend: AudioBackend;
  private readonly speech: SpeechBackend | undefined;
  private settings: AnnouncerSettings;
  private readonly voiceBase: string;
  private readonly now: () => number;
  private readonly clipTimeoutMs: number;
  private readonly speechTimeoutMs: number;
  private readonly onProblem: (message: string, error?: unknown) => void;

  private current: Item | null = null;
  private queue: Item[] = [];
  private history: AnnouncedItem[] = [];
  private blocked = false;
  private running = false;
  private disposed = false;
  private nextId = 1;
  private readonly keys: string[] = [];
  private readonly listeners = new Set<(state: AnnouncerState) => void>();
  private snapshot: AnnouncerState | null = null;

  constructor(options: AnnouncerOptions) {
    this.backend = options.backend;
    this.speech = options.speech;
    this.settings = { ...options.settings };
    this.voiceBase = options.voiceBase;
    this.now = options.now ?? Date.now;
    this.clipTimeoutMs = options.clipTimeoutMs ?? 8_000;
    this.speechTimeoutMs = options.speechTimeoutMs ?? 20_000;
    this.onProblem = options.onProblem ?? (() => undefined);
  }

  /**
   * Queues a call. Returns false when it is not queued: the same call is already waiting or
   * playing, its key was seen before, or it cannot be read.
   */
  enqueue(call: AnnouncerCall): boolean {
    if (this.disposed) return false;
    if (call.key !== undefined && this.keys.includes(call.key)) return false;
    const pending = this.current ? [this.current, ...this.queue] : this.queue;
    if (pending.some((item) => sameCall(item.call, call))) return false;
    let plan: AnnouncementPlan;
    try {
      plan = announcementPlan(call, this.settings);
    } catch (error) {
      this.onProblem(`cannot announce ${call.displayNumber}`, error);
      return false;
    }
    if (call.key !== undefined) {
      this.keys.push(call.key);
      if (this.keys.length > KEYS_REMEMBERED) this.keys.shift();
    }
    const item: Item = {
      id: this.nextId++,
      call: { ...call },
      text: plan.text,
      plan,
      enqueuedAt: this.now(),
      startedAt: null,
    };
    this.queue.push(item);
    if (this.settings.engine === 'clips') this.backend.preload?.(this.urlsOf(plan));
    this.changed();
    void this.pump();
    return true;
  }

  /** New settings apply to every announcement that has not started yet. */
  setSettings(settings: AnnouncerSettings): void {
    this.settings = { ...settings };
    for (const item of this.queue) {
      // The call was read once already, so only the wording changes here.
      item.plan = announcementPlan(item.call, this.settings);
      item.text = item.plan.text;
    }
    this.changed();
  }

  /** Call from a user gesture (a tap or key press) after `blocked` became true. */
  unlock(): void {
    if (this.disposed) return;
    this.backend.unlock?.();
    if (!this.blocked) return;
    this.blocked = false;
    this.changed();
    void this.pump();
  }

  getState(): AnnouncerState {
    if (!this.snapshot) {
      const view = ({ plan: _plan, ...state }: Item): AnnouncementState => ({
        ...state,
        call: { ...state.call },
      });
      this.snapshot = {
        current: this.current ? view(this.current) : null,
        queued: this.queue.map(view),
        history: [...this.history],
        blocked: this.blocked,
      };
    }
    return this.snapshot;
  }

  subscribe(listener: (state: AnnouncerState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops playing, drops the queue and forgets the listeners. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queue = [];
    this.current = null;
    this.backend.stop?.();
    this.speech?.cancel?.();
    this.changed();
    this.listeners.clear();
  }

  private changed(): void {
    this.snapshot = null;
    const state = this.getState();
    for (const listener of this.listeners) listener(state);
  }

  private urlsOf(plan: AnnouncementPlan): string[] {
    const clips = plan.segments.flatMap((segment) => segment.clips);
    return [
      chimeUrl(this.voiceBase),
      ...clips.map((id) => clipUrl(this.voiceBase, this.settings.dialect, id)),
    ];
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.disposed && !this.blocked && this.queue.length > 0) {
        const item = this.queue.shift()!;
        item.startedAt = this.now();
        this.current = item;
        this.changed();
        try {
          await this.play(item.plan);
        } catch (error) {
          if (this.disposed) return;
          if (!(error instanceof Blocked)) {
            this.onProblem(`announcement failed: ${item.text}`, error);
          } else {
            // Played again from the chime once unlocked.
            item.startedAt = null;
            this.queue.unshift(item);
            this.current = null;
            this.blocked = true;
            this.changed();
            return;
          }
        }
        if (this.disposed) return;
        this.history.push({ text: item.text, startedAt: item.startedAt, endedAt: this.now() });
        if (this.history.length > HISTORY_LIMIT) this.history.shift();
        this.current = null;
        this.changed();
      }
    } finally {
      this.running = false;
    }
  }

  private async play(plan: AnnouncementPlan): Promise<void> {
    await this.playClip(chimeUrl(this.voiceBase));
    const useSpeech =
      this.settings.engine === 'speech' && this.speech !== undefined && this.speech.available();
    for (const segment of plan.segments) {
      if (this.disposed) return;
      if (useSpeech && (await this.speak(segment))) continue;
      for (const id of segment.clips) {
        if (this.disposed) return;
        await this.playClip(clipUrl(this.voiceBase, this.settings.dialect, id));
      }
    }
  }

  /** Speaks a segment; false when speech failed and the clips should be played instead. */
  private async speak(segment: AnnouncementSegment): Promise<boolean> {
    const lang = segment.lang === 'vi' ? 'vi-VN' : 'en-US';
    const outcome = await this.guard(this.speech!.speak(segment.text, lang), this.speechTimeoutMs, () =>
      this.speech!.cancel?.(),
    );
    if (outcome === 'ok') return true;
    this.onProblem(`speech failed, playing clips instead: ${segment.text}`, outcome);
    return false;
  }

  private async playClip(url: string): Promise<void> {
    const outcome = await this.guard(this.backend.play(url), this.clipTimeoutMs, () => this.backend.stop?.());
    if (outcome !== 'ok' && !this.disposed) this.onProblem(`skipped ${url}`, outcome);
  }

  /**
   * Waits for playback with a time limit. Resolves 'ok' or the failure; throws Blocked when the
   * browser wants a user gesture first.
   */
  private guard(playing: Promise<void>, timeoutMs: number, stop: () => void): Promise<'ok' | unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        resolve(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      playing.then(
        () => {
          clearTimeout(timer);
          resolve('ok');
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (isNotAllowed(error)) reject(new Blocked());
          else resolve(error ?? new Error('playback failed'));
        },
      );
    });
  }
}
