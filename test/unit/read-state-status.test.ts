// The ticks on one's own messages and the audience of receipts, from periods and read positions alone.
import { describe, expect, it } from 'vitest';
import type { PeriodReadState } from '../../src/modules/messages/read-state-queries.js';
import { audienceOf, statusOf } from '../../src/modules/messages/status.js';

const member = (userId: string, afterSeq: number, untilSeq: number | null, read: number, delivered: number) =>
  ({
    userId,
    afterSeq,
    untilSeq,
    readSeq: read,
    deliveredSeq: delivered,
    readAt: null,
    deliveredAt: null,
  }) as PeriodReadState;

describe('the status of my own message', () => {
  it('is sent until every other member received it, delivered until all read it, then read', () => {
    const bob = (read: number, delivered: number) => member('bob', 0, null, read, delivered);
    const cid = (read: number, delivered: number) => member('cid', 0, null, read, delivered);
    expect(statusOf([bob(0, 5), cid(0, 4)], 5)).toBe('sent');
    expect(statusOf([bob(0, 5), cid(0, 5)], 5)).toBe('delivered');
    expect(statusOf([bob(5, 5), cid(0, 9)], 5)).toBe('delivered');
    expect(statusOf([bob(5, 5), cid(7, 7)], 5)).toBe('read');
  });

  it('counts only those whose membership held the message', () => {
    // Cid left after seq 3 and never read: message 4 is read by everyone who could see it.
    const periods = [member('bob', 0, null, 4, 4), member('cid', 0, 3, 0, 0)];
    expect(statusOf(periods, 4)).toBe('read');
    expect(statusOf(periods, 3)).toBe('sent');
    // Dan joined after seq 4: message 4 is not his to read.
    expect(statusOf([member('bob', 0, null, 4, 4), member('dan', 4, null, 0, 0)], 4)).toBe('read');
  });

  it('leaves out a member who blocked the sender: the message was withheld from them', () => {
    const periods = [member('bob', 0, null, 5, 5), member('cid', 0, null, 0, 0)];
    expect(statusOf(periods, 5)).toBe('sent');
    expect(statusOf(periods, 5, new Set(['cid']))).toBe('read');
    expect(statusOf(periods, 5, new Set(['bob', 'cid']))).toBe('sent');
  });

  it('stays sent when nobody else could see it', () => {
    expect(statusOf([], 1)).toBe('sent');
    expect(statusOf([member('bob', 2, null, 9, 9)], 2)).toBe('sent');
  });
});

describe('the audience of a message', () => {
  it('names each member once, even with several periods holding it', () => {
    const periods = [member('bob', 0, 3, 0, 0), member('bob', 5, null, 0, 0), member('cid', 3, 6, 0, 0)];
    expect(audienceOf(periods, 2).map((p) => p.userId)).toEqual(['bob']);
    expect(audienceOf(periods, 4).map((p) => p.userId)).toEqual(['cid']);
    expect(
      audienceOf(periods, 6)
        .map((p) => p.userId)
        .sort(),
    ).toEqual(['bob', 'cid']);
    expect(audienceOf(periods, 7).map((p) => p.userId)).toEqual(['bob']);
  });

  it('leaves out those it was withheld from', () => {
    const periods = [member('bob', 0, null, 0, 0), member('cid', 0, null, 0, 0)];
    expect(audienceOf(periods, 1, new Set(['bob'])).map((p) => p.userId)).toEqual(['cid']);
  });
});
