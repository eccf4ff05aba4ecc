// The event bus between services and the WebSocket gateway: in-process by default, Redis pub/sub across
// processes when REDIS_URL is set. Services publish after their transaction commits; gateways subscribe.
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

/** A server-to-client frame, as the client receives it. */
export interface ServerEvent {
  type: string;
  data: unknown;
}

export type BusMessage =
  /** Send `event` to every live socket of these users. */
  | { kind: 'deliver'; userIds: string[]; event: ServerEvent }
  /** Close live sockets: all of a user's, or only those opened with one session's tokens. */
  | { kind: 'disconnect'; userId: string; sessionId?: string; reason: string };

export interface EventBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}

export class MemoryBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(message: BusMessage): Promise<void> {
    this.emitter.emit('message', message);
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.emitter.on('message', handler);
    return () => this.emitter.off('message', handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = 'chat:events';

/**
 * Every process publishes to one channel and delivers what it hears to its own sockets, including its
 * own events (they come back through Redis, so there is a single delivery path).
 */
export class RedisBus implements EventBus {
  private readonly local = new MemoryBus();
  private ready: Promise<unknown> | null = null;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== CHANNEL) return;
      try {
        void this.local.publish(JSON.parse(payload) as BusMessage);
      } catch (error) {
        this.onError(error);
      }
    });
  }

  /** Resolves once the subscription is live, so no event published after start-up is missed. */
  start(): Promise<unknown> {
    this.ready ??= this.subscriber.subscribe(CHANNEL);
    return this.ready;
  }

  async publish(message: BusMessage): Promise<void> {
    await this.publisher.publish(CHANNEL, JSON.stringify(message));
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    return this.local.subscribe(handler);
  }

  async close(): Promise<void> {
    await this.local.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
