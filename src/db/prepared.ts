// Named prepared statements for hot queries: Drizzle builds the SQL once per database handle instead of
// on every call, and node-postgres parses each statement once per connection.
import type { Db } from './client.js';

/** Memoises `prepare(db)` per database handle (each app, and each test app, has its own). */
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
