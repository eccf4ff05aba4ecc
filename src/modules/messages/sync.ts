// Reconnect sync: what changed in a conversation since a stored cursor (new messages, deletions as
// tombstones, everyone's read markers), so a client that was offline ends where an online one did.
import type { AppContext } from '../../context.js';
import { requireMember } from '../../core/membership.js';
import { decodeCursor, encodeSyncCursor, splitPage } from '../../core/pagination.js';
import { type PresentedMessage, presentReadState } from './present.js';
import { listChangedMessages, listHiddenSince } from './queries.js';
import { markDeliveredUpTo } from './read-state.js';
import { latestChangeId, selectReadStates } from './read-state-queries.js';
import { presentForViewer } from './views.js';

export interface Changes {
  items: PresentedMessage[];
  /** Messages the caller hid for themselves (on another device) since `since`: drop them locally. */
  hiddenMessageIds: string[];
  readStates: ReturnType<typeof presentReadState>[];
  nextCursor: string | null;
  syncCursor: string;
}

export async function listChanges(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  query: { since?: string; limit?: number },
): Promise<Changes> {
  const { participant } = await requireMember(ctx.db, conversationId, userId);
  const since = decodeCursor<[number]>(query.since, ['number'], 'since');
  const limit = query.limit ?? 50;
  // Read the latest change id before the items: a change committed in between shows up in the items
  // or on the next sync, never in neither (change ids commit in order within a conversation).
  const latest = await latestChangeId(ctx.db, conversationId);
  const readStates = (await selectReadStates(ctx.db, conversationId, userId)).map(presentReadState);
  if (since === null) {
    return {
      items: [],
      hiddenMessageIds: [],
      readStates,
      nextCursor: null,
      syncCursor: encodeSyncCursor(latest),
    };
  }
  const rows = await listChangedMessages(ctx.db, userId, conversationId, since[0], limit + 1);
  const { items: page, more } = splitPage(rows, limit);
  const lastSeen = page.at(-1)?.changeId ?? 0;
  const newestSeq = Math.max(0, ...page.filter((row) => row.deletedAt === null).map((row) => row.seq));
  await markDeliveredUpTo(ctx, userId, conversationId, participant.deliveredSeq, newestSeq);
  return {
    items: await presentForViewer(ctx, userId, conversationId, page),
    hiddenMessageIds: await listHiddenSince(ctx.db, userId, conversationId, since[0]),
    readStates,
    nextCursor: more ? encodeSyncCursor(lastSeen) : null,
    syncCursor: encodeSyncCursor(more ? lastSeen : Math.max(latest, lastSeen)),
  };
}
