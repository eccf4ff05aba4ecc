// Real-time events of the messages feature, published to the bus after the write has committed.
// publishEvent never throws: the write stands, and clients catch up through /changes.
import type { AppContext } from '../../context.js';
import { publishEvent, type ServerEvent } from '../../core/events.js';
import { activeMemberIds } from '../../core/membership.js';
import { usersWhoCanSee } from '../../core/visibility.js';
import { presentReadState } from './present.js';
import type { MessageRow } from './queries.js';
import { selectReadState } from './read-state-queries.js';
import { presentForAudience } from './views.js';

/** message.created to every member who may see it, each with their own view of it. */
export async function publishMessageCreated(ctx: AppContext, row: MessageRow): Promise<void> {
  for (const delivery of await presentForAudience(ctx.db, row)) {
    await publishEvent(ctx, delivery.userIds, { type: 'message.created', data: delivery.message });
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
): Promise<void> {
  const userIds = scope === 'me' ? [deletedBy] : await usersWhoCanSee(ctx.db, row.conversationId, row.seq);
  await publishEvent(ctx, userIds, {
    type: 'message.deleted',
    data: { conversationId: row.conversationId, messageId: row.id, seq: row.seq, deletedBy, scope },
  });
}

/**
 * receipt.updated: one member's markers moved; the other members' ticks may change. Members who may see
 * the messages the markers point at get them as they are; the few who joined after those messages get
 * the state as they may see it (never the id of a message from before they joined).
 */
export async function publishReceiptUpdated(
  ctx: AppContext,
  conversationId: string,
  userId: string,
): Promise<void> {
  const state = await selectReadState(ctx.db, conversationId, userId);
  if (!state) return;
  const event = (view: NonNullable<typeof state>): ServerEvent => ({
    type: 'receipt.updated',
    data: { conversationId, ...presentReadState(view) },
  });
  let seeing = await activeMemberIds(ctx.db, conversationId);
  const members = seeing;
  for (const seq of new Set([state.lastReadSeq, state.lastDeliveredSeq])) {
    if (seq === null) continue;
    const canSee = new Set(await usersWhoCanSee(ctx.db, conversationId, seq));
    seeing = seeing.filter((id) => canSee.has(id));
  }
  await publishEvent(ctx, seeing, event(state));
  for (const viewerId of members.filter((id) => !seeing.includes(id))) {
    const view = await selectReadState(ctx.db, conversationId, userId, viewerId);
    if (view) await publishEvent(ctx, [viewerId], event(view));
  }
}
