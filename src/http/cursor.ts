// Opaque keyset cursors: clients pass them back untouched; a tampered one is a clear 422.
import { ValidationFailed } from '../lib/errors.js';

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
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
      values.every((v, i) => typeof v === shape[i] && (typeof v !== 'number' || Number.isSafeInteger(v)))
    ) {
      return values as unknown as T;
    }
  } catch {
    // fall through to the error below
  }
  throw new ValidationFailed(`${field} is not a valid cursor`, [{ field, message: 'is not a valid cursor' }]);
}
