// The discrete-event loop: actions in time order (ties in the order they were scheduled),
// the clock set to each one's time, no real waiting. Actions run one at a time, so a seed
// gives one history; an action may send independent requests together (see day.ts).
import type { VirtualClock } from './embedded-hub.ts';

interface Task {
  at: number;
  seq: number;
  run: () => Promise<void> | void;
}

export class Scheduler {
  private heap: Task[] = [];
  private seq = 0;

  constructor(private readonly clock: VirtualClock) {}

  get now(): number {
    return this.clock.now();
  }

  /** Runs `run` at `at` (epoch ms; the past means now). */
  at(at: number, run: () => Promise<void> | void): void {
    this.push({ at: Math.max(Math.round(at), this.clock.now()), seq: this.seq++, run });
  }

  after(ms: number, run: () => Promise<void> | void): void {
    this.at(this.clock.now() + ms, run);
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Runs every action, including those the actions schedule, until none is left. */
  async run(): Promise<void> {
    while (this.heap.length > 0) {
      const task = this.pop();
      if (task.at > this.clock.now()) this.clock.set(task.at);
      await task.run();
    }
  }

  private less(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(task: Task): void {
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Task {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
