// Conversation and participant events for the real-time gateway, published after the transaction commits.
import type { AppContext } from '../../context.js';

export type ConversationEventType =
  | 'conversation.created'
  | 'conversation.updated'
  | 'conversation.deleted'
  | 'participant.added'
  | 'participant.updated'
  | 'participant.removed';

/**
 * The change is already committed when this runs, so a failing bus must not turn the request into an
 * error: clients that miss the event catch up from the conversation list.
 */
export async function publishToUsers(
  ctx: AppContext,
  userIds: string[],
  type: ConversationEventType,
  data: unknown,
): Promise<void> {
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) return;
  try {
    await ctx.bus.publish({ kind: 'deliver', userIds: recipients, event: { type, data } });
  } catch (error) {
    ctx.log.error({ err: error, type }, 'could not publish a conversation event');
  }
}

export interface ParticipantAdded {
  conversationId: string;
  userId: string;
  role: string;
  addedBy: string;
}

/** The one way a join is announced, whether an admin added them or they used an invite link. */
export function publishParticipantAdded(ctx: AppContext, memberIds: string[], added: ParticipantAdded) {
  return publishToUsers(ctx, [...memberIds, added.userId], 'participant.added', added);
}

export interface ParticipantRemoved {
  conversationId: string;
  userId: string;
  removedBy: string;
}

/** The removed user hears it too, so their clients drop the conversation. */
export function publishParticipantRemoved(ctx: AppContext, memberIds: string[], removed: ParticipantRemoved) {
  return publishToUsers(ctx, [...memberIds, removed.userId], 'participant.removed', removed);
}
