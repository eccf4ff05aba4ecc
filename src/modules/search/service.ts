// Message search: every word of the query, whole or as a prefix, case and accents ignored, over what
// the caller may read now; newest first, keyset-paginated, each hit with a highlighted snippet.
import type { AppContext } from '../../context.js';
import { requireMember } from '../../core/membership.js';
import { isCursorTimestamp, keysetPage } from '../../core/pagination.js';
import { ValidationFailed } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { PresentedMessage } from '../messages/present.js';
import { presentForViewer } from '../messages/views.js';
import { presentSearchHit, type SearchHit } from './present.js';
import { largeConversations, prefixQuery, type SearchRow, searchTerms, selectSearchPage } from './queries.js';
import { buildSnippet, highlightTerms } from './snippet.js';

export const MAX_QUERY_LENGTH = 200;

export interface SearchQuery {
  q: string;
  conversationId?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Hits of several statements in the order one statement gives them: newest first, then by id. The
 * creation key is fixed-width UTC text and ids are lower-case hex, so text order is the same order.
 */
function newestFirst(rows: SearchRow[]): SearchRow[] {
  return rows.sort((a, b) => {
    if (a.createdKey !== b.createdKey) return a.createdKey < b.createdKey ? 1 : -1;
    return a.message.id < b.message.id ? 1 : a.message.id > b.message.id ? -1 : 0;
  });
}

export async function searchMessages(
  ctx: AppContext,
  userId: string,
  query: SearchQuery,
): Promise<{ items: SearchHit[]; nextCursor: string | null }> {
  const q = query.q.trim();
  const length = Array.from(q).length;
  if (length === 0 || length > MAX_QUERY_LENGTH) {
    const message = `must be 1 to ${MAX_QUERY_LENGTH} characters`;
    throw new ValidationFailed(`q ${message}`, [{ field: 'q', message }]);
  }
  // One chat: the caller must be in it (404 otherwise, as for every route of a conversation).
  if (query.conversationId) await requireMember(ctx.db, query.conversationId, userId);
  const terms = await searchTerms(ctx.db, q);
  // Across all chats, the largest ones are searched each on its own (see largeConversations).
  const large = query.conversationId || terms.length === 0 ? [] : await largeConversations(ctx.db, userId);
  const page = await keysetPage<SearchRow, [string, string]>({
    cursor: query.cursor,
    limit: query.limit ?? 20,
    shape: ['string', 'string'],
    valid: ([createdAt, id]) => isCursorTimestamp(createdAt) && isUuid(id),
    // Only punctuation or symbols: no word to look for, nothing found.
    fetch: async (before, limit) => {
      if (terms.length === 0) return [];
      const filter = { userId, query: prefixQuery(terms), before, limit };
      if (large.length === 0) {
        return selectSearchPage(ctx.db, { ...filter, conversationId: query.conversationId ?? null });
      }
      const pages = await Promise.all([
        selectSearchPage(ctx.db, { ...filter, conversationId: null, except: large }),
        ...large.map((conversationId) => selectSearchPage(ctx.db, { ...filter, conversationId })),
      ]);
      return newestFirst(pages.flat()).slice(0, limit);
    },
    keyOf: (row) => [row.createdKey, row.message.id],
  });
  // Reply previews, statuses and reactions as the caller sees them: one presentation per conversation.
  const byConversation = new Map<string, SearchRow[]>();
  for (const row of page.items) {
    const rows = byConversation.get(row.message.conversationId) ?? [];
    rows.push(row);
    byConversation.set(row.message.conversationId, rows);
  }
  const presented = new Map<string, PresentedMessage>();
  for (const [conversationId, rows] of byConversation) {
    const views = await presentForViewer(
      ctx,
      userId,
      conversationId,
      rows.map((row) => row.message),
    );
    for (const view of views) presented.set(view.id, view);
  }
  const marks = highlightTerms(terms);
  return {
    items: page.items.map((row) =>
      presentSearchHit(
        presented.get(row.message.id)!,
        row.conversation,
        buildSnippet(row.message.content ?? '', marks),
      ),
    ),
    nextCursor: page.nextCursor,
  };
}
