// A conversation's row lock held from outside the app, as a long write would hold it, and a wait for the
// statements that queue behind it: how batching tests line several requests up behind one lock.
import pg from 'pg';
import { until } from './fault-harness.js';

/**
 * Holds the conversation's row lock from a connection of the test's own; writers of the conversation
 * queue behind it until `release`.
 */
export async function holdConversation(databaseUrl: string, conversationId: string) {
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query('begin');
  await holder.query('select 1 from conversations where id = $1 for update', [conversationId]);
  return {
    release: async () => {
      await holder.query('commit');
      await holder.end();
    },
  };
}

/** Waits until `count` statements of the database `db` is connected to wait for a lock. */
export async function lockWaiters(db: pg.Client, count: number): Promise<void> {
  await until(`${count} statements waiting for a lock`, async () => {
    const { rows } = await db.query<{ waiting: number }>(
      `select count(*)::int as waiting from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'`,
    );
    return rows[0]!.waiting >= count;
  });
}
