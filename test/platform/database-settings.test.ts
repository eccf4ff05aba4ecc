// The server says at start, in its log, when the PostgreSQL it uses has autovacuum off: every message
// rewrites its members' rows, and without vacuum the dead versions pile up and everything slows down.
// The test runs its own embedded PostgreSQL, so changing its settings touches nothing else.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { createTestApp } from '../helpers/app.js';

describe('a server starting on a PostgreSQL', () => {
  let folder: string;
  let postgres: EmbeddedPostgres;
  let database: Database;

  const start = async (settings: Record<string, string>) => {
    postgres = await startEmbeddedPostgres({
      dir: path.join(folder, 'postgres'),
      port: null,
      settings: { fsync: 'off', ...settings },
    });
    database = await openDatabase({ databaseUrl: postgres.url(), poolSize: 2 });
  };

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'chat-settings-'));
    chmodSync(folder, 0o755);
    await start({ autovacuum: 'off' });
  });

  afterAll(async () => {
    await database?.close();
    await postgres?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function startLines(): Promise<string[]> {
    const lines: string[] = [];
    const t = await createTestApp({
      database: { ...database, url: postgres.url() },
      env: { LOG_LEVEL: 'warn' },
      logStream: { write: (line) => lines.push(line) },
    });
    await t.app.ready();
    await t.close();
    return lines;
  }

  it('warns, naming the setting, when autovacuum is off, and says nothing once it is on', async () => {
    const off = await startLines();
    expect(off.filter((line) => line.includes('autovacuum is off'))).toHaveLength(1);
    expect(JSON.parse(off.find((line) => line.includes('autovacuum is off'))!)).toMatchObject({ level: 40 });

    // The same cluster started again with PostgreSQL's default.
    await database.close();
    await postgres.stop();
    await start({});
    expect((await database.db.execute(sql`show autovacuum`)).rows).toEqual([{ autovacuum: 'on' }]);
    expect((await startLines()).filter((line) => line.includes('autovacuum'))).toEqual([]);
  });
});
