// The door to one message: the caller must be a current member and the message one they may see;
// otherwise 404, alike for "no such message" and "not yours to see".
import { type ConversationRow, type ParticipantRow, requireMember } from '../../core/membership.js';
import type { Executor } from '../../db/client.js';
import { NotFound } from '../../lib/errors.js';
import { findVisibleMessage, type MessageRow } from './queries.js';

export interface VisibleMessage {
  conversation: ConversationRow;
  participant: ParticipantRow;
  message: MessageRow;
}

export async function requireVisibleMessage(
  db: Executor,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<VisibleMessage> {
  const { conversation, participant } = await requireMember(db, conversationId, userId);
  const message = await findVisibleMessage(db, userId, conversationId, messageId);
  if (!message) throw new NotFound('Message not found');
  return { conversation, participant, message };
}
