// What I do to messages besides writing them: edit, react, send files, search, and bring one into view
// (a search hit opens its chat at it). Answers go into the loaded history at once; the message.updated
// event that follows for every member carries the same message.
import { unwrap } from '@chat/sdk';
import type { Message, SearchHit } from '../types';
import { loadOlder, messagesOf, openConversation, sendMessage, showUpdatedMessage } from './chats';
import { client } from './client';

/** The server's default edit window (MESSAGE_EDIT_WINDOW): past it the menu no longer offers to edit. */
export const EDIT_WINDOW_MS = 15 * 60_000;

/** Whether to offer editing: my own text message, not deleted or forwarded, young enough. */
export function canEdit(message: Message, selfId: string | undefined, now = Date.now()): boolean {
  return (
    message.senderId === selfId &&
    !message.deleted &&
    !message.forwarded &&
    Boolean(message.content) &&
    now - Date.parse(message.createdAt) < EDIT_WINDOW_MS
  );
}

export async function editMessage(message: Message, content: string) {
  if (content === message.content) return;
  showUpdatedMessage(await client.editMessage(message.conversationId, message.id, content));
}

/** Reacts with `emoji`, or takes my reaction back when it already was `emoji`. */
export async function toggleReaction(message: Message, emoji: string) {
  const mine = message.reactions.find((reaction) => reaction.me)?.emoji;
  showUpdatedMessage(await client.react(message.conversationId, message.id, mine === emoji ? null : emoji));
}

/** Uploads the files one by one, then sends one message carrying them all, with the caption. */
export async function sendFiles(
  conversationId: string,
  files: { blob: Blob; name: string }[],
  caption: string,
  replyToId: string | null,
  onProgress: (done: number) => void = () => {},
) {
  const ids: string[] = [];
  for (const file of files) {
    ids.push((await client.uploadAttachment(conversationId, file.blob, file.name)).id);
    onProgress(ids.length);
  }
  await sendMessage(conversationId, caption, replyToId, ids);
}

export async function searchMessages(q: string, conversationId?: string): Promise<SearchHit[]> {
  const page = await client.searchMessages({ q, limit: 30, ...(conversationId ? { conversationId } : {}) });
  return page.items;
}

const refreshed = new Set<string>();
/**
 * A fresh copy of a message whose signed file links may have expired (a history loaded long ago): once
 * per message and page, so a file that really is gone does not ask forever.
 */
export async function refreshMessage(conversationId: string, messageId: string) {
  if (refreshed.has(messageId)) return;
  refreshed.add(messageId);
  const message = await unwrap(
    client.api.GET('/api/v1/conversations/{conversationId}/messages/{messageId}', {
      params: { path: { conversationId, messageId } },
    }),
  );
  showUpdatedMessage(message);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Loads the history back, page by page, until it holds the message (a search hit opens its chat at it).
 * False when it is not there to show: deleted for me, or the history reached it without it.
 */
export async function loadUntil(conversationId: string, messageId: string): Promise<boolean> {
  let seq: number;
  try {
    const message = await unwrap(
      client.api.GET('/api/v1/conversations/{conversationId}/messages/{messageId}', {
        params: { path: { conversationId, messageId } },
      }),
    );
    seq = message.seq;
  } catch {
    return false;
  }
  await openConversation(conversationId);
  const state = messagesOf(conversationId);
  for (;;) {
    const { items, hasOlder, loadingOlder } = state.value;
    if (items.some((message) => message.id === messageId)) return true;
    if ((items[0]?.seq ?? 0) <= seq || !hasOlder) return false;
    if (loadingOlder) {
      await pause(50);
      continue;
    }
    await loadOlder(conversationId);
    const after = state.value;
    // The page did not come (the network): stop rather than ask again and again.
    if (!after.loadingOlder && after.items.length === items.length && after.hasOlder) return false;
  }
}
