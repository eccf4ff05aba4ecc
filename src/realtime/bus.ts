// The event bus between services and the WebSocket gateway: in-process by default, Redis pub/sub across
// processes when REDIS_URL is set. Services publish after their transaction commits; gateways subscribe.
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { BusMessage, EventBus } from '../core/events.js';

export type { BusMessage, EventBus, ServerEvent } from '../core/events.js';

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
 * own events (they come back through Redis, so there is a single delivery path). Pub/sub keeps nothing
 * for a subscriber that is away: when the subscription comes back after an interruption, subscribers of
 * this process hear `{ kind: 'resync' }` (the gateway tells every socket to catch up).
 */
export class RedisBus implements EventBus {
  private readonly local = new MemoryBus();
  private ready: Promise<unknown> | null = null;
  /** The subscriber's connection dropped after the subscription was made, and it is not confirmed back. */
  private interrupted = false;
  private closing = false;

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
    subscriber.on('close', () => {
      if (this.ready && !this.closing) this.interrupted = true;
    });
    subscriber.on('ready', () => {
      if (this.interrupted) void this.resume();
    });
  }

  /** Resolves once the subscription is live, so no event published after start-up is missed. */
  start(): Promise<unknown> {
    this.ready ??= this.subscriber.subscribe(CHANNEL);
    return this.ready;
  }

  /**
   * ioredis subscribes again by itself on reconnect; subscribing once more and waiting for the answer
   * confirms that the channel is live (Redis answers in order), and only then are sockets told to catch
   * up, so anything published after their catch-up starts reaches them.
   */
  private async resume(): Promise<void> {
    try {
      await this.subscriber.subscribe(CHANNEL);
    } catch (error) {
      // Dropped again: the next 'ready' tries again.
      this.onError(error);
      return;
    }
    if (!this.interrupted || this.closing) return;
    this.interrupted = false;
    await this.local.publish({ kind: 'resync' });
  }

  /**
   * Fails at once while Redis is unreachable (the publisher has no offline queue once connected, see
   * redisClient): a send never waits for Redis; its event is owed through the outbox.
   */
  async publish(message: BusMessage): Promise<void> {
    await this.publisher.publish(CHANNEL, JSON.stringify(message));
  }

  /** Both connections up and the subscription live. */
  async ping(): Promise<void> {
    if (this.subscriber.status !== 'ready' || this.interrupted) {
      throw new Error(`Redis subscription is ${this.interrupted ? 'interrupted' : this.subscriber.status}`);
    }
    await this.publisher.ping();
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    return this.local.subscribe(handler);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.local.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
