// SQL for photos: swapping the image key on a user or a conversation, returning the key it replaced.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { conversations, users } from '../../db/schema.js';
import type { UserRow } from '../users/present.js';
import { userColumns } from '../users/queries.js';

/**
 * Sets (or clears) the profile photo key. The row lock makes two concurrent uploads replace each other
 * in order, so each one learns exactly which key it replaced (and deletes those files, no others).
 */
export async function swapUserImage(
  tx: Tx,
  userId: string,
  key: string | null,
): Promise<{ previous: string | null; user: UserRow } | null> {
  const [current] = await tx
    .select({ profileImage: users.profileImage })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .for('update')
    .limit(1);
  if (!current) return null;
  const [user] = await tx
    .update(users)
    .set({ profileImage: key, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning(userColumns);
  return { previous: current.profileImage, user: user! };
}

/** Sets (or clears) the group photo key; call with the conversation locked. */
export async function setConversationImage(tx: Tx, conversationId: string, key: string | null) {
  const [row] = await tx
    .update(conversations)
    .set({ image: key, updatedAt: new Date() })
    .where(eq(conversations.id, conversationId))
    .returning();
  return row!;
}
