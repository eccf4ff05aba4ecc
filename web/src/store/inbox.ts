// The chat list as the screens see it: the default list (pinned chats first, then the latest activity
// first, as the server orders it) and the archived chats. Live events and my own settings change both in
// place; applyChatSettings is the one way a chat's settings change here, whichever device changed them.
import { unwrap } from '@chat/sdk';
import { signal } from '@preact/signals';
import type { ChatSettings, ConversationSummary } from '../types';
import { client } from './client';
import { remember } from './people';

/** The default list; null until it first loads. */
export const conversations = signal<ConversationSummary[] | null>(null);
/** My archived chats, newest activity first. */
export const archived = signal<ConversationSummary[]>([]);

export function chatById(id: string): ConversationSummary | null {
  return (
    conversations.value?.find((chat) => chat.id === id) ??
    archived.value.find((chat) => chat.id === id) ??
    null
  );
}

/** Every chat of mine, archived ones last (forward targets). */
export function allChats(): ConversationSummary[] {
  return [...(conversations.value ?? []), ...archived.value];
}

export function isMuted(chat: Pick<ConversationSummary, 'settings'>, now = Date.now()): boolean {
  const until = chat.settings.mutedUntil;
  return until === 'forever' || (until !== null && Date.parse(until) > now);
}

/** Chats in the server's order; each goes to the default or the archived list by its own settings. */
export function setInbox(list: ConversationSummary[]) {
  conversations.value = list.filter((chat) => !chat.settings.archived);
  archived.value = list.filter((chat) => chat.settings.archived);
  remember(list.flatMap((chat) => (chat.otherUser ? [chat.otherUser] : [])));
}

function listChats(archivedOnly: boolean) {
  const query = archivedOnly ? { limit: 100, archived: true } : { limit: 100 };
  return unwrap(client.api.GET('/api/v1/conversations', { params: { query } }));
}

export async function refreshConversations() {
  const [main, stored] = await Promise.all([listChats(false), listChats(true)]);
  setInbox([...main.items, ...stored.items]);
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
/** Something changed that the list cannot work out by itself (a new chat, a member left): ask again. */
export function refreshSoon() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void refreshConversations().catch(() => {});
  }, 100);
}

const activityOf = (chat: ConversationSummary) => chat.lastMessage?.createdAt ?? chat.createdAt;

/** Puts a chat among `list[from..]` by its latest activity, newest first. */
function placeByActivity(list: ConversationSummary[], chat: ConversationSummary, from: number) {
  const at = list.findIndex((other, i) => i >= from && activityOf(other) < activityOf(chat));
  return at < 0 ? [...list, chat] : [...list.slice(0, at), chat, ...list.slice(at)];
}

const pinnedCount = (list: ConversationSummary[]) => list.filter((chat) => chat.settings.pinned).length;

/**
 * A chat's summary changed (a new last message, an unread count, an edit). A chat with a newer last
 * message moves to the top of the unpinned (or archived) chats; pinned chats keep their place.
 */
export function updateSummary(
  conversationId: string,
  change: (chat: ConversationSummary) => ConversationSummary,
) {
  for (const list of [conversations, archived]) {
    const chats = list.value;
    const index = chats?.findIndex((chat) => chat.id === conversationId) ?? -1;
    if (!chats || index < 0) continue;
    const before = chats[index]!;
    const updated = change(before);
    const moved = updated.lastMessage?.id !== before.lastMessage?.id && !updated.settings.pinned;
    const rest = chats.filter((_, i) => i !== index);
    list.value = moved
      ? [...rest.slice(0, pinnedCount(rest)), updated, ...rest.slice(pinnedCount(rest))]
      : chats.map((chat, i) => (i === index ? updated : chat));
    return;
  }
  if (conversations.value) refreshSoon();
}

/**
 * My settings of one chat, from my own change or from another device: the chat moves between the default
 * and the archived list, a newly pinned chat goes first (the server lists the latest pinned first), an
 * unpinned one goes back among the others by its activity, and a mute changes only its icon.
 */
export function applyChatSettings(conversationId: string, settings: ChatSettings) {
  const chat = chatById(conversationId);
  if (!chat) {
    refreshSoon();
    return;
  }
  const updated = { ...chat, settings };
  const same = chat.settings.pinned === settings.pinned && chat.settings.archived === settings.archived;
  if (same) {
    const swap = (list: ConversationSummary[]) =>
      list.map((entry) => (entry.id === chat.id ? updated : entry));
    if (conversations.value) conversations.value = swap(conversations.value);
    archived.value = swap(archived.value);
    return;
  }
  const main = (conversations.value ?? []).filter((entry) => entry.id !== chat.id);
  const stored = archived.value.filter((entry) => entry.id !== chat.id);
  if (settings.archived) {
    archived.value = placeByActivity(stored, updated, 0);
    conversations.value = main;
  } else {
    archived.value = stored;
    conversations.value = settings.pinned
      ? [updated, ...main]
      : placeByActivity(main, updated, pinnedCount(main));
  }
}

export function resetInbox() {
  conversations.value = null;
  archived.value = [];
}
