// Named prepared statements for hot queries: Drizzle builds the SQL once per database handle instead of
// on every call, and node-postgres parses each statement once per connection.
import { is, Placeholder, SQL } from 'drizzle-orm';
import { PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Db, Executor } from './client.js';

/**
 * Memoises `prepare(db)` per database handle (each app, and each test app, has its own): a prepared
 * query, or a batch queue (db/group-commit.ts) of that database.
 */
export function preparedPerDatabase<T>(prepare: (db: Db) => T): (db: Db) => T {
  const byDatabase = new WeakMap<Db, T>();
  return (db) => {
    let prepared = byDatabase.get(db);
    if (prepared === undefined) {
      prepared = prepare(db);
      byDatabase.set(db, prepared);
    }
    return prepared;
  };
}

/**
 * A Drizzle prepared query (its values as `sql.placeholder`s) made once per database handle, so a call
 * builds no SQL; inside a transaction, made for that transaction on each call (a prepared query runs on
 * the handle that made it).
 */
export function preparedPerExecutor<T>(prepare: (db: Executor) => T): (db: Executor) => T {
  const perDatabase = preparedPerDatabase<T>(prepare);
  return (db) => (is(db, PgTransaction) ? prepare(db) : perDatabase(db as Db));
}

/** A statement run by name through the driver: its text, and where each bound value comes from. */
export interface NamedStatement {
  name: string;
  text: string;
  /** The bound values in order: a constant, or the name of the placeholder that gives it. */
  params: ({ value: unknown } | { placeholder: string })[];
}

const dialect = new PgDialect();

/** A query (a Drizzle builder, or `sql` with `sql.placeholder`s) as a statement to run by name. */
export function namedStatement(
  query: SQL | { toSQL(): { sql: string; params: unknown[] } },
  name: string,
): NamedStatement {
  const { sql: text, params } = is(query, SQL) ? dialect.sqlToQuery(query) : query.toSQL();
  return {
    name,
    text,
    params: params.map((param) => (is(param, Placeholder) ? { placeholder: param.name } : { value: param })),
  };
}

/**
 * Runs a named statement with its placeholders' values: parsed once per connection, no query building.
 * `rowMode: 'array'` gives each row as an array (Row is then the array's type).
 */
export function runNamed<Row extends pg.QueryResultRow>(
  db: Db,
  statement: NamedStatement,
  args: Record<string, unknown>,
  options: { rowMode?: 'array'; types?: pg.CustomTypesConfig } = {},
): Promise<pg.QueryResult<Row>> {
  const values = statement.params.map((param) => ('value' in param ? param.value : args[param.placeholder]));
  const config = { name: statement.name, text: statement.text, values, ...options } as pg.QueryConfig;
  return db.$client.query<Row>(config);
}
