// Settings of the PostgreSQL server that the server's write pattern depends on, checked once at start:
// what is wrong is said in the log, in one line that names the setting and what it costs.
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './client.js';

/**
 * Every message rewrites each member's row of its conversation (its unread count and the inbox order are
 * kept on write), so those rows leave dead versions behind at the rate of messages times members.
 * Without autovacuum nothing removes them, and every send, read and inbox page slows down as they pile up.
 */
export async function warnAboutDatabaseSettings(db: Db, log: FastifyBaseLogger): Promise<void> {
  const [row] = (
    await db.execute<{ autovacuum: string }>(sql`select current_setting('autovacuum') as autovacuum`)
  ).rows;
  if (row?.autovacuum === 'off') {
    log.warn(
      'autovacuum is off on this PostgreSQL: the rows every message updates are never cleaned up, and sends, ' +
        'reads and chat lists slow down over time; turn it on (autovacuum = on), or VACUUM regularly',
    );
  }
}
