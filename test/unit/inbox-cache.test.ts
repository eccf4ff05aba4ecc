// The rules of the per-process inbox page cache that no request can time on purpose: a page read while its
// owner or a person it shows changed is not kept, the byte bound evicts the least recently used, and an
// interrupted bus forgets everything.
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../src/core/events.js';
import { InboxCache } from '../../src/core/inbox-cache.js';

const page = (text: string) => Buffer.from(text);
const deliver = (userIds: string[], type: 'message.created' | 'typing' = 'message.created'): BusMessage =>
  ({ kind: 'deliver', userIds, event: { type, data: {} } }) as unknown as BusMessage;

describe('the inbox page cache', () => {
  it('keeps a page until an event reaches its owner, and not for typing', () => {
    const cache = new InboxCache(1_000_000, 60_000);
    cache.remember('me', 'inbox:50', page('one'), ['peer'], cache.begin());
    expect(cache.get('me', 'inbox:50')?.toString()).toBe('one');
    expect(cache.get('me', 'inbox:20')).toBeUndefined();
    cache.onBusMessage(deliver(['me'], 'typing'));
    expect(cache.get('me', 'inbox:50')?.toString()).toBe('one');
    cache.onBusMessage(deliver(['someone else']));
    expect(cache.get('me', 'inbox:50')?.toString()).toBe('one');
    cache.onBusMessage(deliver(['me']));
    expect(cache.get('me', 'inbox:50')).toBeUndefined();
  });

  it('does not keep a page read while its owner or a person it shows changed', () => {
    const cache = new InboxCache(1_000_000, 60_000);
    const racedByEvent = cache.begin();
    cache.onBusMessage(deliver(['me']));
    cache.remember('me', 'inbox:50', page('stale'), [], racedByEvent);
    expect(cache.get('me', 'inbox:50')).toBeUndefined();

    const racedByPeer = cache.begin();
    cache.onBusMessage({ kind: 'user-changed', userId: 'peer' });
    cache.remember('me', 'inbox:50', page('stale'), ['peer'], racedByPeer);
    expect(cache.get('me', 'inbox:50')).toBeUndefined();
    // A page that does not show them is kept.
    cache.remember('me', 'inbox:50', page('fine'), ['other'], racedByPeer);
    expect(cache.get('me', 'inbox:50')?.toString()).toBe('fine');
    // Later, a change of a person it shows forgets it, and so does their account ending.
    cache.onBusMessage({ kind: 'user-changed', userId: 'other' });
    expect(cache.get('me', 'inbox:50')).toBeUndefined();
    cache.remember('me', 'inbox:50', page('again'), ['other'], cache.begin());
    cache.onBusMessage({ kind: 'disconnect', userId: 'other', sessionId: 's', reason: 'logout' });
    expect(cache.get('me', 'inbox:50')?.toString()).toBe('again');
    cache.onBusMessage({ kind: 'disconnect', userId: 'other', reason: 'account_deactivated' });
    expect(cache.get('me', 'inbox:50')).toBeUndefined();
  });

  it('forgets everything, and what was being read, when the bus was interrupted', () => {
    const cache = new InboxCache(1_000_000, 60_000);
    cache.remember('me', 'inbox:50', page('one'), [], cache.begin());
    const inFlight = cache.begin();
    cache.onBusMessage({ kind: 'resync' });
    expect(cache.get('me', 'inbox:50')).toBeUndefined();
    cache.remember('you', 'inbox:50', page('read before'), [], inFlight);
    expect(cache.get('you', 'inbox:50')).toBeUndefined();
    cache.remember('you', 'inbox:50', page('read after'), [], cache.begin());
    expect(cache.get('you', 'inbox:50')?.toString()).toBe('read after');
  });

  it('keeps four pages per user, the latest ones', () => {
    const cache = new InboxCache(1_000_000, 60_000);
    for (const limit of [1, 2, 3, 4, 5]) {
      cache.remember('me', `inbox:${limit}`, page('x'.repeat(limit)), [], cache.begin());
    }
    expect(cache.get('me', 'inbox:1')).toBeUndefined();
    expect(cache.get('me', 'inbox:5')?.toString()).toBe('xxxxx');
    expect(cache.size).toEqual({ users: 1, bytes: 2 + 3 + 4 + 5 });
  });

  it('keeps pages until the TTL or their first mute ends, within its byte bound', () => {
    const cache = new InboxCache(10, 1_000);
    cache.remember('a', 'inbox:50', page('aaaa'), [], cache.begin(), Number.POSITIVE_INFINITY, 0);
    cache.remember('b', 'inbox:50', page('bbbb'), [], cache.begin(), 500, 0);
    expect(cache.get('a', 'inbox:50', 999)?.toString()).toBe('aaaa');
    expect(cache.get('a', 'inbox:50', 1_000)).toBeUndefined();
    expect(cache.get('b', 'inbox:50', 499)?.toString()).toBe('bbbb');
    expect(cache.get('b', 'inbox:50', 500)).toBeUndefined();

    cache.remember('a', 'inbox:50', page('aaaa'), [], cache.begin(), Number.POSITIVE_INFINITY, 0);
    cache.remember('b', 'inbox:50', page('bbbb'), [], cache.begin(), Number.POSITIVE_INFINITY, 0);
    // Reading a makes b the least recently used: c's bytes push b out.
    expect(cache.get('a', 'inbox:50', 1)).toBeDefined();
    cache.remember('c', 'inbox:50', page('cccc'), [], cache.begin(), Number.POSITIVE_INFINITY, 1);
    expect(cache.get('b', 'inbox:50', 1)).toBeUndefined();
    expect(cache.get('a', 'inbox:50', 1)).toBeDefined();
    expect(cache.size).toEqual({ users: 2, bytes: 8 });
    // Over the bound on its own: never kept. Size 0: nothing kept.
    cache.remember('d', 'inbox:50', page('d'.repeat(11)), [], cache.begin(), Number.POSITIVE_INFINITY, 1);
    expect(cache.get('d', 'inbox:50', 1)).toBeUndefined();
    const off = new InboxCache(0, 1_000);
    off.remember('a', 'inbox:50', page('a'), [], off.begin());
    expect(off.get('a', 'inbox:50')).toBeUndefined();
  });
});
