// The per-process WebSocket gateway: live sockets by user, fed by the event bus, kept honest by heartbeats.
// It trusts the recipients named in each bus message: services compute them after commit with the
// visibility rule, so the gateway never re-derives membership per event.
import type { Writable } from 'node:stream';
import type WebSocket from 'ws';
import type { AppContext } from '../context.js';
import type { BusMessage, ServerFrame } from '../core/events.js';
import type { PresencePeers } from '../core/privacy.js';
import { CloseCode } from './close-codes.js';
import { ClientConnection, WriteBatch } from './connection.js';
import { announceOffline, presenceEvent, socketClosed, socketOpened } from './presence.js';
import type { PresenceStore } from './presence-store.js';

/** Open sockets one user may hold across all processes; a new one closes the oldest. */
export const MAX_SOCKETS_PER_USER = 20;

export class Gateway {
  /** Each user's live sockets, in arrays: at most 20, mostly one (a Set costs several times more per socket). */
  private readonly byUser = new Map<string, ClientConnection[]>();
  /** Sockets waiting for their auth frame, per client address: a cap on what one address holds open for free. */
  private readonly waitingByIp = new Map<string, Set<ClientConnection>>();
  private readonly connections = new Set<ClientConnection>();
  /** Every socket's frames of one task (a callback and its promise jobs) leave in one write. */
  private readonly writes = new WriteBatch();
  /** Presence work of sockets that closed, still on its way: shutdown waits for it before the pool ends. */
  private readonly releasing = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private beating = false;

  constructor(
    readonly ctx: AppContext,
    readonly presence: PresenceStore,
  ) {
    this.unsubscribe = ctx.bus.subscribe((message) => this.onBusMessage(message));
    this.heartbeat = setInterval(() => {
      // A slow Redis must not stack heartbeats on top of each other.
      if (this.beating) return;
      this.beating = true;
      void this.beat().finally(() => {
        this.beating = false;
      });
    }, ctx.config.wsHeartbeatMs);
    this.heartbeat.unref();
  }

  /**
   * Tracks a new socket from the moment it opens (authenticated or not), so shutdown and heartbeats see
   * it. `stream` is the TCP socket under it. `waitingFrom` is the client's address when the socket will
   * authenticate with a first frame: at most WS_UNAUTHENTICATED_PER_IP of those wait at once per address
   * (a query token is checked at once).
   */
  track(socket: WebSocket, stream: Writable | null, waitingFrom: string | null): ClientConnection {
    const connection = new ClientConnection(socket, stream, this.writes);
    this.connections.add(connection);
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('close', () => {
      const released = this.release(connection);
      this.releasing.add(released);
      void released.finally(() => this.releasing.delete(released));
    });
    if (waitingFrom === null) return connection;
    connection.waitingFrom = waitingFrom;
    const waiting = this.waitingByIp.get(waitingFrom) ?? new Set();
    this.waitingByIp.set(waitingFrom, waiting.add(connection));
    if (waiting.size > this.ctx.config.wsUnauthenticatedPerIp) {
      connection.close(CloseCode.tooSlow, 'Too many sockets from this address are waiting to authenticate');
    }
    return connection;
  }

  /**
   * The socket proved who it is: it now receives that user's events and counts for their presence.
   * `peers` are the user's presence peers, read with the session check (realtime/admission.ts).
   */
  async admit(
    connection: ClientConnection,
    identity: { userId: string; sessionId: string },
    peers: PresencePeers,
  ): Promise<void> {
    if (!this.connections.has(connection)) return;
    connection.userId = identity.userId;
    connection.sessionId = identity.sessionId;
    const sockets = this.byUser.get(identity.userId);
    if (!sockets) this.byUser.set(identity.userId, [connection]);
    else if (!sockets.includes(connection)) sockets.push(connection);
    this.stopWaiting(connection);
    try {
      const beyondCap = await this.presence.admit(identity.userId, connection.id, MAX_SOCKETS_PER_USER);
      if (beyondCap.length > 0) {
        await this.ctx.bus.publish({ kind: 'evict', userId: identity.userId, connectionIds: beyondCap });
      }
      const online = await socketOpened(this.ctx, this.presence, identity.userId, connection.id, peers);
      // Closed while we were counting it in: undo, or the user would look online with no socket.
      if (!this.connections.has(connection)) {
        await socketClosed(this.ctx, this.presence, identity.userId, connection.id);
        return;
      }
      for (const contactId of online) {
        connection.send(presenceEvent(contactId, true, null));
      }
    } catch (error) {
      // Presence is a nicety: the socket still gets its events without it.
      this.ctx.log.warn(
        { err: error, userId: identity.userId },
        'could not record presence for a new socket',
      );
    }
    // Last, so a client that sees `ready` already holds the full presence picture.
    connection.send({
      type: 'ready',
      data: { userId: identity.userId, heartbeatMs: this.ctx.config.wsHeartbeatMs },
    });
  }

  private stopWaiting(connection: ClientConnection): void {
    const ip = connection.waitingFrom;
    if (ip === null) return;
    connection.waitingFrom = null;
    const waiting = this.waitingByIp.get(ip);
    waiting?.delete(connection);
    if (waiting?.size === 0) this.waitingByIp.delete(ip);
  }

  /** Forgets a socket (idempotent): on close, and for every socket at shutdown. */
  private async release(connection: ClientConnection): Promise<void> {
    this.stopWaiting(connection);
    if (!this.connections.delete(connection)) return;
    const userId = connection.userId;
    if (!userId) return;
    const sockets = this.byUser.get(userId) ?? [];
    const at = sockets.indexOf(connection);
    if (at >= 0) sockets.splice(at, 1);
    if (sockets.length === 0) this.byUser.delete(userId);
    try {
      await socketClosed(this.ctx, this.presence, userId, connection.id);
    } catch (error) {
      this.ctx.log.warn({ err: error, userId }, 'could not record a socket closing for presence');
    }
  }

  /**
   * Sends an event to every live socket of these users on this process (several devices each get it),
   * serialised and encoded once for all of them: `frame` when the bus brought it ready-made, else made
   * here on the first socket found.
   */
  deliver(message: Extract<BusMessage, { kind: 'deliver' }>): void {
    let bytes: Buffer | null = null;
    for (const userId of message.userIds) {
      const sockets = this.byUser.get(userId);
      if (!sockets) continue;
      // Read `event` only without a frame: from another process it is parsed only when someone asks.
      bytes ??= message.frame ?? Buffer.from(JSON.stringify(message.event));
      for (const connection of sockets) connection.sendFrame(bytes);
    }
  }

  /** Closes a user's sockets: all of them, or only those authenticated with one session. */
  disconnect(userId: string, sessionId: string | undefined, reason: string): void {
    // A copy: a socket that closes leaves the user's list.
    for (const connection of [...(this.byUser.get(userId) ?? [])]) {
      if (sessionId && connection.sessionId !== sessionId) continue;
      connection.close(CloseCode.unauthenticated, `SESSION_ENDED: ${reason}`);
    }
  }

  /** Closes the named sockets of a user that live on this process (the others' processes close theirs). */
  evict(userId: string, connectionIds: string[]): void {
    for (const connection of [...(this.byUser.get(userId) ?? [])]) {
      if (!connectionIds.includes(connection.id)) continue;
      connection.close(
        CloseCode.tooManySockets,
        `Too many open sockets: at most ${MAX_SOCKETS_PER_USER} per account; this oldest one was closed`,
      );
    }
  }

  /**
   * The bus lost events for a while (Redis was unreachable): every admitted socket on this process is told
   * to catch up, as after a reconnect, but without dropping the socket.
   */
  resyncAll(): void {
    const resync: ServerFrame = { type: 'resync', data: { reason: 'bus_interrupted' } };
    const frame = Buffer.from(JSON.stringify(resync));
    for (const sockets of this.byUser.values()) for (const connection of sockets) connection.sendFrame(frame);
  }

  private onBusMessage(message: BusMessage): void {
    if (message.kind === 'deliver') this.deliver(message);
    else if (message.kind === 'resync') this.resyncAll();
    else if (message.kind === 'disconnect')
      this.disconnect(message.userId, message.sessionId, message.reason);
    else if (message.kind === 'evict') this.evict(message.userId, message.connectionIds);
  }

  /** Pings every socket; one that did not answer the previous ping is gone (a dead network, a frozen tab). */
  private async beat(): Promise<void> {
    const live: { userId: string; connectionId: string }[] = [];
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      if (connection.userId) live.push({ userId: connection.userId, connectionId: connection.id });
    }
    try {
      await this.presence.refresh(live);
      // Users whose sockets lived on a process that died without closing them.
      for (const userId of await this.presence.sweep())
        await announceOffline(this.ctx, this.presence, userId);
    } catch (error) {
      this.ctx.log.warn({ err: error }, 'could not refresh presence');
    }
  }

  get size(): number {
    return this.connections.size;
  }

  /** Graceful shutdown: stop listening, mark everyone offline while the database is still open, close with 1001. */
  async shutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    const connections = [...this.connections];
    // Sockets their clients closed just before are released too, or their last seen would be lost.
    await Promise.allSettled([
      ...this.releasing,
      ...connections.map((connection) => this.release(connection)),
    ]);
    for (const connection of connections) {
      connection.close(CloseCode.goingAway, 'Server shutting down; reconnect shortly');
    }
  }
}
