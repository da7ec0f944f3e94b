// A dashboard's view of the run over socket.io: counts the calls the wall screens would
// announce and checks that the change feed has no gaps.
import { EVENTS, type QueueChangedEvent, type TicketCalledEvent } from '@luot/shared';
import { io, type Socket } from 'socket.io-client';

export class Watcher {
  calls = 0;
  recalls = 0;
  /** queue:changed events whose fromSeq did not follow the last seq seen. */
  gaps = 0;
  lastSeq = 0;
  private readonly socket: Socket;
  private waiters: { seq: number; resolve: () => void }[] = [];

  private constructor(url: string, token: string) {
    this.socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    this.socket.on(EVENTS.ticketCalled, (e: TicketCalledEvent) => {
      if (e.recall) this.recalls += 1;
      else this.calls += 1;
    });
    this.socket.on(EVENTS.queueChanged, (e: QueueChangedEvent) => {
      if (this.lastSeq !== 0 && e.fromSeq !== this.lastSeq + 1) this.gaps += 1;
      this.lastSeq = Math.max(this.lastSeq, e.seq);
      this.waiters = this.waiters.filter((w) => {
        if (w.seq > this.lastSeq) return true;
        w.resolve();
        return false;
      });
    });
  }

  static connect(url: string, token: string): Promise<Watcher> {
    const watcher = new Watcher(url, token);
    return new Promise((resolve, reject) => {
      watcher.socket.once('connect', () => resolve(watcher));
      watcher.socket.once('connect_error', (error) => reject(error));
    });
  }

  /** Starts counting gaps from the hub's current seq (the snapshot a client starts from). */
  startAt(seq: number): void {
    this.lastSeq = seq;
  }

  /** Resolves once every change up to `seq` has arrived (or rejects after `timeoutMs`). */
  caughtUp(seq: number, timeoutMs = 10_000): Promise<void> {
    if (this.lastSeq >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the socket saw changes up to seq ${this.lastSeq}, not ${seq}`));
      }, timeoutMs);
      this.waiters.push({
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
