// The chats as the screens see them: each open conversation's loaded history (paged by cursor), unsent
// messages, typing and presence, and the inbox (inbox.ts), all kept current from the SDK's live events and
// catch-up batches.
import { type LocalMessage, unwrap } from '@chat/sdk';
import { type Signal, signal } from '@preact/signals';
import { t } from '../i18n';
import type { ConversationSummary, Message, PendingMessage } from '../types';
import { loadBlocked, resetBlocked } from './blocks';
import { client } from './client';
import { listParticipants } from './groups';
import { chatById, refreshConversations, refreshSoon, resetInbox, setInbox, updateSummary } from './inbox';
import { forgetPeople, people } from './people';
import { resetPrivacy } from './privacy';

const PAGE = 50;

export interface HistoryState {
  /** Loaded messages, oldest first (by seq). */
  items: Message[];
  /** Typed here, not yet confirmed by the server. */
  pending: PendingMessage[];
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderCursor: string | null;
}

const histories = new Map<string, Signal<HistoryState>>();
/** conversationId → userId → when the "typing" expires (epoch ms). */
const typing = signal<Record<string, Record<string, number>>>({});
const presence = signal<Record<string, { online: boolean; lastSeenAt: string | null }>>({});
export const connection = signal<'offline' | 'connecting' | 'online'>('connecting');

const emptyHistory = (): HistoryState => ({
  items: [],
  pending: [],
  loaded: false,
  hasOlder: true,
  loadingOlder: false,
  olderCursor: null,
});

export function messagesOf(conversationId: string): Signal<HistoryState> {
  let state = histories.get(conversationId);
  if (!state) {
    state = signal(emptyHistory());
    histories.set(conversationId, state);
  }
  return state;
}

// ---- names, presence, typing ----

export function chatName(chat: ConversationSummary): string {
  if (chat.type === 'group') return chat.title ?? '';
  return chat.otherUser ? `${chat.otherUser.firstName} ${chat.otherUser.lastName}` : '…';
}

export function senderName(userId: string): string {
  if (userId === client.userId) return t('you');
  const person = people.value[userId];
  return person ? person.firstName : '…';
}

export function isOnline(userId: string): boolean {
  return presence.value[userId]?.online ?? false;
}

export function lastSeenOf(userId: string): string | null {
  return presence.value[userId]?.lastSeenAt ?? people.value[userId]?.lastSeenAt ?? null;
}

export function typingNames(conversationId: string): string[] {
  const now = Date.now();
  return Object.entries(typing.value[conversationId] ?? {})
    .filter(([, until]) => until > now)
    .map(([userId]) => senderName(userId));
}

function setTyping(conversationId: string, userId: string, until: number | null) {
  const forChat = { ...(typing.value[conversationId] ?? {}) };
  if (until === null) delete forChat[userId];
  else forChat[userId] = until;
  typing.value = { ...typing.value, [conversationId]: forChat };
}

let lastTypingSent = new Map<string, number>();
/** Called on every keystroke: tells the others at most every 3 s. */
export function sendTyping(conversationId: string) {
  const now = Date.now();
  if (now - (lastTypingSent.get(conversationId) ?? 0) < 3000) return;
  if (client.typing(conversationId)) lastTypingSent.set(conversationId, now);
}

// ---- histories ----

function withStatus(message: Message): Message {
  return message.senderId === client.userId
    ? { ...message, status: client.store.status(message) ?? message.status }
    : message;
}

/** Puts messages in their place by seq; a known id is replaced (a tombstone stays a tombstone). */
function merge(items: Message[], incoming: Message[]): Message[] {
  const byId = new Map(items.map((message) => [message.id, message]));
  for (const message of incoming) {
    const known = byId.get(message.id);
    if (known?.deleted && !message.deleted) continue;
    byId.set(message.id, withStatus(message));
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function applyMessages(conversationId: string, incoming: Message[]) {
  const state = messagesOf(conversationId);
  const confirmed = new Set(incoming.map((message) => message.clientMessageId).filter(Boolean));
  const pending = state.value.pending.filter((local) => !confirmed.has(local.clientMessageId));
  if (!state.value.loaded) {
    if (pending.length !== state.value.pending.length) state.value = { ...state.value, pending };
    return;
  }
  // Only messages newer than the oldest loaded one belong to the loaded window (older ones come with paging).
  const oldest = state.value.items[0]?.seq ?? 0;
  const fitting = state.value.hasOlder ? incoming.filter((message) => message.seq >= oldest) : incoming;
  state.value = { ...state.value, items: merge(state.value.items, fitting), pending };
}

function recomputeStatuses(conversationId: string) {
  const state = histories.get(conversationId);
  if (!state?.value.loaded) return;
  state.value = { ...state.value, items: state.value.items.map(withStatus) };
}

function pendingFrom(local: LocalMessage): PendingMessage {
  return {
    clientMessageId: local.clientMessageId,
    conversationId: local.conversationId,
    content: local.content,
    replyToId: local.replyToId,
    attachmentCount: local.attachmentIds?.length ?? 0,
    createdAt: local.createdAt,
    failed: local.state === 'failed',
  };
}

const opening = new Map<string, Promise<void>>();
/** Loads the newest page of a chat once; callers at the same time share the one request. */
export function openConversation(conversationId: string): Promise<void> {
  if (messagesOf(conversationId).value.loaded) return Promise.resolve();
  let loading = opening.get(conversationId);
  if (!loading) {
    loading = loadNewest(conversationId).finally(() => opening.delete(conversationId));
    opening.set(conversationId, loading);
  }
  return loading;
}

async function loadNewest(conversationId: string) {
  const state = messagesOf(conversationId);
  const page = await unwrap(
    client.api.GET('/api/v1/conversations/{conversationId}/messages', {
      params: { path: { conversationId }, query: { limit: PAGE } },
    }),
  );
  const items = page.items.reverse();
  for (const message of items) client.store.upsert(message);
  state.value = {
    items: merge([], items),
    pending: client.pending(conversationId).map(pendingFrom),
    loaded: true,
    hasOlder: page.nextCursor !== null,
    loadingOlder: false,
    olderCursor: page.nextCursor,
  };
  const chat = chatById(conversationId);
  if (chat?.type === 'group') {
    void listParticipants(conversationId).catch(() => {});
  }
}

/** The next page back in time (the history loads as the reader scrolls up, never all at once). */
export async function loadOlder(conversationId: string) {
  const state = messagesOf(conversationId);
  const current = state.value;
  if (!current.loaded || !current.hasOlder || current.loadingOlder || !current.olderCursor) return;
  state.value = { ...current, loadingOlder: true };
  try {
    const page = await unwrap(
      client.api.GET('/api/v1/conversations/{conversationId}/messages', {
        params: { path: { conversationId }, query: { limit: PAGE, before: current.olderCursor } },
      }),
    );
    for (const message of page.items) client.store.upsert(message);
    state.value = {
      ...state.value,
      items: merge(state.value.items, page.items),
      hasOlder: page.nextCursor !== null,
      olderCursor: page.nextCursor,
      loadingOlder: false,
    };
  } catch {
    state.value = { ...state.value, loadingOlder: false };
  }
}

export async function sendMessage(
  conversationId: string,
  content: string,
  replyToId: string | null,
  attachmentIds: string[] = [],
) {
  await client.send(conversationId, {
    content,
    ...(replyToId ? { replyToId } : {}),
    ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
  });
}

const markedRead = new Map<string, string>();
/** Marks the open conversation read up to its newest message from someone else. */
export async function markRead(conversationId: string) {
  const items = messagesOf(conversationId).value.items;
  const newest = [...items].reverse().find((message) => message.senderId !== client.userId);
  const chat = chatById(conversationId);
  if (!newest || markedRead.get(conversationId) === newest.id) {
    if (!chat?.unreadCount) return;
  }
  const target = newest ?? items.at(-1);
  if (!target) return;
  markedRead.set(conversationId, target.id);
  try {
    const unreadCount = await client.markRead(conversationId, target.id);
    updateSummary(conversationId, (entry) => ({ ...entry, unreadCount }));
  } catch {
    markedRead.delete(conversationId);
  }
}

export async function deleteMessage(conversationId: string, messageId: string, scope: 'me' | 'everyone') {
  await unwrap(
    client.api.DELETE('/api/v1/conversations/{conversationId}/messages/{messageId}', {
      params: { path: { conversationId, messageId }, query: { scope } },
    }),
  );
  removeOrTombstone(conversationId, messageId, scope);
}

function removeOrTombstone(conversationId: string, messageId: string, scope: 'me' | 'everyone') {
  const state = messagesOf(conversationId);
  const items =
    scope === 'me'
      ? state.value.items.filter((message) => message.id !== messageId)
      : state.value.items.map((message) =>
          message.id === messageId ? { ...message, deleted: true, content: null } : message,
        );
  state.value = { ...state.value, items };
  updateSummary(conversationId, (chat) =>
    chat.lastMessage?.id === messageId && scope === 'everyone'
      ? { ...chat, lastMessage: { ...chat.lastMessage, deleted: true, content: null, attachmentCount: 0 } }
      : chat,
  );
}

export async function forwardMessage(conversationId: string, messageId: string, targets: string[]) {
  const result = await unwrap(
    client.api.POST('/api/v1/conversations/{conversationId}/messages/{messageId}/forward', {
      params: { path: { conversationId, messageId } },
      body: { conversationIds: targets },
    }),
  );
  for (const message of result.items) onNewMessage(message);
}

// ---- live events ----

function onNewMessage(message: Message) {
  applyMessages(message.conversationId, [message]);
  if (message.senderId !== client.userId) setTyping(message.conversationId, message.senderId, null);
  updateSummary(message.conversationId, (chat) => {
    if (chat.lastMessage && chat.lastMessage.id === message.id) return chat;
    const fromOther = message.senderId !== client.userId;
    return {
      ...chat,
      lastMessage: {
        id: message.id,
        senderId: message.senderId,
        content: message.content,
        attachmentCount: message.attachments.length,
        createdAt: message.createdAt,
        deleted: message.deleted,
      },
      unreadCount: fromOther ? chat.unreadCount + 1 : chat.unreadCount,
    };
  });
}

/**
 * The chat list's preview follows the newest message the client holds, however it arrived: live, in a
 * catch-up batch, or as an edit of a message the list had not caught up with yet. Unread counts are left
 * to the events and the list that carry them.
 */
function previewNewest(conversationId: string, messages: Message[]) {
  const newest = messages.reduce<Message | null>(
    (best, message) => (best === null || message.createdAt > best.createdAt ? message : best),
    null,
  );
  if (!newest) return;
  updateSummary(conversationId, (chat) => {
    const shown = chat.lastMessage;
    if (shown && shown.id !== newest.id && shown.createdAt >= newest.createdAt) return chat;
    return {
      ...chat,
      lastMessage: {
        id: newest.id,
        senderId: newest.senderId,
        content: newest.content,
        attachmentCount: newest.attachments.length,
        createdAt: newest.createdAt,
        deleted: newest.deleted,
      },
    };
  });
}

/**
 * An edit or a reaction: the loaded history takes the new copy, the chat list the new text. An edit from
 * someone else ends their "typing…", as a new message from them does: they were typing the edit.
 */
export function showUpdatedMessage(message: Message) {
  const held = histories.get(message.conversationId)?.value.items.find((item) => item.id === message.id);
  const edited = message.editedAt !== null && (held === undefined || held.editedAt !== message.editedAt);
  if (edited && message.senderId !== client.userId) setTyping(message.conversationId, message.senderId, null);
  applyMessages(message.conversationId, [message]);
  previewNewest(message.conversationId, [message]);
}

const stops: (() => void)[] = [];

function onWindow(type: 'online' | 'offline', listener: () => void): () => void {
  window.addEventListener(type, listener);
  return () => window.removeEventListener(type, listener);
}

function listen() {
  stops.push(
    client.on('conversations', (list) => setInbox(list)),
    client.on('message.created', (message) => onNewMessage(message)),
    client.on('message.updated', (message) => showUpdatedMessage(message)),
    client.on('message.deleted', (event) =>
      removeOrTombstone(event.conversationId, event.messageId, event.scope),
    ),
    client.on('receipt.updated', (event) => recomputeStatuses(event.conversationId)),
    client.on('sync', (batch) => {
      applyMessages(batch.conversationId, batch.messages);
      previewNewest(batch.conversationId, batch.messages);
      const state = histories.get(batch.conversationId);
      if (state && batch.hiddenMessageIds.length > 0) {
        const hidden = new Set(batch.hiddenMessageIds);
        state.value = {
          ...state.value,
          items: state.value.items.filter((message) => !hidden.has(message.id)),
        };
      }
      recomputeStatuses(batch.conversationId);
    }),
    client.on('outbox', (local) => {
      const state = messagesOf(local.conversationId);
      if (local.state === 'sent' && local.message) {
        onNewMessage(local.message);
        return;
      }
      const others = state.value.pending.filter((entry) => entry.clientMessageId !== local.clientMessageId);
      state.value = { ...state.value, pending: [...others, pendingFrom(local)] };
    }),
    client.on('typing', (event) => {
      setTyping(event.conversationId, event.userId, Date.now() + event.expiresInMs);
      setTimeout(
        () =>
          setTyping(
            event.conversationId,
            event.userId,
            typing.value[event.conversationId]?.[event.userId] ?? 0,
          ),
        event.expiresInMs + 50,
      );
    }),
    client.on('presence', (event) => {
      presence.value = {
        ...presence.value,
        [event.userId]: { online: event.online, lastSeenAt: event.lastSeenAt },
      };
    }),
    client.on('connection', (change) => {
      connection.value = change.state;
    }),
    onWindow('offline', () => {
      // The browser knows the network is gone before a socket would notice: stop now (sends wait in the
      // outbox), and reconnect, catch up and send them as soon as it is back.
      client.disconnect();
    }),
    onWindow('online', () => client.connect()),
    client.on('conversation.created', refreshSoon),
    client.on('conversation.updated', refreshSoon),
    client.on('conversation.deleted', refreshSoon),
    client.on('participant.added', refreshSoon),
    client.on('participant.removed', refreshSoon),
  );
}

/** After login: the inbox, the socket (which catches up by itself on every connect) and the listeners. */
export async function startChats() {
  if (stops.length === 0) listen();
  await Promise.all([refreshConversations(), loadBlocked()]);
  if (navigator.onLine) client.connect();
  else connection.value = 'offline';
}

export function stopChats() {
  for (const stop of stops.splice(0)) stop();
  client.disconnect();
  resetInbox();
  resetBlocked();
  resetPrivacy();
  forgetPeople();
  histories.clear();
  markedRead.clear();
  lastTypingSent = new Map();
  typing.value = {};
  presence.value = {};
}
