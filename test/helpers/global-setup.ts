// One PostgreSQL per test run: the server at TEST_DATABASE_URL, or else an embedded one started here in a temp
// folder. A template database is migrated once; each test file clones it (fast, isolated).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { buildWebAppForTests } from './web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { serverUrl: string; template: string };
    webAppDir: string;
  }
}

export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// Throw-away data: durability settings off make every write and clone cheaper.
const TEST_CLUSTER_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '300',
};

async function startTestCluster(): Promise<{ server: EmbeddedPostgres; folder: string }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'chat-test-pg-'));
  // Under root the server runs as the "postgres" user, which must be able to enter the folder.
  chmodSync(folder, 0o755);
  try {
    const server = await startEmbeddedPostgres({
      dir: path.join(folder, 'postgres'),
      port: null,
      settings: TEST_CLUSTER_SETTINGS,
    });
    return { server, folder };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

export default async function setup(project: TestProject) {
  const webApp = await buildWebAppForTests();
  project.provide('webAppDir', webApp.dir);
  const embedded = process.env.TEST_DATABASE_URL ? null : await startTestCluster();
  const serverUrl = process.env.TEST_DATABASE_URL ?? embedded!.server.url();
  const run = `${process.pid}${Date.now().toString(36)}`;
  const template = `chat_test_${run}_template`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL for the tests is unreachable: ${(error as Error).message}`);
  }
  await admin.query(`create database "${template}"`);
  const database = await openDatabase({ databaseUrl: databaseUrlFor(serverUrl, template), poolSize: 1 });
  await database.close();
  project.provide('testDatabase', { serverUrl, template });

  return async () => {
    // Drop what this run created; a failed file may have left its clone behind.
    const { rows } = await admin.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`chat_test_${run}_%`],
    );
    for (const { datname } of rows) {
      await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.end();
    if (embedded) {
      await embedded.server.stop();
      rmSync(embedded.folder, { recursive: true, force: true });
    }
    webApp.remove();
  };
}
