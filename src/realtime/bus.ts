// The event bus between services and the WebSocket gateway: in-process by default, Redis pub/sub across
// processes when REDIS_URL is set. Services publish after their transaction commits; gateways subscribe.
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { BusMessage, EventBus, ServerEvent } from '../core/events.js';

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
const CHANNEL_BYTES = Buffer.from(CHANNEL);
const DELIVER_PREFIX = '{"kind":"deliver","userIds":';
const EVENT_KEY = ',"event":';
const DELIVER_PREFIX_BYTES = Buffer.from(DELIVER_PREFIX);
const EVENT_KEY_BYTES = Buffer.from(EVENT_KEY);
const CLOSING_BRACE = 0x7d;

type Deliver = Extract<BusMessage, { kind: 'deliver' }>;

/**
 * The wire form of a message: JSON. A delivery is written with its keys in a fixed order, so a receiver can
 * take the event's bytes out of it as they are instead of parsing and serialising them again (any other
 * JSON of the same meaning still reads, through the general path).
 */
export function encodeBusMessage(message: BusMessage): string {
  if (message.kind !== 'deliver') return JSON.stringify(message);
  return `${DELIVER_PREFIX}${JSON.stringify(message.userIds)}${EVENT_KEY}${JSON.stringify(message.event)}}`;
}

/** A delivery whose event is parsed only if someone reads it (the gateway sends `frame` as it is). */
function deliveryOf(userIds: string[], frame: Buffer): Deliver {
  let event: ServerEvent | null = null;
  return {
    kind: 'deliver',
    userIds,
    frame,
    get event(): ServerEvent {
      event ??= JSON.parse(frame.toString()) as ServerEvent;
      return event;
    },
  };
}

/** Reads a message off the wire: a delivery without parsing its event when it has the fixed layout. */
export function decodeBusMessage(payload: Buffer): BusMessage {
  const prefix = DELIVER_PREFIX_BYTES.length;
  if (payload.subarray(0, prefix).equals(DELIVER_PREFIX_BYTES)) {
    // User ids are UUIDs: the first ']' closes the list.
    const idsEnd = payload.indexOf(0x5d, prefix) + 1;
    const eventStart = idsEnd + EVENT_KEY_BYTES.length;
    if (
      idsEnd > 0 &&
      payload.subarray(idsEnd, eventStart).equals(EVENT_KEY_BYTES) &&
      payload[payload.length - 1] === CLOSING_BRACE
    ) {
      const userIds: unknown = JSON.parse(payload.toString('utf8', prefix, idsEnd));
      if (Array.isArray(userIds) && userIds.every((id) => typeof id === 'string')) {
        // A copy: the payload may be a view into a larger buffer of the Redis client.
        return deliveryOf(userIds, Buffer.from(payload.subarray(eventStart, payload.length - 1)));
      }
    }
  }
  return JSON.parse(payload.toString()) as BusMessage;
}

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
    // Bytes, not strings: an event's bytes go to the sockets as they came.
    subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
      if (!channel.equals(CHANNEL_BYTES)) return;
      try {
        void this.local.publish(decodeBusMessage(payload));
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
    await this.publisher.publish(CHANNEL, encodeBusMessage(message));
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
