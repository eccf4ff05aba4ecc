// Migrations are append-only: a database made by any shipped version of them migrates forward to the
// schema a fresh database gets. Creates its databases on the test run's PostgreSQL (embedded or TEST_DATABASE_URL).
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/db/client.js';
import { openRuntime } from '../../src/runtime.js';
import { createTestApp, testConfig } from '../helpers/app.js';
import { createDirect } from '../helpers/conversations.js';
import { createUsers } from '../helpers/factories.js';
import { databaseUrlFor } from '../helpers/global-setup.js';
import { api } from '../helpers/http.js';
import { messagesUrl, sendMessage } from '../helpers/messages.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// Every migration that has shipped, as databases recorded it. A shipped file is never edited: change
// src/db/schema.ts, run `npm run db:generate`, and add the new migration here once it is committed.
const SHIPPED = [
  {
    tag: '0000_init',
    when: 1795546234071,
    hash: 'e62d6ba42ac00270e2ef40d9e6546da99b5947b0420e6d719c910d713def0dba',
  },
  {
    tag: '0001_message_hide_change_id',
    when: 1796149751248,
    hash: 'b7b19fa4c3c34a9d89793491e6f12fd801438fbc1e0c453f2e61565bf63a3142',
  },
  {
    tag: '0002_inbox_rows',
    when: 1796151253520,
    hash: 'd609d01263d01004de51b2609813d2ec48b61c8ff03e6783c9ad26017ef58f86',
  },
  {
    tag: '0003_event_outbox',
    when: 1796160113799,
    hash: '28931e901be55f3c266c0a8f94e093815f61fffa9ae15e9e694867c308118ec0',
  },
  {
    tag: '0004_attachments',
    when: 1796163167967,
    hash: '7fd535e5cb915b2d661ed3f6273308ce7a6c78643957c64e7cfa1ba2d25a17f5',
  },
  {
    tag: '0005_chat_control',
    when: 1796164230559,
    hash: 'dc5cefe09aa7cb52bf8e6dea53a6bb7d6ba96326ad9decfde7758d65f3202ad4',
  },
  {
    tag: '0006_search_text',
    when: 1796164998244,
    hash: 'a849ac116291f4def2fad7989c73810a9cec64e199e6d5f95f28c03dd1b80af7',
  },
  {
    tag: '0007_reactions_and_search_order',
    when: 1796165000165,
    hash: '7ff4faf227522d4908a3d10bddc57d375b0bc07a6a51908e5ca6f86f2d9e5ad4',
  },
  {
    tag: '0008_push_notifications',
    when: 1796166054080,
    hash: '6ba58a1225602f980553336113b50d1fa4433e79829fad5bea11ed2cfdccf69c',
  },
  {
    tag: '0009_inbox_order',
    when: 1796169641689,
    hash: 'f5b0de11f36ea7cbe39258b59c47a6d074627aa9a3ad1f35f5f95bfd78e75098',
  },
  {
    tag: '0010_withheld_hides',
    when: 1796170789346,
    hash: '4741639bc00cc0f9dd10d8c002f969cb5dfe8a27c3cf189f0282bf83336f8de2',
  },
  {
    tag: '0011_conversation_figures',
    when: 1796186327132,
    hash: '39a40ee689e260582595017943e30942540b3a8b4008c2500f78456e1f44fcaf',
  },
];

// For a while 0000_init was shipped edited: message_hides already had change_id, and the journal said
// 1795550689179. Databases created then hold that hash and time; they must migrate forward too.
const EDITED_INIT = {
  when: 1795550689179,
  hash: '8cd194e1f4b7161adf7fcba25d0420b64738a0a86d7f1247d3a230bc9c30da4f',
  sql: () =>
    readFileSync(path.join(MIGRATIONS_FOLDER, '0000_init.sql'), 'utf8').replace(
      '"created_at" timestamp with time zone DEFAULT now() NOT NULL,\n\tCONSTRAINT "message_hides_',
      `"created_at" timestamp with time zone DEFAULT now() NOT NULL,\n\t"change_id" bigint DEFAULT nextval('change_seq') NOT NULL,\n\tCONSTRAINT "message_hides_`,
    ),
};

describe('migration history', () => {
  it('keeps every shipped migration byte for byte, in order', () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
      entries: { tag: string; when: number }[];
    };
    const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
    const recorded = journal.entries.map((entry, i) => ({
      tag: entry.tag,
      when: entry.when,
      hash: files[i]?.hash,
    }));
    expect(recorded).toEqual(SHIPPED);
  });

  it('rebuilds the edited first migration exactly as it shipped', () => {
    expect(sha256(EDITED_INIT.sql())).toBe(EDITED_INIT.hash);
  });
});

describe('MIGRATE_ON_START', () => {
  it('is on unless set to false or 0, and rejects anything else', () => {
    expect(loadConfig({}).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(loadConfig({ MIGRATE_ON_START: '0' }).migrateOnStart).toBe(false);
    expect(() => loadConfig({ MIGRATE_ON_START: 'no' })).toThrow(ConfigError);
  });
});

const base = inject('testDatabase').serverUrl;

describe('upgrading a database made by an earlier release (PostgreSQL)', () => {
  const created: string[] = [];

  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  async function createDatabase(): Promise<string> {
    const name = `chat_migrations_${randomBytes(5).toString('hex')}`;
    await admin((client) => client.query(`create database "${name}"`));
    created.push(name);
    return databaseUrlFor(base, name);
  }

  afterAll(async () => {
    await admin(async (client) => {
      for (const name of created) await client.query(`drop database if exists "${name}" with (force)`);
    });
  });

  /** What the server of that release did on its first start: run the SQL, record hash and time. */
  async function migrateAsReleased(url: string, sqlText: string, when: number): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE SCHEMA IF NOT EXISTS "drizzle"');
      await client.query(
        'CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
      );
      for (const statement of sqlText.split('--> statement-breakpoint')) await client.query(statement);
      await client.query(
        'insert into "drizzle"."__drizzle_migrations" ("hash", "created_at") values ($1, $2)',
        [sha256(sqlText), when],
      );
      // Data written by that release: a user who hid a message for themselves.
      await client.query(`
        insert into users (id, email, password_hash, first_name, last_name)
          values ('00000000-0000-4000-8000-000000000001', 'old@example.com', 'x', 'Old', 'User');
        insert into conversations (id, type, created_by, last_seq, last_message_at)
          values ('00000000-0000-4000-8000-000000000002', 'group', '00000000-0000-4000-8000-000000000001', 1,
                  '2026-01-02T03:04:05.678901Z');
        insert into participants (conversation_id, user_id)
          values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001');
        insert into messages (id, conversation_id, seq, sender_id, content)
          values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 1,
                  '00000000-0000-4000-8000-000000000001', 'before the upgrade');
        insert into message_hides (user_id, message_id)
          values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003');`);
    } finally {
      await client.end();
    }
  }

  /** Tables, columns, constraints, indexes and sequences: what two databases must agree on. */
  async function describeSchema(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const columns = await client.query(`
        select table_name, column_name, data_type, is_nullable, column_default
        from information_schema.columns where table_schema = 'public' order by table_name, column_name`);
      const constraints = await client.query(`
        select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as definition
        from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`);
      const indexes = await client.query(
        `select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`,
      );
      const sequences = await client.query(
        `select sequence_name from information_schema.sequences where sequence_schema = 'public' order by 1`,
      );
      return {
        columns: columns.rows,
        constraints: constraints.rows,
        indexes: indexes.rows,
        sequences: sequences.rows,
      };
    } finally {
      await client.end();
    }
  }

  /** Messages whose indexed words include `word` (the search column, filled for rows older than it too). */
  async function messagesMatching(url: string, word: string): Promise<string[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select content from messages where search_vector @@ to_tsquery('simple', $1) order by seq`,
        [word],
      );
      return rows.map((row) => row.content);
    } finally {
      await client.end();
    }
  }

  /** Each membership's copy of its conversation's last activity, which the inbox sorts by. */
  async function membershipActivity(url: string): Promise<string[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select to_char(activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at from participants`,
      );
      return rows.map((row) => row.at);
    } finally {
      await client.end();
    }
  }

  /** Each conversation's member count and sync cursor, with the largest change id stamped in it. */
  async function conversationFigures(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`
        select participant_count, last_change_id, greatest(
          (select max(change_id) from messages m where m.conversation_id = c.id),
          (select max(marker_change_id) from participants p where p.conversation_id = c.id)) as largest
        from conversations c`);
      return rows;
    } finally {
      await client.end();
    }
  }

  async function hideChangeIds(url: string): Promise<(string | null)[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('select change_id from message_hides');
      return rows.map((row) => row.change_id);
    } finally {
      await client.end();
    }
  }

  /** Starts the app on the upgraded database and uses the table the change touched, through the API. */
  async function expectWorkingApp(url: string) {
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    const t = await createTestApp({ database: { ...database, url } });
    try {
      const [a, b] = await createUsers(t.app, 2);
      const chat = await createDirect(t.app, a, b);
      const message = await sendMessage(t.app, a, chat.id, 'after the upgrade');
      const hide = await api(t.app, 'DELETE', `${messagesUrl(chat.id)}/${message.id}?scope=me`, {
        token: b.token,
      });
      expect(hide.status).toBe(200);
      const sync = await api(t.app, 'GET', `/api/v1/conversations/${chat.id}/changes`, { token: b.token });
      expect(sync.status).toBe(200);
    } finally {
      await t.close();
      await database.close();
    }
  }

  let fresh: Awaited<ReturnType<typeof describeSchema>>;
  beforeAll(async () => {
    const url = await createDatabase();
    const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await database.close();
    fresh = await describeSchema(url);
  });

  it('migrates a new database to the current schema', () => {
    expect(fresh.columns).toContainEqual(
      expect.objectContaining({ table_name: 'message_hides', column_name: 'change_id', is_nullable: 'NO' }),
    );
    expect(fresh.columns).toContainEqual(
      expect.objectContaining({
        table_name: 'messages',
        column_name: 'search_vector',
        data_type: 'tsvector',
      }),
    );
    expect(fresh.indexes).toContainEqual(expect.objectContaining({ indexname: 'messages_search_idx' }));
  });

  it('upgrades a database made by the first release of 0000_init', async () => {
    const url = await createDatabase();
    const original = readFileSync(path.join(MIGRATIONS_FOLDER, '0000_init.sql'), 'utf8');
    await migrateAsReleased(url, original, SHIPPED[0]!.when);
    expect(sha256(original)).toBe(SHIPPED[0]!.hash);

    const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await database.close();
    expect(await describeSchema(url)).toEqual(fresh);
    // The hide made before the upgrade got a change id of its own.
    expect(await hideChangeIds(url)).toEqual([expect.stringMatching(/^\d+$/)]);
    // The message written before search existed is found by its words.
    expect(await messagesMatching(url, 'upgrade')).toEqual(['before the upgrade']);
    // The membership from before the inbox kept its order got its conversation's last activity.
    expect(await membershipActivity(url)).toEqual(['2026-01-02T03:04:05.678901']);
    // The conversation from before counts its member, and its sync cursor is its largest change id.
    const [figures] = await conversationFigures(url);
    expect(figures).toEqual({
      participant_count: 1,
      last_change_id: figures.largest,
      largest: expect.any(String),
    });
    await expectWorkingApp(url);
  });

  it('upgrades a database made by the edited 0000_init, whose hides already carry change ids', async () => {
    const url = await createDatabase();
    await migrateAsReleased(url, EDITED_INIT.sql(), EDITED_INIT.when);
    const before = await hideChangeIds(url);

    const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await database.close();
    expect(await describeSchema(url)).toEqual(fresh);
    expect(await hideChangeIds(url)).toEqual(before);
    await expectWorkingApp(url);
  });

  it('starts again on an upgraded database without migrating twice', async () => {
    const url = await createDatabase();
    for (let start = 0; start < 2; start += 1) {
      const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
      await database.close();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      'select hash, created_at from drizzle.__drizzle_migrations order by id',
    );
    await client.end();
    expect(rows.map((row) => [row.hash, Number(row.created_at)])).toEqual(
      SHIPPED.map((m) => [m.hash, m.when]),
    );
  });

  it('with MIGRATE_ON_START=false refuses an unmigrated database until `npm run db:migrate` has run', async () => {
    const url = await createDatabase();
    const config = testConfig({ DATABASE_URL: url, MIGRATE_ON_START: 'false' });
    await expect(openRuntime(config)).rejects.toThrow(
      new RegExp(`lacks ${SHIPPED.length} migration\\(s\\); run \`npm run db:migrate\``),
    );

    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
    });
    expect(stdout).toContain('The postgres database is up to date.');
    const runtime = await openRuntime(config);
    await runtime.close();
    expect(await describeSchema(url)).toEqual(fresh);
  });
});
