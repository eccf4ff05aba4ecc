// Typed calls on one message (edit, react) and message search; ChatClient wraps them and keeps its
// store current with the answers, as the message.updated event that follows would.
import { type ApiClient, unwrap } from './rest.js';
import type { Message, SearchPage } from './types.js';

export function editMessage(
  api: ApiClient,
  conversationId: string,
  messageId: string,
  content: string,
): Promise<Message> {
  return unwrap(
    api.PATCH('/api/v1/conversations/{conversationId}/messages/{messageId}', {
      params: { path: { conversationId, messageId } },
      body: { content },
    }),
  );
}

/** Sets my reaction (one per member: it replaces the one before), or removes it with `null`. */
export function setReaction(
  api: ApiClient,
  conversationId: string,
  messageId: string,
  emoji: string | null,
): Promise<Message> {
  const path = { path: { conversationId, messageId } };
  return unwrap(
    emoji === null
      ? api.DELETE('/api/v1/conversations/{conversationId}/messages/{messageId}/reaction', { params: path })
      : api.PUT('/api/v1/conversations/{conversationId}/messages/{messageId}/reaction', {
          params: path,
          body: { emoji },
        }),
  );
}

export interface SearchQuery {
  /** The words to find (1 to 200 characters): every one must appear, whole or as a word's start. */
  q: string;
  /** Only this conversation. */
  conversationId?: string;
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export function searchMessages(api: ApiClient, query: SearchQuery): Promise<SearchPage> {
  return unwrap(api.GET('/api/v1/search/messages', { params: { query } }));
}
