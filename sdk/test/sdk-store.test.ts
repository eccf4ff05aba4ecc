// The store's picture of members' markers: markers only move forward, whatever order the news arrives in.
import { describe, expect, it } from 'vitest';
import { type Message, MessageStore, type ReadState } from '../src/index.js';

const conversationId = 'c1';
const message = (seq: number, senderId: string): Message =>
  ({
    id: `m${seq}`,
    conversationId,
    seq,
    senderId,
    content: `message ${seq}`,
    deleted: false,
    createdAt: new Date(seq * 1000).toISOString(),
  }) as Message;
const state = (read: number | null, delivered: number | null): ReadState => ({
  userId: 'carol',
  lastReadMessageId: read === null ? null : `m${read}`,
  lastDeliveredMessageId: delivered === null ? null : `m${delivered}`,
  readAt: read === null ? null : new Date(read * 1000).toISOString(),
  deliveredAt: delivered === null ? null : new Date(delivered * 1000).toISOString(),
  withheldMessageIds: [],
});
const batch = (readStates: ReadState[]) => ({
  conversationId,
  messages: [],
  hiddenMessageIds: [],
  readStates,
  syncCursor: '1',
});
const carol = (store: MessageStore) => {
  const found = store.readStates(conversationId).find((s) => s.userId === 'carol')!;
  return { read: found.lastReadMessageId, delivered: found.lastDeliveredMessageId };
};

describe("the store's markers", () => {
  it('keep the furthest of what a live event and an older catch-up said', () => {
    const store = new MessageStore(() => 'me');
    for (const seq of [1, 2, 3, 4]) store.upsert(message(seq, seq === 2 ? 'me' : 'ada'));
    store.receipt({ conversationId, ...state(3, 4) });
    // A catch-up asked for before that event arrives after it: older news, each marker kept.
    store.applyBatch(batch([state(2, 3)]));
    expect(carol(store)).toEqual({ read: 'm3', delivered: 'm4' });
    // A newer one moves them on, each on its own.
    store.applyBatch(batch([state(4, 4)]));
    expect(carol(store)).toEqual({ read: 'm4', delivered: 'm4' });
    expect(store.status(message(2, 'me'))).toBe('read');
  });

  it('take a marker that points at a message this device has not seen', () => {
    const store = new MessageStore(() => 'me');
    store.upsert(message(1, 'me'));
    store.receipt({ conversationId, ...state(1, 1) });
    store.receipt({ conversationId, ...state(7, 7) });
    expect(carol(store)).toEqual({ read: 'm7', delivered: 'm7' });
  });
});
