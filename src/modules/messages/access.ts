// The door to one message: the caller must be a current member and the message one they may see;
// otherwise 404, alike for "no such message" and "not yours to see".
import { and, eq, sql } from 'drizzle-orm';
import { type ConversationRow, currentMembershipIn, type ParticipantRow } from '../../core/membership.js';
import { visibleInConversation } from '../../core/visibility.js';
import type { Executor } from '../../db/client.js';
import { preparedPerExecutor } from '../../db/prepared.js';
import { conversations, messages, participants } from '../../db/schema.js';
import { NotFound } from '../../lib/errors.js';
import type { MessageRow } from './queries.js';

export interface VisibleMessage {
  conversation: ConversationRow;
  participant: ParticipantRow;
  message: MessageRow;
}

const door = preparedPerExecutor((db) =>
  db
    .select({ conversation: conversations, participant: participants, message: messages })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .leftJoin(
      messages,
      and(
        eq(messages.id, sql.placeholder('messageId')),
        visibleInConversation(sql.placeholder('userId'), sql.placeholder('conversationId')),
      ),
    )
    .where(currentMembershipIn(sql.placeholder('conversationId'), sql.placeholder('userId')))
    .limit(1)
    .prepare('message_door'),
);

/**
 * The membership (as requireMember) and the message (as findVisibleMessage) in one round trip: every
 * ack, read, reaction and edit starts here. Named, and built once per database handle: each pool
 * connection parses and plans it once, and a call builds no SQL.
 */
export async function requireVisibleMessage(
  db: Executor,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<VisibleMessage> {
  const [row] = await door(db).execute({ userId, conversationId, messageId });
  if (!row) throw new NotFound('Conversation not found');
  if (!row.message) throw new NotFound('Message not found');
  return { conversation: row.conversation, participant: row.participant, message: row.message };
}
