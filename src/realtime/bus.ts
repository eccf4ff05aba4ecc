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
