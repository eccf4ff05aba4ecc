// The background side of push: after a message commits, its pushes are queued as rows (push_deliveries)
// and sent by a bounded worker, retried with exponential backoff. Nothing here runs inside a request:
// messageCommitted only appends to an in-memory queue and returns.
import type { AppContext, CommittedMessage } from '../../context.js';
import { type PushOutcome, type PushSettings, sendPush } from './delivery.js';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  deleteSubscription,
  markDelivered,
  markUnsent,
  pruneFinishedDeliveries,
  releaseClaim,
  scheduleRetry,
} from './queries.js';
import { pushTargets, queueMessagePushes } from './recipients.js';

/** Messages waiting for their pushes to be queued; past this (a stalled database), new ones get none. */
export const MAX_WAITING_MESSAGES = 10_000;
/** Messages whose devices are looked up in one query. */
const FAN_OUT_BATCH = 200;
/** Pushes in flight at once, per process. */
const MAX_CONCURRENT_PUSHES = 16;
/** Tries per push (the first included) before it is given up. */
export const MAX_ATTEMPTS = 5;
/** The longest wait a push service's Retry-After may ask for. */
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** How often due pushes are looked for without a reason (another process died holding some). */
const SWEEP_INTERVAL_MS = 60_000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const KEEP_FINISHED_MS = 24 * 60 * 60 * 1000;
const MAX_WAKE_TIMES = 1000;
/** At shutdown: how long queued work may finish before in-flight pushes are cut off (they stay due). */
const SHUTDOWN_GRACE_MS = 3_000;

function pause(ms: number): { done: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, ms));
  });
  return { done, cancel: () => clearTimeout(timer) };
}

export class PushNotifier {
  private readonly waiting: CommittedMessage[] = [];
  private fanningOut: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private claiming = false;
  private claimAgain = false;
  /** Stops accepting messages and claiming pushes; queued messages still get their rows written. */
  private closing = false;
  /** Past the shutdown grace: the fan-out stops after its current message. */
  private stopped = false;
  private readonly shutdown = new AbortController();
  /** When a retry is due (ms since epoch), so the worker wakes for it without polling. */
  private readonly wakeTimes: number[] = [];
  private wakeTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private lastPrune = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly settings: PushSettings & { retryDelayMs: number },
  ) {}

  /** Sends whatever was left due (by an earlier run or another process), then sweeps now and then. */
  start(): void {
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
    this.pump();
  }

  messageCommitted(message: CommittedMessage): void {
    if (this.closing) return;
    if (this.waiting.length >= MAX_WAITING_MESSAGES) {
      this.ctx.log.warn({ messageId: message.id }, 'push queue full: this message is not pushed');
      return;
    }
    this.waiting.push(message);
    this.fanOut();
  }

  async stop(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    const grace = pause(SHUTDOWN_GRACE_MS);
    await Promise.race([this.fanningOut, grace.done]);
    this.stopped = true;
    await Promise.race([Promise.allSettled(this.inFlight), grace.done]);
    grace.cancel();
    this.shutdown.abort();
    await Promise.allSettled(this.inFlight);
    await this.fanningOut;
    if (this.waiting.length > 0) {
      this.ctx.log.warn({ messages: this.waiting.length }, 'shutting down: these messages are not pushed');
    }
  }

  /**
   * The waiting messages in batches: one lookup of the devices for the whole batch (under load, the sends
   * of a commit arrive together), then each message that has devices to push gets its rows.
   */
  private fanOut(): void {
    if (this.fanningOut) return;
    this.fanningOut = (async () => {
      // The sends of one commit are published one after another within this turn of the event loop:
      // waiting for the next turn lets them join the first batch instead of the first going alone.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0 && !this.stopped) {
        const batch = this.waiting.splice(0, FAN_OUT_BATCH);
        const now = new Date();
        let targets: Map<string, { id: string; userId: string }[]>;
        try {
          targets = await pushTargets(this.ctx, batch, now);
        } catch (error) {
          this.ctx.log.error(
            { err: error, messageIds: batch.map((message) => message.id) },
            'could not look up who to push these messages to',
          );
          continue;
        }
        for (const [messageId, devices] of targets) {
          if (this.stopped) break;
          try {
            if ((await queueMessagePushes(this.ctx, messageId, devices, now)) > 0) this.pump();
          } catch (error) {
            this.ctx.log.error({ err: error, messageId }, 'could not queue the pushes of a message');
          }
        }
      }
    })().finally(() => {
      this.fanningOut = null;
    });
  }

  /** Claims due pushes up to the concurrency bound and sends them; each one finishing calls it again. */
  private pump(): void {
    if (this.closing) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = true;
    void (async () => {
      try {
        do {
          this.claimAgain = false;
          const room = MAX_CONCURRENT_PUSHES - this.inFlight.size;
          if (room <= 0) break;
          const claimed = await claimDueDeliveries(this.ctx.db, new Date(), room, this.leaseMs());
          for (const delivery of claimed) this.track(this.deliver(delivery));
          if (claimed.length === room) this.claimAgain = true;
        } while (this.claimAgain && !this.closing);
      } catch (error) {
        this.ctx.log.error({ err: error }, 'could not claim due pushes');
      } finally {
        this.claiming = false;
      }
    })();
  }

  /** A claim outlives the longest a try can take, so it lapses only when its process is gone. */
  private leaseMs(): number {
    return this.settings.timeoutMs + 30_000;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.pump();
    });
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    if (delivery.messageDeleted) {
      await markUnsent(this.ctx.db, delivery.id, 'dropped').catch((error: unknown) =>
        this.ctx.log.error({ err: error, deliveryId: delivery.id }, 'could not drop a push'),
      );
      return;
    }
    let outcome: PushOutcome;
    try {
      outcome = await sendPush(this.settings, delivery, this.shutdown.signal);
    } catch (error) {
      outcome = {
        kind: 'retry',
        reason: error instanceof Error ? error.message : String(error),
        retryAfterMs: null,
      };
    }
    const log = this.ctx.log.child({
      deliveryId: delivery.id,
      subscriptionId: delivery.subscriptionId,
      messageId: delivery.messageId,
      attempt: delivery.attempts,
    });
    try {
      await this.record(delivery, outcome, log);
    } catch (error) {
      // The claim lapses and the push is tried again: at worst once more than needed.
      log.error({ err: error }, 'could not record the outcome of a push');
    }
  }

  private async record(
    delivery: ClaimedDelivery,
    outcome: PushOutcome,
    log: AppContext['log'],
  ): Promise<void> {
    const db = this.ctx.db;
    switch (outcome.kind) {
      case 'delivered':
        await markDelivered(db, delivery.id, new Date());
        return;
      case 'gone':
        log.info({ status: outcome.status }, 'push subscription expired: removed');
        await deleteSubscription(db, delivery.subscriptionId);
        return;
      case 'forbidden':
        log.warn({ reason: outcome.reason }, 'push endpoint no longer allowed: subscription removed');
        await deleteSubscription(db, delivery.subscriptionId);
        return;
      case 'failed':
        log.warn({ reason: outcome.reason }, 'push failed for good');
        await markUnsent(db, delivery.id, 'failed');
        return;
      case 'aborted':
        await releaseClaim(db, delivery.id);
        return;
      case 'retry': {
        if (delivery.attempts >= MAX_ATTEMPTS) {
          log.warn({ reason: outcome.reason }, 'push failed on its last try: given up');
          await markUnsent(db, delivery.id, 'failed');
          return;
        }
        const backoff = this.settings.retryDelayMs * 2 ** (delivery.attempts - 1);
        const delay = Math.min(Math.max(backoff, outcome.retryAfterMs ?? 0), MAX_RETRY_DELAY_MS);
        const at = Date.now() + delay;
        log.info({ reason: outcome.reason, retryInMs: delay }, 'push will be tried again');
        await scheduleRetry(db, delivery.id, new Date(at));
        this.wakeAt(at);
        return;
      }
    }
  }

  private wakeAt(at: number): void {
    if (this.closing) return;
    // Beyond this many, a retry waits for the next sweep instead of its own wake-up.
    if (this.wakeTimes.length < MAX_WAKE_TIMES) this.wakeTimes.push(at);
    this.armWakeTimer();
  }

  private armWakeTimer(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    if (this.wakeTimes.length === 0 || this.closing) return;
    const next = this.wakeTimes.reduce((earliest, at) => Math.min(earliest, at), Number.POSITIVE_INFINITY);
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = null;
        const now = Date.now();
        this.wakeTimes.splice(0, this.wakeTimes.length, ...this.wakeTimes.filter((at) => at > now));
        this.pump();
        this.armWakeTimer();
      },
      Math.max(0, next - Date.now()),
    );
    this.wakeTimer.unref();
  }

  private sweep(): void {
    this.pump();
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_INTERVAL_MS) return;
    this.lastPrune = now;
    pruneFinishedDeliveries(this.ctx.db, new Date(now - KEEP_FINISHED_MS)).catch((error: unknown) =>
      this.ctx.log.error({ err: error }, 'could not prune finished pushes'),
    );
  }
}
