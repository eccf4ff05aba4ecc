// Ticks for your own messages: sent → delivered → read, from the message's `status` as the server last
// computed it and the members' markers that `receipt.updated` (and catch-up) bring since.
import type { Message, ReadState } from './types.js';

export type MessageStatus = 'sent' | 'delivered' | 'read';

const rank: Record<MessageStatus, number> = { sent: 0, delivered: 1, read: 2 };

export interface StatusContext {
  /** The logged-in user. */
  selfId: string;
  /**
   * The conversation's members' markers (from catch-up and receipt.updated), with the messages of yours
   * each one's markers passed without counting (withheld from them by a block).
   */
  readStates: Iterable<
    Pick<ReadState, 'userId' | 'lastReadMessageId' | 'lastDeliveredMessageId'> &
      Partial<Pick<ReadState, 'withheldMessageIds'>>
  >;
  /** The seq of a message this device knows; undefined for one it has not seen. */
  seqOf: (messageId: string) => number | undefined;
}

/**
 * The status of one of your messages (null for other people's). A status never goes backwards, and a
 * marker that points at a message this device has not seen cannot lower it. A member it was withheld
 * from (they had blocked you when you sent it) does not count, wherever their markers are: it stays
 * `sent` for them, as the server says.
 */
export function messageStatus(
  message: Pick<Message, 'senderId' | 'seq' | 'status'> & Partial<Pick<Message, 'id'>>,
  context: StatusContext,
): MessageStatus | null {
  if (message.senderId !== context.selfId) return null;
  const known = message.status ?? 'sent';
  let everyoneRead = true;
  let everyoneDelivered = true;
  let others = 0;
  for (const state of context.readStates) {
    if (state.userId === context.selfId) continue;
    if (message.id !== undefined && state.withheldMessageIds?.includes(message.id)) continue;
    others += 1;
    const readSeq = state.lastReadMessageId ? (context.seqOf(state.lastReadMessageId) ?? 0) : 0;
    const deliveredSeq = state.lastDeliveredMessageId
      ? (context.seqOf(state.lastDeliveredMessageId) ?? 0)
      : 0;
    if (readSeq < message.seq) everyoneRead = false;
    if (Math.max(readSeq, deliveredSeq) < message.seq) everyoneDelivered = false;
  }
  const computed: MessageStatus =
    others === 0 ? 'sent' : everyoneRead ? 'read' : everyoneDelivered ? 'delivered' : 'sent';
  return rank[computed] > rank[known] ? computed : known;
}
