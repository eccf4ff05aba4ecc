// The WebSocket to /api/v1/ws: authenticates with a first frame (the token stays out of URLs and logs),
// pings to notice a dead link, and reconnects by itself with exponential backoff and full jitter.
import type { ClientFrame, ServerEvent } from './events.js';

/** What the SDK needs of a WebSocket: the browser's, Node 22's global one, or `ws` on Node 20. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export type ConnectionState = 'offline' | 'connecting' | 'online';

export interface ConnectionChange {
  state: ConnectionState;
  /** Reconnect attempts since the last successful connection. */
  attempt: number;
  /** The close code of the socket that just went away, when there was one. */
  closeCode?: number;
}

export interface ReconnectOptions {
  /** Ceiling of the first retry's random delay (default 500 ms); it doubles each attempt. */
  initialDelayMs?: number;
  /** Largest ceiling (default 30 s). */
  maxDelayMs?: number;
}

export interface SocketOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  /** A fresh access token, or null when logged out. */
  token: () => Promise<string | null>;
  /** The server refused the token (4401): refresh it; false when the session is over. */
  renewToken: () => Promise<boolean>;
  reconnect: Required<ReconnectOptions>;
  /** How often to ping (default 25 s); a ping unanswered by the next one closes the socket. */
  pingIntervalMs: number;
  onFrame: (frame: ServerEvent | { type: string; data: unknown }) => void;
  onState: (change: ConnectionChange) => void;
}

const OPEN = 1;
const UNAUTHENTICATED = 4401;

/** Full jitter: a random delay between 0 and the attempt's exponential ceiling. */
export function backoffDelay(attempt: number, options: Required<ReconnectOptions>): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

export class RealtimeSocket {
  private socket: WebSocketLike | null = null;
  private wanted = false;
  private attempt = 0;
  private state: ConnectionState = 'offline';
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private awaitingPong = false;

  constructor(private readonly options: SocketOptions) {}

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Starts connecting and keeps the socket up until stop(). */
  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.attempt = 0;
    void this.open();
  }

  /** Closes the socket and stops reconnecting. */
  stop(): void {
    this.wanted = false;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, 'client closed');
    this.setState('offline');
  }

  /** Skips the wait before the next attempt (e.g. the browser says it is back online). */
  reconnectNow(): void {
    if (!this.wanted || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.open();
  }

  /** Sends a frame when the socket is open; false otherwise (the caller relies on catch-up instead). */
  send(frame: ClientFrame): boolean {
    if (this.state !== 'online' || !this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private async open(): Promise<void> {
    this.retryTimer = null;
    this.setState('connecting');
    let token: string | null;
    try {
      token = await this.options.token();
    } catch {
      this.scheduleRetry();
      return;
    }
    if (!this.wanted) return;
    if (!token) {
      this.stop();
      return;
    }
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocket(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token } satisfies ClientFrame));
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onerror = () => {};
    socket.onclose = (event) => void this.closed(socket, event.code);
  }

  private receive(socket: WebSocketLike, raw: unknown): void {
    if (socket !== this.socket) return;
    let frame: { type: string; data: unknown };
    try {
      frame = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      return;
    }
    if (frame.type === 'ready') {
      this.attempt = 0;
      this.startPinging(socket);
      this.setState('online');
    }
    if (frame.type === 'pong') this.awaitingPong = false;
    this.options.onFrame(frame);
  }

  private async closed(socket: WebSocketLike, code: number): Promise<void> {
    if (socket !== this.socket) return;
    this.socket = null;
    this.clearTimers();
    if (!this.wanted) return;
    this.setState('connecting', code);
    if (code === UNAUTHENTICATED) {
      // The token expired or the session ended: refresh once; a spent session stops reconnecting.
      const renewed = await this.options.renewToken().catch(() => true);
      if (!renewed) {
        this.stop();
        return;
      }
    }
    this.scheduleRetry(code);
  }

  private scheduleRetry(closeCode?: number): void {
    if (!this.wanted) return;
    const delay = backoffDelay(this.attempt, this.options.reconnect);
    this.attempt += 1;
    this.setState('connecting', closeCode);
    this.retryTimer = setTimeout(() => void this.open(), delay);
  }

  private startPinging(socket: WebSocketLike): void {
    this.awaitingPong = false;
    this.pingTimer = setInterval(() => {
      if (this.awaitingPong) {
        // No pong since the last ping: the link is dead even if the socket has not noticed.
        socket.close(4000, 'no pong');
        void this.closed(socket, 4000);
        return;
      }
      this.awaitingPong = true;
      if (socket.readyState === OPEN) socket.send(JSON.stringify({ type: 'ping', data: {} }));
    }, this.options.pingIntervalMs);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }

  private setState(state: ConnectionState, closeCode?: number): void {
    if (state === this.state && closeCode === undefined) return;
    this.state = state;
    this.options.onState({ state, attempt: this.attempt, ...(closeCode !== undefined ? { closeCode } : {}) });
  }
}
