// Opaque keyset cursors: clients pass them back untouched; a tampered one is a clear 422.
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
      // Numbers in cursors are sequence numbers and change ids: never negative.
      values.every(
        (v, i) => typeof v === shape[i] && (typeof v !== 'number' || (Number.isSafeInteger(v) && v >= 0)),
      )
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
