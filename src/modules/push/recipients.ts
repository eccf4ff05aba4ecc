// Who is pushed a message, in one place: what the fan-out queues is decided here and nowhere else.
import type { AppContext, CommittedMessage } from '../../context.js';
import { uuidv7 } from '../../lib/ids.js';
import { messageNotification } from './notification.js';
import { insertDeliveries, selectNotificationFacts, selectPushableSubscriptions } from './queries.js';

/**
 * The devices a message is pushed to: those of every member who may see it (the rule message.created
 * follows), except the sender, anyone who hid it (a blocked sender's direct message is withheld as a
 * hide), muted the chat or blocked the sender, and anyone with a socket open on any process (the socket
 * brings it to them); each device registered by a login that is still live.
 */
export async function pushTargets(
  ctx: AppContext,
  message: CommittedMessage,
  now: Date,
): Promise<{ id: string; userId: string }[]> {
  const candidates = await selectPushableSubscriptions(ctx.db, message, now);
  if (candidates.length === 0) return [];
  const online = await ctx.online.onlineAmong([...new Set(candidates.map((c) => c.userId))]);
  return candidates.filter((candidate) => !online.has(candidate.userId));
}

/** Queues one push per target device (at most once per device and message); answers how many were new. */
export async function queueMessagePushes(
  ctx: AppContext,
  message: CommittedMessage,
  now: Date,
): Promise<number> {
  const targets = await pushTargets(ctx, message, now);
  if (targets.length === 0) return 0;
  const facts = await selectNotificationFacts(ctx.db, message.id);
  // Deleted for everyone before its pushes were queued: there is nothing left to show.
  if (!facts || facts.deleted) return 0;
  const payload = JSON.stringify(messageNotification({ ...facts, messageId: message.id }));
  return insertDeliveries(
    ctx.db,
    targets.map((target) => ({
      id: uuidv7(),
      subscriptionId: target.id,
      messageId: message.id,
      payload,
      nextAttemptAt: now,
    })),
  );
}
