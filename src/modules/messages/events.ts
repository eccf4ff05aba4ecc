// Real-time events of the messages feature, published to the bus after the write has committed.
// Nothing here throws: the write stands. message.created and a delete for everyone are owed through the
// outbox (outbox.ts): once published, their row goes; a failure leaves it for the relay.
import type { AppContext } from '../../context.js';
import { publishEvent, type ServerEvent } from '../../core/events.js';
import { membersSeeingAll, usersWhoCanSeeMessage } from '../../core/visibility.js';
import type { PassedSeqs } from './marker-batcher.js';
import { presentReadState } from './present.js';
import type { MessageRow } from './queries.js';
import { selectReadState } from './read-state-queries.js';
import { presentChangeForAudience, presentForAudience } from './views.js';

/**
 * message.created to every member who may see it, each with their own view of it. Resolves to whether it
 * all went out; a failed audience query (the database just went away) counts as not sent, never as an
 * error of the committed send. First the message is handed to the push notifier, which works in the
 * background whatever the bus does (members with no open socket get a push); when the relay publishes
 * the event again, the notifier's per-device unique key keeps a push from going out twice. `audience`: who
 * may see it, when the write already knows (a batch of sends reads it under the conversation lock);
 * otherwise it is looked up.
 */
export async function publishMessageCreated(
  ctx: AppContext,
  row: MessageRow,
  audience?: string[],
): Promise<boolean> {
  ctx.messageCommitted({
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    senderId: row.senderId,
    members: audience,
  });
  try {
    let sent = true;
    for (const delivery of await presentForAudience(ctx, row, audience)) {
      const event: ServerEvent = { type: 'message.created', data: delivery.message };
      sent = (await publishEvent(ctx, delivery.userIds, event)) && sent;
    }
    if (sent) ctx.outbox.published('message.created', row.id);
    return sent;
  } catch (error) {
    ctx.log.error(
      { err: error, messageId: row.id },
      'could not publish message.created; the outbox relay will',
    );
    return false;
  }
}

/**
 * message.updated (an edit, a reaction) to every member who may see it, each with their own view of it:
 * the message as it is now, so a late or repeated one is still right. Resolves to whether it all went out.
 */
export async function publishMessageUpdated(ctx: AppContext, row: MessageRow): Promise<boolean> {
  try {
    let sent = true;
    for (const delivery of await presentChangeForAudience(ctx, row)) {
      const event: ServerEvent = { type: 'message.updated', data: delivery.message };
      sent = (await publishEvent(ctx, delivery.userIds, event)) && sent;
    }
    if (sent) ctx.outbox.published('message.updated', row.id);
    return sent;
  } catch (error) {
    ctx.log.error(
      { err: error, messageId: row.id },
      'could not publish message.updated; the outbox relay will',
    );
    return false;
  }
}

/**
 * message.deleted: to everyone who may see it for a delete for everyone; to the caller alone (their
 * other devices) for a delete for me.
 */
export async function publishMessageDeleted(
  ctx: AppContext,
  row: MessageRow,
  deletedBy: string,
  scope: 'everyone' | 'me',
): Promise<boolean> {
  try {
    const userIds = scope === 'me' ? [deletedBy] : await usersWhoCanSeeMessage(ctx.db, row);
    const sent = await publishEvent(ctx, userIds, {
      type: 'message.deleted',
      data: { conversationId: row.conversationId, messageId: row.id, seq: row.seq, deletedBy, scope },
    });
    if (sent && scope === 'everyone') ctx.outbox.published('message.deleted', row.id);
    return sent;
  } catch (error) {
    ctx.log.error({ err: error, messageId: row.id }, 'could not publish message.deleted');
    return false;
  }
}

/**
 * Past this many messages passed by one move, every member hears of it: finding who sent them would read
 * them all (a first read of a long chat).
 */
const MAX_PASSED_FOR_AUTHORS = 1000;

/**
 * receipt.updated: one member's markers moved; the ticks of the messages they passed may change. It goes
 * to the member's own devices and to whoever sent one of the messages passed (`passed`, by seq, from the
 * move, in groups), the only members whose ticks change: a group of n members acknowledging a message is
 * n events, not n² (decision 0022). Without `passed` (a direct chat), or past MAX_PASSED_FOR_AUTHORS,
 * every member hears. Members who may see the messages the markers point at get them as they are; the
 * few who joined after those messages get the state as they may see it (never the id of a message from
 * before they joined), and so does the other person of a direct chat (whose read receipts may be off).
 */
export async function publishReceiptUpdated(
  ctx: AppContext,
  conversationId: string,
  userId: string,
  passed: PassedSeqs | null = null,
): Promise<void> {
  try {
    await publishReceipts(ctx, conversationId, userId, passed);
  } catch (error) {
    // Best effort (0006): the markers are stored and reach clients through /changes.
    ctx.log.error({ err: error, conversationId }, 'could not publish receipt.updated');
  }
}

async function publishReceipts(
  ctx: AppContext,
  conversationId: string,
  userId: string,
  passed: PassedSeqs | null,
): Promise<void> {
  const state = await selectReadState(ctx.db, conversationId, userId);
  if (!state) return;
  const event = (view: NonNullable<typeof state>): ServerEvent => ({
    type: 'receipt.updated',
    data: { conversationId, ...presentReadState(view) },
  });
  const seqs = [...new Set([state.lastReadSeq, state.lastDeliveredSeq])].filter((seq) => seq !== null);
  const narrow = passed !== null && passed.upTo - passed.after <= MAX_PASSED_FOR_AUTHORS;
  const ofMembers = await membersSeeingAll(
    ctx.db,
    conversationId,
    seqs,
    narrow ? { userId, sentAfter: passed.after, sentUpTo: passed.upTo } : undefined,
  );
  const members = ofMembers.map((member) => member.userId);
  let seeing = ofMembers.filter((member) => member.seesAll).map((member) => member.userId);
  // A direct chat's other member gets the state as they may see it: read receipts may be off between
  // the two (core/privacy.ts). One more query, only for chats of two (a narrowed move is a group's).
  if (!narrow && members.length <= 2) seeing = seeing.filter((id) => id === userId);
  await publishEvent(ctx, seeing, event(state));
  for (const viewerId of members.filter((id) => !seeing.includes(id))) {
    const view = await selectReadState(ctx.db, conversationId, userId, viewerId);
    if (view) await publishEvent(ctx, [viewerId], event(view));
  }
}
