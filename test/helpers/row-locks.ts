// A conversation's row lock held from outside the app, as a long write would hold it, and a wait for the
// statements that queue behind it: how batching tests line several requests up behind one lock.
import pg from 'pg';
import { until } from './fault-harness.js';

/**
 * Holds the conversation's row lock from a connection of the test's own; writers of the conversation
 * queue behind it until `release`. `waiters(db, count)` waits until `count` backends are blocked behind
 * it, directly or behind one another (read through `db`, a connection outside the lock's transaction:
 * activity is read afresh there for each query).
 */
export async function holdConversation(databaseUrl: string, conversationId: string) {
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  const { rows } = await holder.query<{ pid: number }>('select pg_backend_pid() as pid');
  const pid = rows[0]!.pid;
  await holder.query('begin');
  await holder.query('select 1 from conversations where id = $1 for update', [conversationId]);
  return {
    waiters: (db: pg.Client, count: number) => blockedBehind(db, pid, count),
    release: async () => {
      await holder.query('commit');
      await holder.end();
    },
  };
}

/**
 * Waits until `count` backends wait for `pid`'s locks, directly or through others waiting for them:
 * other work of the app that waits on some other lock at that moment does not count.
 */
async function blockedBehind(db: pg.Client, pid: number, count: number): Promise<void> {
  await until(`${count} statements waiting behind the held lock`, async () => {
    const { rows } = await db.query<{ waiting: number }>(
      `with recursive behind(pid) as (
         select a.pid from pg_stat_activity a where $1 = any(pg_blocking_pids(a.pid))
         union
         select a.pid from pg_stat_activity a join behind b on b.pid = any(pg_blocking_pids(a.pid))
       )
       select count(*)::int as waiting from behind`,
      [pid],
    );
    return rows[0]!.waiting >= count;
  });
}
