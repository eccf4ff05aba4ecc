// One client socket: who it belongs to once authenticated, ordered frame handling, and guarded sends
// that leave together: the frames a socket is sent by one task (a callback and the promise jobs it
// starts) go out in one write.
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import WebSocket from 'ws';
import type { ServerFrame } from '../core/events.js';
import { CloseCode, closeReason } from './close-codes.js';

/** Past this much unsent data the client is not keeping up; closing it caps the memory one socket can hold. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Frames waiting to be handled for one socket; a client that floods is answered with errors, not queued. */
const MAX_PENDING_FRAMES = 64;
/** Frames are JSON text, also when handed over as bytes (a server never masks, so ws sends them as they are). */
const TEXT = { binary: false } as const;

/**
 * Holds back the writes of the sockets written to by the running task and lets them go as soon as it is
 * done (its promise jobs included), so several frames for one socket (the events of one batch of sends,
 * a burst through Redis, the presence picture before `ready`) leave in one system call instead of one
 * each. Not later: the end of the event loop's turn can be milliseconds away on a busy server (every
 * other callback of the turn runs first), and a frame held that long is a frame delivered that late.
 * Writes keep their order; held bytes count in `bufferedAmount`, so the too-slow guard sees them.
 */
export class WriteBatch {
  private held: Writable[] = [];
  private scheduled = false;

  /** Corks the stream until the running task is done, unless it is held already. */
  hold(stream: Writable): void {
    // ws corks and uncorks around each frame it writes, so outside of that only this batch corks it.
    if (stream.writableCorked > 0) return;
    stream.cork();
    this.held.push(stream);
    if (this.scheduled) return;
    this.scheduled = true;
    // After the promise jobs queued so far: the other callers of a batch of sends, resumed together,
    // publish before it runs.
    queueMicrotask(this.release);
  }

  private readonly release = () => {
    this.scheduled = false;
    const held = this.held;
    this.held = [];
    for (const stream of held) stream.uncork();
  };
}

export class ClientConnection {
  /**
   * Unique across processes (presence and the socket cap name sockets by it). Hex of random bytes is one
   * flat string; a randomUUID() is a tree of a dozen joined pieces, several hundred bytes for each socket.
   */
  readonly id = randomBytes(16).toString('hex');
  userId: string | null = null;
  sessionId: string | null = null;
  /** The client's address while the socket has not authenticated yet (the gateway caps those per address). */
  waitingFrom: string | null = null;
  /** Cleared on each heartbeat ping, set by the pong: a socket that stays false for a round is dead. */
  alive = true;
  /**
   * Last time a typing frame of this socket was relayed, per conversation (rate limit). Made on the first
   * typing frame: most sockets never send one, and an idle socket should cost little.
   */
  typingRelayedAt: Map<string, number> | null = null;
  /** The tail of the frame handlers' chain; null while none is pending. */
  private queue: Promise<void> | null = null;
  private pending = 0;

  constructor(
    readonly socket: WebSocket,
    /** The TCP socket under `socket`: corked by `batch` so one task's frames leave in one write. */
    private readonly stream: Writable | null = null,
    private readonly batch: WriteBatch | null = null,
    private readonly maxBufferedBytes = MAX_BUFFERED_BYTES,
  ) {}

  get authenticated(): boolean {
    return this.userId !== null;
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one frame made for this socket alone, unless the client has let too much pile up. */
  send(frame: ServerFrame): void {
    this.sendFrame(JSON.stringify(frame));
  }

  /**
   * Sends a frame already serialised (once for all its recipients: bytes, shared by every socket, are not
   * encoded again), with the same guard as send: a client that let too much pile up is closed instead.
   */
  sendFrame(frame: string | Buffer): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      // Nothing more is queued once closing (send skips a socket that is not open), and ws destroys the
      // socket if the client never answers the close frame, so the memory held stays bounded.
      this.close(CloseCode.tooSlow, 'Client too slow: events were not being read');
      return;
    }
    if (this.stream && this.batch) this.batch.hold(this.stream);
    this.socket.send(frame, TEXT);
  }

  sendError(code: string, message: string, frameType?: string): void {
    this.send({ type: 'error', data: { code, message, ...(frameType ? { frameType } : {}) } });
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.CLOSED || this.socket.readyState === WebSocket.CLOSING) return;
    this.socket.close(code, closeReason(reason));
  }

  /**
   * Runs frame handlers one after another, in arrival order: an ack can never overtake an earlier one,
   * and frames that arrive while the token is being checked wait for the result.
   */
  enqueue(task: () => Promise<void>): boolean {
    if (this.pending >= MAX_PENDING_FRAMES) return false;
    this.pending += 1;
    const tail: Promise<void> = (this.queue ?? Promise.resolve())
      .then(task)
      // Handlers answer their own failures with error frames; this only keeps the chain alive.
      .catch(() => {})
      .finally(() => {
        this.pending -= 1;
        // Nothing after it: an idle socket keeps no settled promises.
        if (this.queue === tail) this.queue = null;
      });
    this.queue = tail;
    return true;
  }
}
