// A whole transaction in one database round trip: BEGIN, a few session-prepared statements, COMMIT, sent
// as one simple-protocol query string. node-postgres sends one statement per round trip and waits for each
// answer, so a transaction of three statements costs five trips, and any lock taken in the first is held
// across all the others; here the server runs them back to back and the locks last only as long as the
// server's own work. Each statement still gets its own snapshot (READ COMMITTED), so a statement that
// follows a lock sees everything committed before the lock was granted.
//
// The simple protocol takes no parameters: the statements are prepared once per connection (PREPARE, the
// plan is cached like any prepared statement) and run with EXECUTE, their arguments inlined as escaped
// string literals (pg's escapeLiteral), which PostgreSQL casts to the declared parameter types.
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { isDatabaseUnavailable } from '../lib/pg-errors.js';
import type { Db } from './client.js';

export interface SessionStatement {
  /**
   * The name it is prepared under on each connection. Session-prepared statements share one namespace with
   * those the driver prepares for Drizzle (`.prepare(name)`): keep the names apart.
   */
  name: string;
  /** PostgreSQL types of $1, $2, ... */
  types: string[];
  /** One statement, its parameters written $1, $2, ... */
  text: string;
}

const dialect = new PgDialect();

/**
 * A statement built with Drizzle's `sql`, as text for PREPARE: its parameters are written $1, $2, ... by
 * hand; a value bound through the template would be a bug, so it throws.
 */
export function sessionStatementText(statement: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  if (params.length > 0) throw new Error('a session statement must not bind values of its own');
  return text;
}

export interface StatementCall {
  statement: SessionStatement;
  /** One text value per parameter, in the form PostgreSQL reads for its type (e.g. '{a,b}' for uuid[]). */
  args: string[];
}

const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/** The SQLSTATE of "prepared statement does not exist" (e.g. after DISCARD ALL on a shared connection). */
const UNKNOWN_STATEMENT = '26000';

/**
 * Runs `calls` in order in one transaction, in one round trip; resolves with each call's result once the
 * COMMIT has succeeded. When the server refuses any of them, the transaction is rolled back (nothing of it
 * was written) and the error is thrown. When the connection fails instead, the outcome is unknown (the
 * COMMIT may have been applied): the error is thrown as well, and isDatabaseUnavailable tells it apart.
 */
export async function transactionInOneTrip(db: Db, calls: StatementCall[]): Promise<pg.QueryResult[]> {
  const client = await db.$client.connect();
  let broken: Error | undefined;
  try {
    return await runOn(client, calls, true);
  } catch (error) {
    if (isDatabaseUnavailable(error)) broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function runOn(client: pg.PoolClient, calls: StatementCall[], mayPrepareAgain: boolean) {
  let prepared = preparedOn.get(client);
  if (!prepared) {
    prepared = new Set();
    preparedOn.set(client, prepared);
  }
  for (const { statement } of calls) {
    if (prepared.has(statement.name)) continue;
    await client.query(`prepare ${statement.name} (${statement.types.join(', ')}) as ${statement.text}`);
    prepared.add(statement.name);
  }
  const executes = calls.map(
    ({ statement, args }) =>
      `execute ${statement.name} (${args.map((arg) => pg.escapeLiteral(arg)).join(', ')})`,
  );
  try {
    const results = (await client.query(
      ['begin', ...executes, 'commit'].join(';\n'),
    )) as unknown as pg.QueryResult[];
    return results.slice(1, -1);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    // The server stopped at the failed statement and left the transaction open and aborted.
    await client.query('rollback');
    if (mayPrepareAgain && (error as { code?: unknown }).code === UNKNOWN_STATEMENT) {
      prepared.clear();
      return runOn(client, calls, false);
    }
    throw error;
  }
}
