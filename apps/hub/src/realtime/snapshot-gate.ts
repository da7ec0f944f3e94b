// How often a client may ask for a whole queue snapshot. A snapshot of a busy day is large;
// a device asking hundreds at once (a bug, or a stolen token) must not stall the hub. Clients
// ask one on connect and after a gap in seq: a few a minute at most.
import { LuotError } from '@luot/shared';
import { type RateLimit, RateLimiter } from '../auth/issue-limit.ts';

/** One socket: a few at once (connect, a gap or two), then one every two seconds. */
export const SNAPSHOT_PER_SOCKET: RateLimit = { burst: 5, perMinute: 30 };
/** All sockets and REST calls of one token together. */
export const SNAPSHOT_PER_TOKEN: RateLimit = { burst: 20, perMinute: 120 };
/** Packets waiting to be written to a socket beyond which it gets no new snapshot (it is not reading). */
const MAX_UNSENT_PACKETS = 16;

export class SnapshotGate {
  private readonly perSocket = new RateLimiter(SNAPSHOT_PER_SOCKET);
  private readonly perToken = new RateLimiter(SNAPSHOT_PER_TOKEN);

  /**
   * Lets one snapshot request through, or throws 429 saying when to ask again. Uses the
   * real clock: it guards this process's resources, whatever time the hub's clock says.
   */
  admit(who: { tokenHash: string; socketId?: string; unsentPackets?: number }, now = Date.now()): void {
    if ((who.unsentPackets ?? 0) > MAX_UNSENT_PACKETS) {
      throw refused(1, 'the previous answers to this socket are still being sent');
    }
    const socketWait = who.socketId === undefined ? 0 : this.perSocket.take(who.socketId, now);
    const wait = socketWait || this.perToken.take(who.tokenHash, now);
    if (wait > 0) throw refused(Math.max(1, Math.ceil(wait / 1000)), 'too many queue snapshots');
  }
}

function refused(seconds: number, why: string): LuotError {
  return new LuotError('too_many_attempts', `${why}; ask again in ${seconds} second(s)`, seconds);
}
