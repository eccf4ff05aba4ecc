// The SQL of the heaviest queries, checked in under test/platform/sql-snapshots/: a change to one shows in review
// as a diff of its SQL. After an intended change: UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots
import { readFileSync, writeFileSync } from 'node:fs';
import { format } from 'sql-formatter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Executor } from '../../src/db/client.js';
// Every query under snapshot comes in here; when one moves, only these lines change.
import { selectSummaries } from '../../src/modules/conversations/inbox-queries.js';
import { selectVisibleInWindow } from '../../src/modules/messages/queries.js';
import { markerBatchStatement, selectReadStates } from '../../src/modules/messages/read-state-queries.js';
import { sendBatchStatement } from '../../src/modules/messages/send-queries.js';
import { pushableBatchStatement } from '../../src/modules/push/queries.js';
import { prefixQuery, selectSearchPage } from '../../src/modules/search/queries.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

const USER = '00000000-0000-4000-8000-0000000000a1';
const CONVERSATION = '00000000-0000-4000-8000-0000000000c1';

const SEARCH = {
  userId: USER,
  query: prefixQuery(['cancion', 'manana']),
  conversationId: null,
  before: ['2026-01-02T03:04:05.678901Z', '00000000-0000-4000-8000-0000000000e1'] as [string, string],
  limit: 21,
};

const QUERIES: Record<string, (db: Executor) => { toSQL(): { sql: string; params: unknown[] } }> = {
  // GET /conversations, a page after the first: the inbox with every per-row figure.
  inbox: (db) =>
    selectSummaries(db, USER, {
      before: { pinKey: '', activityKey: '2026-01-02T03:04:05.678901Z', id: CONVERSATION },
      archived: false,
      omitHidden: true,
      limit: 21,
    }),
  // GET /conversations/:id/messages: one membership period's stretch of a history page, newest first.
  'history-page': (db) =>
    selectVisibleInWindow(db, USER, CONVERSATION, { low: 100, high: 250, forwards: false, limit: 51 }),
  // GET /conversations/:id/changes and the read states: every member's markers and what they point at.
  'read-states': (db) => selectReadStates(db, CONVERSATION, USER),
  // POST /conversations/:id/messages: a batch of sends (prepared once per connection, $1 is the batch).
  'send-batch': () => ({ toSQL: () => ({ sql: sendBatchStatement.text, params: [] }) }),
  // Acks and POST /read: a batch of marker moves (prepared once per connection, $1 is the batch).
  'marker-batch': () => ({ toSQL: () => ({ sql: markerBatchStatement.text, params: [] }) }),
  // After sends commit: the devices to push, for a batch of messages at once ($1 the batch, $2 now).
  'push-targets': (db) => {
    const { text, params } = pushableBatchStatement(db as Db);
    return { toSQL: () => ({ sql: text, params }) };
  },
  // GET /search/messages, a page after the first across all the user's conversations.
  'search-page': (db) => selectSearchPage(db, SEARCH),
};

function render(query: { toSQL(): { sql: string; params: unknown[] } }): string {
  const { sql, params } = query.toSQL();
  const text = format(sql, { language: 'postgresql', keywordCase: 'lower', paramTypes: { numbered: ['$'] } });
  const bound = params.map((param, i) => `-- $${i + 1} = ${JSON.stringify(param)}`).join('\n');
  return `${text};\n${bound}\n`;
}

describe('SQL of the heaviest queries', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  for (const [name, build] of Object.entries(QUERIES)) {
    it(`${name} matches test/platform/sql-snapshots/${name}.sql`, () => {
      const file = new URL(`./sql-snapshots/${name}.sql`, import.meta.url);
      const actual = render(build(database.db));
      if (process.env.UPDATE_SQL_SNAPSHOTS === '1') writeFileSync(file, actual);
      let expected: string;
      try {
        expected = readFileSync(file, 'utf8');
      } catch {
        throw new Error(
          `No test/platform/sql-snapshots/${name}.sql yet: run with UPDATE_SQL_SNAPSHOTS=1 and commit it`,
        );
      }
      expect(actual, 'the SQL changed: review it, then rerun with UPDATE_SQL_SNAPSHOTS=1').toBe(expected);
    });
  }
});
