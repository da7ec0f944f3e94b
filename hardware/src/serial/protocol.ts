// The Lượt RS-485 frame protocol (docs/hardware.md, "Serial protocol").
//
//   STX 0x02 | ADDRESS | COMMAND | LENGTH | PAYLOAD (LENGTH bytes) | CRC-8 | ETX 0x03
//
// ADDRESS is 1..247 (the counter number) or 0 = broadcast. Host -> device frames carry the
// destination address, device -> host frames carry the device's own address. LENGTH is 0..64.
// CRC-8 is CRC-8/SMBUS (poly 0x07, init 0x00, no reflection, no final XOR) over
// ADDRESS, COMMAND, LENGTH and PAYLOAD; its check value for ASCII "123456789" is 0xF4.

export const STX = 0x02;
export const ETX = 0x03;
export const BROADCAST = 0;
export const MAX_ADDRESS = 247;
export const MAX_PAYLOAD = 64;
/** STX + ADDRESS + COMMAND + LENGTH + CRC + ETX. */
export const FRAME_OVERHEAD = 6;

/** Command bytes. 0x0_ presence, 0x1_ LED sign, 0x2_ keypad, 0x3_ rating pad, 0x8_ replies. */
export const CMD = {
  PING: 0x01,
  SHOW: 0x10,
  BLINK: 0x11,
  CLEAR: 0x12,
  BRIGHTNESS: 0x13,
  KEY: 0x20,
  SCORE: 0x30,
  ACK: 0x80,
  PONG: 0x81,
} as const;
export type CommandName =
  | 'ping'
  | 'show'
  | 'blink'
  | 'clear'
  | 'brightness'
  | 'key'
  | 'score'
  | 'ack'
  | 'pong';

const CMD_BY_NAME: Record<CommandName, number> = {
  ping: CMD.PING,
  show: CMD.SHOW,
  blink: CMD.BLINK,
  clear: CMD.CLEAR,
  brightness: CMD.BRIGHTNESS,
  key: CMD.KEY,
  score: CMD.SCORE,
  ack: CMD.ACK,
  pong: CMD.PONG,
};
const NAME_BY_CMD = new Map<number, CommandName>(
  Object.entries(CMD_BY_NAME).map(([name, code]) => [code, name as CommandName]),
);

export function commandCode(name: CommandName): number {
  return CMD_BY_NAME[name];
}
export function commandName(code: number): CommandName | undefined {
  return NAME_BY_CMD.get(code);
}

/** Keypad keys, in wire order: the KEY payload byte is the index + 1. */
export const KEYS = ['next', 'recall', 'start', 'finish', 'no_show', 'transfer', 'pause'] as const;
export type KeyName = (typeof KEYS)[number];

export function isKeyName(s: string): s is KeyName {
  return (KEYS as readonly string[]).includes(s);
}

/** Device kinds, as the PONG payload byte. */
export const DEVICE_KINDS = ['sign', 'keypad', 'pad'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type Score = 1 | 2 | 3 | 4;

/** ACK status byte: 0 = done, 1 = rejected (bad payload or unsupported command). */
export type SerialMessage =
  | { cmd: 'ping' }
  | { cmd: 'pong'; device: DeviceKind }
  /** `number`: 1..4 ASCII digits as shown ("0042"); `counter`: the counter number shown beside it (0..255). */
  | { cmd: 'show'; number: string; counter: number }
  /** `times`: 0 = blink until the next command; 1..255 = blink that many times then stay lit. */
  | { cmd: 'blink'; on: boolean; times: number }
  | { cmd: 'clear' }
  | { cmd: 'brightness'; level: number }
  | { cmd: 'key'; key: KeyName }
  | { cmd: 'score'; score: Score }
  | { cmd: 'ack'; of: CommandName; ok: boolean };

export interface Frame {
  address: number;
  message: SerialMessage;
}

/** A checksum-valid frame before its payload is interpreted. */
export interface RawFrame {
  address: number;
  command: number;
  payload: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// CRC-8/SMBUS

const CRC_TABLE = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let b = 0; b < 8; b++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    t[i] = c;
  }
  return t;
})();

export function crc8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Encoding

export class ProtocolError extends RangeError {
  override name = 'ProtocolError';
}

function isByte(n: number, min = 0, max = 255): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/** Builds one frame from raw parts. Throws ProtocolError on an out-of-range address or payload. */
export function encodeRawFrame(address: number, command: number, payload: Uint8Array = new Uint8Array(0)) {
  if (!isByte(address, 0, MAX_ADDRESS))
    throw new ProtocolError(`address ${address} not in 0..${MAX_ADDRESS}`);
  if (!isByte(command)) throw new ProtocolError(`command ${command} is not a byte`);
  if (payload.length > MAX_PAYLOAD)
    throw new ProtocolError(`payload ${payload.length} > ${MAX_PAYLOAD} bytes`);
  const out = Buffer.alloc(FRAME_OVERHEAD + payload.length);
  out[0] = STX;
  out[1] = address;
  out[2] = command;
  out[3] = payload.length;
  out.set(payload, 4);
  out[4 + payload.length] = crc8(out, 1, 4 + payload.length);
  out[5 + payload.length] = ETX;
  return out;
}

/** The payload bytes of a message. Throws ProtocolError when a field is out of range. */
export function encodePayload(m: SerialMessage): Uint8Array {
  switch (m.cmd) {
    case 'ping':
    case 'clear':
      return new Uint8Array(0);
    case 'pong':
      return Uint8Array.of(DEVICE_KINDS.indexOf(m.device) + 1);
    case 'show': {
      if (!/^[0-9]{1,4}$/.test(m.number)) throw new ProtocolError(`show: "${m.number}" is not 1..4 digits`);
      if (!isByte(m.counter)) throw new ProtocolError(`show: counter ${m.counter} not in 0..255`);
      return Uint8Array.from([...Buffer.from(m.number, 'ascii'), m.counter]);
    }
    case 'blink':
      if (!isByte(m.times)) throw new ProtocolError(`blink: times ${m.times} not in 0..255`);
      return Uint8Array.of(m.on ? 1 : 0, m.times);
    case 'brightness':
      if (!isByte(m.level, 0, 15)) throw new ProtocolError(`brightness: ${m.level} not in 0..15`);
      return Uint8Array.of(m.level);
    case 'key': {
      const i = KEYS.indexOf(m.key);
      if (i < 0) throw new ProtocolError(`key: unknown key ${String(m.key)}`);
      return Uint8Array.of(i + 1);
    }
    case 'score':
      if (!isByte(m.score, 1, 4)) throw new ProtocolError(`score: ${m.score} not in 1..4`);
      return Uint8Array.of(m.score);
    case 'ack':
      return Uint8Array.of(commandCode(m.of), m.ok ? 0 : 1);
  }
}

/** Encodes a frame to bytes. Throws ProtocolError on invalid input (a programming error). */
export function encodeFrame(frame: Frame): Buffer {
  return encodeRawFrame(frame.address, commandCode(frame.message.cmd), encodePayload(frame.message));
}

/** Interprets a raw frame's payload; null when the command is unknown or the payload malformed. */
export function parseMessage(command: number, p: Uint8Array): SerialMessage | null {
  const name = commandName(command);
  const b0 = p[0] ?? -1;
  const b1 = p[1] ?? -1;
  switch (name) {
    case 'ping':
    case 'clear':
      return p.length === 0 ? { cmd: name } : null;
    case 'pong': {
      const device = DEVICE_KINDS[b0 - 1];
      return p.length === 1 && device ? { cmd: 'pong', device } : null;
    }
    case 'show': {
      if (p.length < 2 || p.length > 5) return null;
      const number = Buffer.from(p.subarray(0, p.length - 1)).toString('latin1');
      if (!/^[0-9]{1,4}$/.test(number)) return null;
      return { cmd: 'show', number, counter: p[p.length - 1] ?? 0 };
    }
    case 'blink':
      return p.length === 2 && (b0 === 0 || b0 === 1) ? { cmd: 'blink', on: b0 === 1, times: b1 } : null;
    case 'brightness':
      return p.length === 1 && b0 <= 15 ? { cmd: 'brightness', level: b0 } : null;
    case 'key': {
      const key = KEYS[b0 - 1];
      return p.length === 1 && key ? { cmd: 'key', key } : null;
    }
    case 'score':
      return p.length === 1 && b0 >= 1 && b0 <= 4 ? { cmd: 'score', score: b0 as Score } : null;
    case 'ack': {
      const of = commandName(b0);
      return p.length === 2 && of && (b1 === 0 || b1 === 1) ? { cmd: 'ack', of, ok: b1 === 0 } : null;
    }
    case undefined:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Streaming decoder

export type BadFrameReason =
  | 'bad_address'
  | 'bad_length'
  | 'bad_checksum'
  | 'bad_end'
  | 'unknown_command'
  | 'bad_payload'
  | 'truncated';

export interface BadFrame {
  reason: BadFrameReason;
  /** The bytes that were looked at (from the START byte), for logs. */
  bytes: Uint8Array;
}

export interface DecoderStats {
  frames: number;
  badFrames: number;
  /** Bytes dropped while looking for a START byte. */
  garbageBytes: number;
  byReason: Partial<Record<BadFrameReason, number>>;
}

export type DecodeEvent = { type: 'frame'; frame: Frame; raw: RawFrame } | { type: 'bad'; bad: BadFrame };

/**
 * Streaming frame decoder. `push(chunk)` returns the frames (and bad frames) completed by that chunk.
 * Frames may be split across any number of chunks. After garbage, a bad length or a bad checksum it
 * drops only the START byte it tried and resynchronises on the next 0x02, so a good frame that
 * follows (or hides inside) the rubbish is still found. Bad frames are counted and reported, never thrown.
 */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  readonly stats: DecoderStats = { frames: 0, badFrames: 0, garbageBytes: 0, byReason: {} };

  /** Bytes held waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): DecodeEvent[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    const out: DecodeEvent[] = [];
    for (;;) {
      const start = this.buf.indexOf(STX);
      if (start < 0) {
        this.stats.garbageBytes += this.buf.length;
        this.buf = Buffer.alloc(0);
        break;
      }
      if (start > 0) {
        this.stats.garbageBytes += start;
        this.buf = this.buf.subarray(start);
      }
      const b = this.buf;
      if (b.length >= 2 && (b[1] ?? 0) > MAX_ADDRESS) {
        this.bad(out, 'bad_address', b.subarray(0, 2));
        continue;
      }
      if (b.length < 4) break;
      const len = b[3] ?? 0;
      if (len > MAX_PAYLOAD) {
        this.bad(out, 'bad_length', b.subarray(0, 4));
        continue;
      }
      const total = FRAME_OVERHEAD + len;
      if (b.length < total) break;
      if (crc8(b, 1, 4 + len) !== b[4 + len]) {
        this.bad(out, 'bad_checksum', b.subarray(0, total));
        continue;
      }
      if (b[5 + len] !== ETX) {
        this.bad(out, 'bad_end', b.subarray(0, total));
        continue;
      }
      // A whole, checksum-valid frame: consume it entirely.
      const raw: RawFrame = {
        address: b[1] ?? 0,
        command: b[2] ?? 0,
        payload: Uint8Array.from(b.subarray(4, 4 + len)),
      };
      const bytes = Uint8Array.from(b.subarray(0, total));
      this.buf = b.subarray(total);
      const message = parseMessage(raw.command, raw.payload);
      if (!message) {
        this.count(commandName(raw.command) ? 'bad_payload' : 'unknown_command');
        out.push({
          type: 'bad',
          bad: { reason: commandName(raw.command) ? 'bad_payload' : 'unknown_command', bytes },
        });
        continue;
      }
      this.stats.frames++;
      out.push({ type: 'frame', frame: { address: raw.address, message }, raw });
    }
    return out;
  }

  /**
   * Gives up on a partial frame (call after a pause in the byte stream): reports it as `truncated`,
   * drops its START byte and rescans the rest, which may hold a complete frame.
   */
  flush(): DecodeEvent[] {
    if (this.buf.length === 0) return [];
    const out: DecodeEvent[] = [];
    this.bad(out, 'truncated', this.buf);
    return out.concat(this.push(new Uint8Array(0)));
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  private count(reason: BadFrameReason) {
    this.stats.badFrames++;
    this.stats.byReason[reason] = (this.stats.byReason[reason] ?? 0) + 1;
  }

  private bad(out: DecodeEvent[], reason: BadFrameReason, bytes: Uint8Array) {
    this.count(reason);
    out.push({ type: 'bad', bad: { reason, bytes: Uint8Array.from(bytes) } });
    this.buf = this.buf.subarray(1);
  }
}

/** "02 03 10 ..." — for logs and docs. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?=.)/g, '$1 ')
    .toUpperCase();
}
