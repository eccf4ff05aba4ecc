// Reading messages: keyset pages and single messages, always through the visibility rule. What the
// caller fetched counts as delivered to them.
import type { AppContext } from '../../context.js';
import { requireMember } from '../../core/membership.js';
import { decodeCursor, encodeCursor, splitPage } from '../../core/pagination.js';
import { requireVisibleMessage } from './access.js';
import type { PresentedMessage } from './present.js';
import { listVisibleMessages } from './queries.js';
import { markDeliveredUpTo } from './read-state.js';
import { presentForViewer } from './views.js';

export interface ListQuery {
  before?: string;
  after?: string;
  cursor?: string;
  limit?: number;
}

export interface MessagePage {
  items: PresentedMessage[];
  nextCursor: string | null;
}

/**
 * Newest first. Paging backwards (no cursor, or `before`), nextCursor goes into `before`; paging
 * forwards (`after`), it goes into `after` and is null once the caller is up to date.
 */
export async function listMessages(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  query: ListQuery,
): Promise<MessagePage> {
  const { participant } = await requireMember(ctx.db, conversationId, userId);
  const before =
    decodeCursor<[number]>(query.before, ['number'], 'before') ??
    decodeCursor<[number]>(query.cursor, ['number'], 'cursor');
  const after = decodeCursor<[number]>(query.after, ['number'], 'after');
  const limit = query.limit ?? 50;
  const rows = await listVisibleMessages(ctx.db, userId, conversationId, {
    beforeSeq: before?.[0] ?? null,
    afterSeq: after?.[0] ?? null,
    limit: limit + 1,
  });
  const { items: page, more } = splitPage(rows, limit);
  const last = page.at(-1);
  const nextCursor = more && last ? encodeCursor([last.seq]) : null;
  if (after !== null) page.reverse();
  const newest = page[0];
  if (newest) await markDeliveredUpTo(ctx, userId, conversationId, participant.deliveredSeq, newest.seq);
  return { items: await presentForViewer(ctx, userId, conversationId, page), nextCursor };
}

export async function getMessage(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<PresentedMessage> {
  const { participant, message: row } = await requireVisibleMessage(
    ctx.db,
    userId,
    conversationId,
    messageId,
  );
  await markDeliveredUpTo(ctx, userId, conversationId, participant.deliveredSeq, row.seq);
  return (await presentForViewer(ctx, userId, conversationId, [row]))[0]!;
}
