// The event outbox of messages (docs/decisions/0010): a send, an edit, a reaction or a delete for
// everyone writes a row in its own transaction; the process that made the write publishes the event after
// commit and the row is deleted (in batches). What a crash, a failed audience query or a failed publish leaves behind, the
// relay of any process publishes a few seconds later. Delivery is at least once: clients key by id.
import type { AppContext } from '../../context.js';
import type { OwedEvents } from '../../core/events.js';
import { publishMessageCreated, publishMessageDeleted, publishMessageUpdated } from './events.js';
import {
  claimStaleOwed,
  findMessage,
  forgetOwed,
  type OutboxEntry,
  type OutboxEvent,
} from './outbox-queries.js';

/** Rows deleted per statement; a fuller batch is deleted at once rather than at the next tick. */
const DELETE_BATCH = 500;
const DELETE_EVERY_MS = 200;
/** Published ids kept for deletion while the database is down; past this, the relay re-sends them later. */
const MAX_PENDING_DELETES = 20_000;
const CLAIM_BATCH = 100;

export class MessageOutbox implements OwedEvents {
  private readonly pending = new Map<OutboxEvent, Set<string>>();
  private pendingCount = 0;
  private flushing: Promise<void> | null = null;
  private relaying = false;
  private relayFailing = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly ctx: AppContext) {}

  /** Starts the relay and the batched deletes (not in tests that only want the writes). */
  start(): this {
    const delay = this.ctx.config.eventRelayDelayMs;
    const relay = setInterval(() => void this.relayTick(), Math.max(100, Math.floor(delay / 2)));
    const flush = setInterval(() => void this.flush(), DELETE_EVERY_MS);
    relay.unref();
    flush.unref();
    this.timers.push(relay, flush);
    return this;
  }

  /** Stops the timers and deletes the rows of what went out (what is left is relayed by another process). */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.flush();
  }

  published(event: OutboxEvent, messageId: string): void {
    if (this.pendingCount >= MAX_PENDING_DELETES) return;
    let ids = this.pending.get(event);
    if (!ids) {
      ids = new Set();
      this.pending.set(event, ids);
    }
    if (ids.has(messageId)) return;
    ids.add(messageId);
    this.pendingCount += 1;
    if (this.pendingCount >= DELETE_BATCH) void this.flush();
  }

  /** Deletes the rows of published events; on failure they stay pending (or the relay re-sends them). */
  flush(): Promise<void> {
    this.flushing ??= this.deletePending().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async deletePending(): Promise<void> {
    for (const [event, ids] of this.pending) {
      while (ids.size > 0) {
        const batch = [...ids].slice(0, DELETE_BATCH);
        try {
          await forgetOwed(this.ctx.db, event, batch);
        } catch (error) {
          this.ctx.log.warn({ err: error }, 'could not delete published outbox rows; will retry');
          return;
        }
        for (const id of batch) ids.delete(id);
        this.pendingCount -= batch.length;
      }
    }
  }

  private async relayTick(): Promise<void> {
    if (this.relaying) return;
    this.relaying = true;
    try {
      await this.relay();
      if (this.relayFailing) this.ctx.log.info('outbox relay working again');
      this.relayFailing = false;
    } catch (error) {
      // One line per outage, not one per tick: the database (or Redis) is down and /ready says so.
      if (!this.relayFailing) this.ctx.log.error({ err: error }, 'outbox relay failed; retrying');
      this.relayFailing = true;
    } finally {
      this.relaying = false;
    }
  }

  /** Publishes every event owed for longer than EVENT_RELAY_DELAY; returns how many went out. */
  async relay(): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed = await claimStaleOwed(this.ctx.db, this.ctx.config.eventRelayDelayMs, CLAIM_BATCH);
      for (const entry of claimed) if (await this.publishOwed(entry)) sent += 1;
      if (claimed.length < CLAIM_BATCH) return sent;
    }
  }

  private async publishOwed(entry: OutboxEntry): Promise<boolean> {
    const row = await findMessage(this.ctx.db, entry.messageId);
    if (!row) {
      // Its conversation was deleted: nobody is owed anything.
      this.published(entry.event, entry.messageId);
      return false;
    }
    this.ctx.log.info({ messageId: row.id, event: entry.event }, 'relaying an event left unpublished');
    if (entry.event === 'message.created') return publishMessageCreated(this.ctx, row);
    if (entry.event === 'message.updated') {
      if (row.deletedAt === null) return publishMessageUpdated(this.ctx, row);
      // Edited or reacted to, then deleted for everyone: message.deleted says all that is left to say.
      this.published(entry.event, entry.messageId);
      return false;
    }
    if (row.deletedBy === null) {
      this.published(entry.event, entry.messageId);
      return false;
    }
    return publishMessageDeleted(this.ctx, row, row.deletedBy, 'everyone');
  }
}
