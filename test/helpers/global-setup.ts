// With TEST_DATABASE_URL: migrate one template database per run; each test file clones it (fast, isolated).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { buildWebAppForTests } from './web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string | null;
    webAppDir: string;
  }
}

export function databaseUrlFor(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const webApp = await buildWebAppForTests();
  project.provide('webAppDir', webApp.dir);
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    project.provide('templateDatabase', null);
    return webApp.remove;
  }
  const run = `${process.pid}${Date.now().toString(36)}`;
  const template = `chat_test_${run}_template`;
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is unreachable: ${(error as Error).message}`);
  }
  await admin.query(`create database "${template}"`);
  const database = await openDatabase({
    databaseUrl: databaseUrlFor(base, template),
    pgliteDir: null,
    poolSize: 1,
  });
  await database.close();
  project.provide('templateDatabase', template);

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
    webApp.remove();
  };
}
