// One client socket: who it belongs to once authenticated, ordered frame handling, and guarded sends.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { ServerFrame } from '../core/events.js';
import { CloseCode, closeReason } from './close-codes.js';

/** Past this much unsent data the client is not keeping up; closing it caps the memory one socket can hold. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Frames waiting to be handled for one socket; a client that floods is answered with errors, not queued. */
const MAX_PENDING_FRAMES = 64;

export class ClientConnection {
  readonly id = randomUUID();
  userId: string | null = null;
  sessionId: string | null = null;
  /** The client's address while the socket has not authenticated yet (the gateway caps those per address). */
  waitingFrom: string | null = null;
  /** Cleared on each heartbeat ping, set by the pong: a socket that stays false for a round is dead. */
  alive = true;
  /** Last time a typing frame of this socket was relayed, per conversation (rate limit). */
  readonly typingRelayedAt = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    readonly socket: WebSocket,
    private readonly maxBufferedBytes = MAX_BUFFERED_BYTES,
  ) {}

  get authenticated(): boolean {
    return this.userId !== null;
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one event, unless the client has let too much pile up: then it is closed instead. */
  send(event: ServerFrame): void {
    this.sendFrame(JSON.stringify(event));
  }

  /** Sends an event already serialised (once for all its recipients), with the same guard as send. */
  sendFrame(frame: string): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      // Nothing more is queued once closing (send skips a socket that is not open), and ws destroys the
      // socket if the client never answers the close frame, so the memory held stays bounded.
      this.close(CloseCode.tooSlow, 'Client too slow: events were not being read');
      return;
    }
    this.socket.send(frame);
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
    this.queue = this.queue
      .then(task)
      // Handlers answer their own failures with error frames; this only keeps the chain alive.
      .catch(() => {})
      .finally(() => {
        this.pending -= 1;
      });
    return true;
  }
}
