// Opaque keyset cursors and the page helper: what a client passes back, and what it gets for tampering.
import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  decodeCursorKey,
  encodeCursor,
  isCursorTimestamp,
  keysetPage,
} from '../../src/core/pagination.js';
import { ValidationFailed } from '../../src/lib/errors.js';

describe('cursors', () => {
  it('come back as they were issued', () => {
    const cursor = encodeCursor(['2024-01-01T00:00:00.000000Z', 42]);
    expect(decodeCursor<[string, number]>(cursor, ['string', 'number'])).toEqual([
      '2024-01-01T00:00:00.000000Z',
      42,
    ]);
    expect(decodeCursor<[number]>(undefined, ['number'])).toBeNull();
    expect(decodeCursor<[number]>('', ['number'])).toBeNull();
  });

  it('refuse anything else with a 422 naming the field', () => {
    for (const bad of [
      'not base64 json!',
      encodeCursor(['x']),
      encodeCursor([1, 2]),
      encodeCursor([-1]),
      encodeCursor([1.5]),
    ]) {
      let error: unknown;
      try {
        decodeCursor<[number]>(bad, ['number'], 'before');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).details).toEqual([
        { field: 'before', message: 'is not a valid cursor' },
      ]);
    }
  });

  it('run the caller check on the decoded values', () => {
    const cursor = encodeCursor(['not-a-uuid']);
    expect(() => decodeCursorKey<[string]>(cursor, ['string'], ([id]) => id.length === 36)).toThrow(
      ValidationFailed,
    );
    expect(decodeCursorKey<[string]>(cursor, ['string'], () => true)).toEqual(['not-a-uuid']);
  });

  it('take only timestamps PostgreSQL can cast back', () => {
    expect(isCursorTimestamp('2024-02-29T10:00:00.123456Z')).toBe(true);
    expect(isCursorTimestamp('2023-02-29T10:00:00Z')).toBe(false);
    expect(isCursorTimestamp('0000-01-01T00:00:00Z')).toBe(false);
    expect(isCursorTimestamp('yesterday')).toBe(false);
  });
});

describe('a keyset page', () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ n: i + 1 }));
  const page = (cursor?: string) =>
    keysetPage<{ n: number }, [number]>({
      cursor,
      limit: 3,
      shape: ['number'],
      fetch: async (after, limit) => rows.filter((row) => row.n > (after?.[0] ?? 0)).slice(0, limit),
      keyOf: (row) => [row.n],
    });

  it('walks every row once, and says when there is nothing more', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await page(cursor);
      seen.push(...result.items.map((row) => row.n));
      cursor = result.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages).toBe(3);
  });

  it('gives no next cursor when the last page is exactly full', async () => {
    const first = await page(encodeCursor([4]));
    expect(first.items.map((row) => row.n)).toEqual([5, 6, 7]);
    expect(first.nextCursor).toBeNull();
  });
});
