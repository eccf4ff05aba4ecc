// SQL of the attachments feature: the upload row, who may download it, and the sweep of unused uploads.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { AttachmentRow } from '../../core/attachments.js';
import { visibleTo } from '../../core/visibility.js';
import type { Executor } from '../../db/client.js';
import { attachments, conversations, messageAttachments, messages, participants } from '../../db/schema.js';

export type NewAttachment = typeof attachments.$inferInsert;

export async function insertAttachment(db: Executor, values: NewAttachment): Promise<AttachmentRow> {
  const [row] = await db.insert(attachments).values(values).returning();
  return row!;
}

/** `userId` is a current member of the conversation `conversationColumn` names, and it is not deleted. */
function isCurrentMember(
  userId: string,
  conversationColumn: typeof attachments.conversationId | typeof messages.conversationId,
) {
  return sql`exists (
    select 1 from ${participants}
    join ${conversations} on ${conversations.id} = ${participants.conversationId}
    where ${participants.conversationId} = ${conversationColumn}
      and ${participants.userId} = ${userId}
      and ${participants.leftAt} is null
      and ${conversations.deletedAt} is null
  )`;
}

/**
 * The attachment, when `userId` may download it: some message carrying it is one they may see (a
 * current member of its conversation, within their membership periods, not deleted for everyone, not
 * hidden for them), or it is their own upload still waiting for its message. Else null: the route
 * answers 404 alike for "no such file" and "not yours to see".
 */
export async function findDownloadable(
  db: Executor,
  userId: string,
  attachmentId: string,
): Promise<AttachmentRow | null> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.id, attachmentId),
        sql`(
          (${attachments.usedAt} is null and ${attachments.uploaderId} = ${userId}
            and ${isCurrentMember(userId, attachments.conversationId)})
          or exists (
            select 1 from ${messageAttachments}
            join ${messages} on ${messages.id} = ${messageAttachments.messageId}
            where ${messageAttachments.attachmentId} = ${attachments.id}
              and ${messages.deletedAt} is null
              and ${visibleTo(userId)}
              and ${isCurrentMember(userId, messages.conversationId)}
          )
        )`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Removes uploads never used in a message and older than `cutoff`, answering what their bytes were.
 * A send claiming one at the same moment holds its row lock: the delete then re-reads used_at and
 * leaves it alone (or the send finds it gone and answers 404).
 */
export async function deleteUnusedBefore(
  db: Executor,
  cutoff: Date,
  limit: number,
): Promise<Pick<AttachmentRow, 'storageKey' | 'hasThumbnail'>[]> {
  const batch = db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(isNull(attachments.usedAt), lt(attachments.createdAt, cutoff)))
    .orderBy(attachments.createdAt)
    .limit(limit);
  return db
    .delete(attachments)
    .where(and(sql`${attachments.id} in (${batch})`, isNull(attachments.usedAt)))
    .returning({ storageKey: attachments.storageKey, hasThumbnail: attachments.hasThumbnail });
}
