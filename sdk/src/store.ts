// An optional in-memory picture of the conversations this device follows, kept current from live events
// and catch-up batches alike: messages by id (tombstones included), hidden ones dropped, members' markers,
// my settings for each chat and my block list. Apps with their own state can use the same events
// directly; this is what the SDK's tests compare.
import type { ServerEventMap } from './events.js';
import { type MessageStatus, messageStatus } from './status.js';
import type { SyncBatch } from './sync.js';
import type { BlockedUser, ChatSettings, ConversationSummary, Message, ReadState } from './types.js';

interface ConversationState {
  messages: Map<string, Message>;
  readStates: Map<string, ReadState>;
}

/**
 * A value with the store's clock reading when it was set. A list fetched over REST (a snapshot) is older
 * than any live event that arrived after its request left: it does not overwrite what such events set.
 */
interface Stamped<T> {
  value: T;
  at: number;
}

export class MessageStore {
  private readonly conversations = new Map<string, ConversationState>();
  private readonly chatSettings = new Map<string, Stamped<ChatSettings>>();
  /** Blocked users by id; null marks an unblock, kept so an older snapshot cannot bring them back. */
  private readonly blocks = new Map<string, Stamped<BlockedUser | null>>();
  private clock = 0;

  constructor(private readonly selfId: () => string | null) {}

  /** My settings for a chat (pinned, archived, muted until); null for a chat this device has not listed. */
  settings(conversationId: string): ChatSettings | null {
    return this.chatSettings.get(conversationId)?.value ?? null;
  }

  /** The people I blocked, latest block first. */
  blocked(): BlockedUser[] {
    return [...this.blocks.values()]
      .flatMap((entry) => (entry.value ? [entry.value] : []))
      .sort((a, b) => b.blockedAt.localeCompare(a.blockedAt));
  }

  isBlocked(userId: string): boolean {
    return Boolean(this.blocks.get(userId)?.value);
  }

  /** The clock before a REST snapshot is requested; hand it back with the snapshot. */
  mark(): number {
    return this.clock;
  }

  /** Every chat I am in (archived ones too), as listed after `mark`: their settings. */
  applyConversations(conversations: ConversationSummary[], mark: number): void {
    const listed = new Set<string>();
    for (const conversation of conversations) {
      listed.add(conversation.id);
      const known = this.chatSettings.get(conversation.id);
      if (!known || known.at <= mark)
        this.chatSettings.set(conversation.id, { value: conversation.settings, at: mark });
    }
    for (const [id, known] of this.chatSettings) {
      if (!listed.has(id) && known.at <= mark) this.chatSettings.delete(id);
    }
  }

  /** `settings.updated`: my settings for a chat changed, on this or another device. */
  settingsUpdated(event: ServerEventMap['settings.updated']): void {
    this.chatSettings.set(event.conversationId, { value: event.settings, at: ++this.clock });
  }

  /** My whole block list, as fetched after `mark`. */
  applyBlockList(blocked: BlockedUser[], mark: number): void {
    const listed = new Map(blocked.map((entry) => [entry.user.id, entry]));
    for (const [id, known] of this.blocks) {
      if (known.at <= mark && !listed.has(id)) this.blocks.delete(id);
    }
    for (const [id, entry] of listed) {
      const known = this.blocks.get(id);
      if (!known || known.at <= mark) this.blocks.set(id, { value: entry, at: mark });
    }
  }

  /** `user.blocked`, from this or another of my devices. */
  userBlocked(event: ServerEventMap['user.blocked']): void {
    this.blocks.set(event.user.id, { value: event, at: ++this.clock });
  }

  /** `user.unblocked`, from this or another of my devices. */
  userUnblocked(event: ServerEventMap['user.unblocked']): void {
    this.blocks.set(event.userId, { value: null, at: ++this.clock });
  }

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
   * sends no separate receipt for that. Returns false, inferring nothing, when someone else's message
   * passes messages of mine their device never acknowledged: some of those may not count for them (withheld
   * by a block, which only the server knows), so the caller fetches their read state instead.
   */
  senderRead(message: Message): boolean {
    const state = this.conversation(message.conversationId);
    const known = state.readStates.get(message.senderId);
    const seqOf = (id: string | null | undefined) => (id ? state.messages.get(id)?.seq : undefined);
    const knownRead = seqOf(known?.lastReadMessageId);
    if (knownRead !== undefined && knownRead >= message.seq) return true;
    const selfId = this.selfId();
    if (message.senderId !== selfId) {
      const reached = Math.max(knownRead ?? 0, seqOf(known?.lastDeliveredMessageId) ?? 0);
      for (const mine of state.messages.values()) {
        if (mine.senderId === selfId && mine.seq > reached && mine.seq < message.seq) return false;
      }
    }
    this.keepFurthest(state, {
      userId: message.senderId,
      lastReadMessageId: message.id,
      lastDeliveredMessageId: message.id,
      readAt: message.createdAt,
      deliveredAt: message.createdAt,
      withheldMessageIds: known?.withheldMessageIds ?? [],
    });
    return true;
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
    this.keepFurthest(this.conversation(conversationId), state);
  }

  applyBatch(batch: SyncBatch): void {
    for (const message of batch.messages) this.upsert(message);
    const state = this.conversation(batch.conversationId);
    for (const id of batch.hiddenMessageIds) state.messages.delete(id);
    for (const readState of batch.readStates) this.keepFurthest(state, readState);
  }

  /**
   * Stores a member's read state, each marker where it is furthest: markers only move forward, so one
   * that arrives pointing behind what this device knows (a catch-up asked for before a newer event
   * arrived) is older news. A marker pointing at a message this device has not seen is taken as it is.
   */
  private keepFurthest(state: ConversationState, incoming: ReadState): void {
    const known = state.readStates.get(incoming.userId);
    if (!known) {
      state.readStates.set(incoming.userId, incoming);
      return;
    }
    const seqOf = (id: string | null) => (id ? state.messages.get(id)?.seq : undefined);
    const behind = (next: string | null, kept: string | null) => {
      if (!kept) return false;
      if (!next) return true;
      const [nextSeq, keptSeq] = [seqOf(next), seqOf(kept)];
      return nextSeq !== undefined && keptSeq !== undefined && nextSeq < keptSeq;
    };
    const keepRead = behind(incoming.lastReadMessageId, known.lastReadMessageId);
    const keepDelivered = behind(incoming.lastDeliveredMessageId, known.lastDeliveredMessageId);
    state.readStates.set(incoming.userId, {
      ...incoming,
      ...(keepRead ? { lastReadMessageId: known.lastReadMessageId, readAt: known.readAt } : {}),
      ...(keepDelivered
        ? { lastDeliveredMessageId: known.lastDeliveredMessageId, deliveredAt: known.deliveredAt }
        : {}),
    });
  }

  forget(conversationId: string): void {
    this.conversations.delete(conversationId);
    this.chatSettings.delete(conversationId);
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
