// SQL the real-time layer needs: last-seen stamps, an acked message's conversation. (Who hears presence
// is core/privacy.ts.)
import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { GroupCommit } from '../db/group-commit.js';
import { preparedPerDatabase } from '../db/prepared.js';
import { messages, users } from '../db/schema.js';

/** Users per statement: a whole fleet of sockets closing (a shutdown, a network cut) goes in a few. */
const MAX_STAMPS = 500;

const stampStatement = preparedPerDatabase((db) =>
  db
    .update(users)
    .set({ lastSeenAt: sql`now()` })
    // Rows locked in id order: two processes stamping the same users at once (one user's devices on
    // both) take them in the same order, so they never deadlock.
    .where(
      sql`${users.id} in (select su.id from ${users} su where su.id = any(${sql.placeholder('userIds')}::uuid[]) order by su.id for update)`,
    )
    .returning({ id: users.id, lastSeenAt: users.lastSeenAt })
    .prepare('stamp_last_seen'),
);

/**
 * Stamps that arrive while one statement is on its way go together in the next, per database: when many
 * sockets close at once (every socket at shutdown, or a network cut), the stamps cost a few round trips
 * instead of one each, and shutdown is not held up by them.
 */
const stampsFor = preparedPerDatabase(
  (db) =>
    new GroupCommit<string, Date>(async (userIds) => {
      const rows = await stampStatement(db).execute({ userIds: [...new Set(userIds)] });
      const stamped = new Map(rows.map((row) => [row.id, row.lastSeenAt]));
      // A user deleted meanwhile has no row: the moment is still the answer.
      return userIds.map((userId) => stamped.get(userId) ?? new Date());
    }, MAX_STAMPS),
);

/** Stamps the moment the user's last socket closed and returns it. */
export function stampLastSeen(db: Db, userId: string): Promise<Date> {
  return stampsFor(db).submit(userId);
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
