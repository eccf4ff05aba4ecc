// Keyset pagination, written once: opaque cursors (a tampered one is a clear 422), fetching limit + 1
// rows to learn whether more follow, and the next cursor from the last row of the page.
import { ValidationFailed } from '../lib/errors.js';

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The format of every sync cursor: the conversation's latest change id. The inbox hands it out as
 * `syncCursor` and /changes takes it back as `since`, so both must encode it here.
 */
export function encodeSyncCursor(changeId: number): string {
  return encodeCursor([changeId]);
}

/**
 * Numbers in cursors are sequence numbers and change ids: never negative. Strings go into queries as
 * text, which in PostgreSQL cannot hold a NUL character (the driver would fail with a 500).
 */
function isCursorValue(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0;
  return typeof value === 'string' && !value.includes('\u0000');
}

export function decodeCursor<T extends readonly (string | number)[]>(
  cursor: string | undefined,
  shape: { [K in keyof T]: T[K] extends number ? 'number' : 'string' },
  field = 'cursor',
): T | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === shape.length &&
      values.every((v, i) => typeof v === shape[i] && isCursorValue(v))
    ) {
      return values as unknown as T;
    }
  } catch {
    // fall through to the error below
  }
  throw new ValidationFailed(`${field} is not a valid cursor`, [{ field, message: 'is not a valid cursor' }]);
}

/**
 * A timestamp from a cursor that PostgreSQL will take back in a ::timestamptz cast: an ISO 8601 date
 * that exists ("2020-02-30" does not), in years 1 to 9999 (PostgreSQL has no year 0).
 */
export function isCursorTimestamp(text: string): boolean {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return false;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999 && date.toISOString().slice(0, 19) === text.slice(0, 19);
}

type Key = readonly (string | number)[];
type Shape<K extends Key> = { [I in keyof K]: K[I] extends number ? 'number' : 'string' };

function invalidCursor(field: string): ValidationFailed {
  return new ValidationFailed(`${field} is not a valid cursor`, [
    { field, message: 'is not a valid cursor' },
  ]);
}

/**
 * A decoded cursor whose values also pass `valid` (they go into SQL casts: anything but what we issued
 * is a 422, never a database error), or null when there is none.
 */
export function decodeCursorKey<K extends Key>(
  cursor: string | undefined,
  shape: Shape<K>,
  valid: (key: K) => boolean = () => true,
  field = 'cursor',
): K | null {
  const key = decodeCursor<K>(cursor, shape, field);
  if (key && !valid(key)) throw invalidCursor(field);
  return key;
}

/** The page out of a fetch of limit + 1 rows, and whether more rows follow it. */
export function splitPage<Row>(rows: Row[], limit: number): { items: Row[]; more: boolean } {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

export interface KeysetQuery<Row, K extends Key> {
  cursor: string | undefined;
  limit: number;
  shape: Shape<K>;
  valid?: (key: K) => boolean;
  /** Fetches up to `limit` rows strictly after `after` (null: from the start), in page order. */
  fetch: (after: K | null, limit: number) => Promise<Row[]>;
  /** The key of a row, as the next cursor carries it. */
  keyOf: (row: Row) => K;
}

/** decode and validate the cursor, fetch limit + 1 rows, cut the page, make the next cursor. */
export async function keysetPage<Row, K extends Key>(
  query: KeysetQuery<Row, K>,
): Promise<{ items: Row[]; nextCursor: string | null }> {
  const after = decodeCursorKey(query.cursor, query.shape, query.valid);
  const { items, more } = splitPage(await query.fetch(after, query.limit + 1), query.limit);
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor(query.keyOf(last)) : null };
}
