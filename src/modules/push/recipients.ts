// Who is pushed a message, in one place: what the fan-out queues is decided here and nowhere else.
import type { AppContext, CommittedMessage } from '../../context.js';
import { uuidv7 } from '../../lib/ids.js';
import { messageNotification } from './notification.js';
import { insertDeliveries, selectNotificationFacts, selectPushableSubscriptions } from './queries.js';

/** Past this many members in a batch, asking who is online first costs more than the device lookup saves. */
const MAX_MEMBERS_CHECKED_FIRST = 256;

/**
 * The devices each message is pushed to: those of every member who may see it (the rule message.created
 * follows), except the sender, anyone who hid it (a blocked sender's direct message is withheld as a
 * hide), muted the chat or blocked the sender, and anyone with a socket open on any process (the socket
 * brings it to them); each device registered by a login that is still live. One query and one presence
 * lookup for all the messages; a message nobody is to be pushed has no entry. When the sends named their
 * members, who is online is asked first, and a message whose members are all online (the usual case in a
 * live chat) is not looked up at all.
 */
export async function pushTargets(
  ctx: AppContext,
  messages: CommittedMessage[],
  now: Date,
): Promise<Map<string, { id: string; userId: string }[]>> {
  const targets = new Map<string, { id: string; userId: string }[]>();
  const known = new Set<string>();
  for (const message of messages) for (const id of message.members ?? []) known.add(id);
  let online = new Set<string>();
  if (known.size > 0 && known.size <= MAX_MEMBERS_CHECKED_FIRST) {
    online = await ctx.online.onlineAmong([...known]);
    messages = messages.filter(
      (message) => !message.members?.every((id) => id === message.senderId || online.has(id)),
    );
  } else known.clear();
  const candidates = await selectPushableSubscriptions(ctx.db, messages, now);
  if (candidates.length === 0) return targets;
  const unasked = [...new Set(candidates.map((c) => c.userId))].filter((id) => !known.has(id));
  for (const id of await ctx.online.onlineAmong(unasked)) online.add(id);
  for (const { messageId, id, userId } of candidates) {
    if (online.has(userId)) continue;
    const devices = targets.get(messageId);
    if (devices) devices.push({ id, userId });
    else targets.set(messageId, [{ id, userId }]);
  }
  return targets;
}

/** Queues one push per target device (at most once per device and message); answers how many were new. */
export async function queueMessagePushes(
  ctx: AppContext,
  messageId: string,
  targets: { id: string; userId: string }[],
  now: Date,
): Promise<number> {
  const facts = await selectNotificationFacts(ctx.db, messageId);
  // Deleted for everyone before its pushes were queued: there is nothing left to show.
  if (!facts || facts.deleted) return 0;
  const payload = JSON.stringify(messageNotification({ ...facts, messageId }));
  return insertDeliveries(
    ctx.db,
    targets.map((target) => ({
      id: uuidv7(),
      subscriptionId: target.id,
      messageId,
      payload,
      nextAttemptAt: now,
    })),
  );
}
