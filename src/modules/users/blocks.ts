// Blocking: the block list itself. What a block changes elsewhere (direct chats, group adds, presence,
// typing, photos) is decided by core/blocks.ts and core/privacy.ts where each of those happens.
import type { AppContext } from '../../context.js';
import { publishEvent, publishUserChanged } from '../../core/events.js';
import { isCursorTimestamp, keysetPage } from '../../core/pagination.js';
import { NotFound, ValidationFailed } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import {
  type BlockedRow,
  type BlockKey,
  deleteBlock,
  insertBlock,
  listBlockedPage,
} from './block-queries.js';
import { presentBlocked } from './present.js';
import { findPublicUserFor } from './queries.js';

/** Each of the two stops seeing the other online at once (their clients may have shown it). */
async function hidePresenceBetween(ctx: AppContext, a: string, b: string): Promise<void> {
  await publishEvent(ctx, [a], { type: 'presence', data: { userId: b, online: false, lastSeenAt: null } });
  await publishEvent(ctx, [b], { type: 'presence', data: { userId: a, online: false, lastSeenAt: null } });
}

export async function blockUser(ctx: AppContext, blockerId: string, rawUserId: string) {
  const blockedId = rawUserId.toLowerCase();
  if (blockedId === blockerId) {
    throw new ValidationFailed('You cannot block yourself', [{ field: 'userId', message: 'is you' }]);
  }
  const user = await findPublicUserFor(ctx.db, blockerId, blockedId);
  if (!user) throw new NotFound('User not found');
  const blockedAt = await insertBlock(ctx.db, blockerId, blockedId);
  await hidePresenceBetween(ctx, blockerId, blockedId);
  // The blocked person no longer sees my photo or last seen: pages that show me are read again.
  await publishUserChanged(ctx, blockerId);
  // Read again: the block itself now hides the photo and last seen.
  const blocked = { user: (await findPublicUserFor(ctx.db, blockerId, blockedId)) ?? user, blockedAt };
  // My other devices add them to their block list (the blocked person is not told).
  await publishEvent(ctx, [blockerId], { type: 'user.blocked', data: presentBlocked(blocked) });
  return blocked;
}

/** Unblocking someone not blocked is fine; what they sent meanwhile stays withheld. */
export async function unblockUser(ctx: AppContext, blockerId: string, rawUserId: string): Promise<void> {
  const blockedId = rawUserId.toLowerCase();
  const user = await findPublicUserFor(ctx.db, blockerId, blockedId);
  if (!user && blockedId !== blockerId) throw new NotFound('User not found');
  if (await deleteBlock(ctx.db, blockerId, blockedId)) {
    await publishEvent(ctx, [blockerId], { type: 'user.unblocked', data: { userId: blockedId } });
    await publishUserChanged(ctx, blockerId);
  }
}

const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function listBlocked(
  ctx: AppContext,
  blockerId: string,
  query: { limit?: number; cursor?: string },
): Promise<{ items: BlockedRow[]; nextCursor: string | null }> {
  return keysetPage<BlockedRow, BlockKey>({
    cursor: query.cursor,
    limit: query.limit ?? 50,
    shape: ['string', 'string'],
    valid: ([at, id]) => EXACT_TIME.test(at) && isCursorTimestamp(at) && isUuid(id),
    fetch: (after, limit) => listBlockedPage(ctx.db, blockerId, { after, limit }),
    keyOf: (row) => [row.blockedAtKey, row.user.id],
  });
}
