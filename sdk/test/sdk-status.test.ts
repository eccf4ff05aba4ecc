// The ticks a client shows on its own messages, from the status the server sent and the markers that
// receipt.updated and catch-up bring since: pure, no server.
import { describe, expect, it } from 'vitest';
import { type MessageStatus, messageStatus, type StatusContext } from '../src/status.js';

const seqs = new Map([
  ['m1', 1],
  ['m2', 2],
  ['m3', 3],
]);
const marker = (userId: string, read: string | null, delivered: string | null) => ({
  userId,
  lastReadMessageId: read,
  lastDeliveredMessageId: delivered,
});
const context = (...readStates: ReturnType<typeof marker>[]): StatusContext => ({
  selfId: 'me',
  readStates,
  seqOf: (id) => seqs.get(id),
});
const mine = (seq: number, status: MessageStatus | null = 'sent') => ({ senderId: 'me', seq, status });

describe('the ticks on my message', () => {
  it('go sent, delivered, read as every other member receives and reads it', () => {
    expect(messageStatus(mine(2), context(marker('bob', null, 'm1'), marker('cid', null, 'm3')))).toBe(
      'sent',
    );
    expect(messageStatus(mine(2), context(marker('bob', null, 'm2'), marker('cid', null, 'm3')))).toBe(
      'delivered',
    );
    expect(messageStatus(mine(2), context(marker('bob', 'm2', 'm2'), marker('cid', 'm1', 'm3')))).toBe(
      'delivered',
    );
    expect(messageStatus(mine(2), context(marker('bob', 'm2', 'm2'), marker('cid', 'm3', 'm3')))).toBe(
      'read',
    );
  });

  it('count a read marker as delivered too', () => {
    expect(messageStatus(mine(2), context(marker('bob', 'm2', null)))).toBe('read');
    expect(messageStatus(mine(2), context(marker('bob', 'm2', null), marker('cid', null, 'm2')))).toBe(
      'delivered',
    );
  });

  it('leave out my own markers, and stay sent with nobody else to tell', () => {
    expect(messageStatus(mine(2), context(marker('me', 'm3', 'm3')))).toBe('sent');
    expect(messageStatus(mine(2), context())).toBe('sent');
  });

  it('never go back from what the server said, and a marker at a message I have not seen lowers nothing', () => {
    expect(messageStatus(mine(2, 'read'), context(marker('bob', null, null)))).toBe('read');
    expect(messageStatus(mine(2, 'delivered'), context(marker('bob', 'unseen', 'unseen')))).toBe('delivered');
    expect(messageStatus(mine(2, null), context(marker('bob', null, null)))).toBe('sent');
  });

  it('leave out a member my message was withheld from, however far their markers are', () => {
    const withheld = (userId: string, read: string, ids: string[]) => ({
      ...marker(userId, read, read),
      withheldMessageIds: ids,
    });
    const message = { id: 'm2', ...mine(2) };
    expect(messageStatus(message, context(withheld('bob', 'm3', ['m2'])))).toBe('sent');
    expect(messageStatus(message, context(withheld('bob', 'm3', ['m2']), marker('cid', 'm3', 'm3')))).toBe(
      'read',
    );
    expect(messageStatus({ id: 'm1', ...mine(1) }, context(withheld('bob', 'm3', ['m2'])))).toBe('read');
  });

  it('are not shown on other people’s messages', () => {
    expect(messageStatus({ senderId: 'bob', seq: 2, status: null }, context(marker('bob', 'm3', 'm3')))).toBe(
      null,
    );
  });
});
