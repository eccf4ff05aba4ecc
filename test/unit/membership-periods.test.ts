// The history-visibility rule in memory: which seqs a membership period holds, and what counts as unread.
import { describe, expect, it } from 'vitest';
import { isUnread, periodCovers, periodsCover } from '../../src/core/visibility.js';

describe('a membership period (after_seq, until_seq]', () => {
  it('holds what was sent after the join, up to and including the last message before leaving', () => {
    const period = { afterSeq: 3, untilSeq: 6 };
    expect([3, 4, 6, 7].map((seq) => periodCovers(period, seq))).toEqual([false, true, true, false]);
  });

  it('is open-ended while the member is still in', () => {
    expect(periodCovers({ afterSeq: 3, untilSeq: null }, 1_000_000)).toBe(true);
    expect(periodCovers({ afterSeq: 3, untilSeq: null }, 3)).toBe(false);
  });

  it('holds nothing when the member left before any new message', () => {
    expect([4, 5, 6].some((seq) => periodCovers({ afterSeq: 5, untilSeq: 5 }, seq))).toBe(false);
  });

  it('leaves out the gap between two periods', () => {
    const periods = [
      { afterSeq: 0, untilSeq: 2 },
      { afterSeq: 5, untilSeq: null },
    ];
    expect([1, 2, 3, 4, 5, 6].filter((seq) => periodsCover(periods, seq))).toEqual([1, 2, 6]);
  });
});

describe('unread', () => {
  const reader = {
    userId: 'me',
    readSeq: 1,
    periods: [
      { afterSeq: 0, untilSeq: 3 },
      { afterSeq: 6, untilSeq: null },
    ],
    hidden: new Set(['hidden']),
  };
  const message = (id: string, seq: number, senderId = 'other', deletedAt: Date | null = null) => ({
    id,
    seq,
    senderId,
    deletedAt,
  });

  it('is what others sent after my read position that I may see, not deleted and not hidden', () => {
    const unread = [
      message('read already', 1),
      message('unread from my first period', 2),
      message('mine', 3, 'me'),
      message('while I was away', 5),
      message('deleted', 7, 'other', new Date()),
      message('hidden', 8),
      message('unread now', 9),
    ].filter((m) => isUnread(reader, m));
    expect(unread.map((m) => m.id)).toEqual(['unread from my first period', 'unread now']);
  });
});
