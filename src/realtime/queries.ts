// SQL the real-time layer needs: last-seen stamps, an acked message's conversation. (Who hears presence
// is core/privacy.ts.)
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { messages, users } from '../db/schema.js';

/** Stamps the moment the user's last socket closed and returns it. */
export async function stampLastSeen(db: Executor, userId: string): Promise<Date> {
  const [row] = await db
    .update(users)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ lastSeenAt: users.lastSeenAt });
  return row?.lastSeenAt ?? new Date();
}

/** The conversation a message belongs to (visibility is checked by the caller's service). */
export async function conversationOfMessage(db: Executor, messageId: string): Promise<string | null> {
  const [row] = await db
    .select({ conversationId: messages.conversationId })
    .from(messages)
    .where(eq(messages.id, messageId))
    .limit(1);
  return row?.conversationId ?? null;
}
