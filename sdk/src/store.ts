// An optional in-memory picture of the conversations this device follows, kept current from live events
// and catch-up batches alike: messages by id (tombstones included), hidden ones dropped, members' markers.
// Apps with their own state can use the same events directly; this is what the SDK's tests compare.
import type { ServerEventMap } from './events.js';
import { type MessageStatus, messageStatus } from './status.js';
import type { SyncBatch } from './sync.js';
import type { Message, ReadState } from './types.js';

interface ConversationState {
  messages: Map<string, Message>;
  readStates: Map<string, ReadState>;
}

export class MessageStore {
  private readonly conversations = new Map<string, ConversationState>();

  constructor(private readonly selfId: () => string | null) {}

  /** Messages of a conversation, oldest first. */
  messages(conversationId: string): Message[] {
    const state = this.conversations.get(conversationId);
    return state ? [...state.messages.values()].sort((a, b) => a.seq - b.seq) : [];
  }

  readStates(conversationId: string): ReadState[] {
    return [...(this.conversations.get(conversationId)?.readStates.values() ?? [])];
  }

  /** Ticks of one of your messages; null for other people's. */
  status(message: Message): MessageStatus | null {
    const selfId = this.selfId();
    if (!selfId) return null;
    const state = this.conversations.get(message.conversationId);
    return messageStatus(message, {
      selfId,
      readStates: state?.readStates.values() ?? [],
      seqOf: (id) => state?.messages.get(id)?.seq,
    });
  }

  /** A message from a live event, a REST answer or the outbox: newer knowledge replaces older. */
  upsert(message: Message): void {
    const state = this.conversation(message.conversationId);
    const known = state.messages.get(message.id);
    // A tombstone never comes back to life (a late copy of the message from before its deletion).
    if (known?.deleted && !message.deleted) return;
    state.messages.set(message.id, message);
  }

  /**
   * A live message also means its sender has read (and so received) everything up to it: the server
   * sends no separate receipt for that.
   */
  senderRead(message: Message): void {
    const state = this.conversation(message.conversationId);
    const known = state.readStates.get(message.senderId);
    const knownSeq = known?.lastReadMessageId ? state.messages.get(known.lastReadMessageId)?.seq : undefined;
    if (knownSeq !== undefined && knownSeq >= message.seq) return;
    state.readStates.set(message.senderId, {
      userId: message.senderId,
      lastReadMessageId: message.id,
      lastDeliveredMessageId: message.id,
      readAt: message.createdAt,
      deliveredAt: message.createdAt,
    });
  }

  deleted(event: ServerEventMap['message.deleted']): void {
    const state = this.conversation(event.conversationId);
    if (event.scope === 'me') {
      state.messages.delete(event.messageId);
      return;
    }
    const known = state.messages.get(event.messageId);
    if (known) state.messages.set(event.messageId, { ...known, deleted: true, content: null });
  }

  receipt(event: ServerEventMap['receipt.updated']): void {
    const { conversationId, ...state } = event;
    this.conversation(conversationId).readStates.set(state.userId, state);
  }

  applyBatch(batch: SyncBatch): void {
    for (const message of batch.messages) this.upsert(message);
    const state = this.conversation(batch.conversationId);
    for (const id of batch.hiddenMessageIds) state.messages.delete(id);
    for (const readState of batch.readStates) state.readStates.set(readState.userId, readState);
  }

  forget(conversationId: string): void {
    this.conversations.delete(conversationId);
  }

  private conversation(conversationId: string): ConversationState {
    let state = this.conversations.get(conversationId);
    if (!state) {
      state = { messages: new Map(), readStates: new Map() };
      this.conversations.set(conversationId, state);
    }
    return state;
  }
}
