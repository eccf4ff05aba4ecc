// Opaque keyset cursors and the page helper: what a client passes back, and what it gets for tampering.
import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  decodeCursorKey,
  encodeCursor,
  encodeSyncCursor,
  isCursorTimestamp,
  keysetPage,
  splitPage,
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
      encodeCursor([Number.MAX_SAFE_INTEGER + 1]),
      Buffer.from('{"0":1}').toString('base64url'),
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

  it('refuse text PostgreSQL cannot hold (a NUL character) instead of failing in the database', () => {
    expect(() => decodeCursor<[string]>(encodeCursor(['a\u0000b']), ['string'])).toThrow(ValidationFailed);
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

describe('a sync cursor', () => {
  it('is one string per change id, so a client can compare the inbox with what it stored', () => {
    expect(encodeSyncCursor(41)).toBe(encodeSyncCursor(41));
    expect(encodeSyncCursor(41)).not.toBe(encodeSyncCursor(42));
    // The inbox hands it out as syncCursor, /changes takes it back as since.
    expect(decodeCursor<[number]>(encodeSyncCursor(41), ['number'], 'since')).toEqual([41]);
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

  it('fetches one row more than the page to learn whether more follow', async () => {
    expect(splitPage([1, 2, 3, 4], 3)).toEqual({ items: [1, 2, 3], more: true });
    expect(splitPage([1, 2, 3], 3)).toEqual({ items: [1, 2, 3], more: false });
    expect(splitPage([], 3)).toEqual({ items: [], more: false });
  });

  it('refuses a cursor the caller check rejects before fetching anything', async () => {
    let fetched = false;
    const refused = keysetPage<{ n: number }, [number]>({
      cursor: encodeCursor([999]),
      limit: 3,
      shape: ['number'],
      valid: ([n]) => n < 100,
      fetch: async () => {
        fetched = true;
        return [];
      },
      keyOf: (row) => [row.n],
    });
    await expect(refused).rejects.toBeInstanceOf(ValidationFailed);
    expect(fetched).toBe(false);
  });

  it('gives no next cursor when the last page is exactly full', async () => {
    const first = await page(encodeCursor([4]));
    expect(first.items.map((row) => row.n)).toEqual([5, 6, 7]);
    expect(first.nextCursor).toBeNull();
  });
});
