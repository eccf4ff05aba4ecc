// Presents messages as one viewer sees them (reply previews, own statuses) in a fixed number of queries
// per page, and as each recipient of a real-time event sees them.

import { usersWhoCanSee } from '../../core/visibility.js';
import type { Executor } from '../../db/client.js';
import { type PresentedMessage, presentMessage } from './present.js';
import { findReplyTarget, findVisibleReplyTargets, type MessageRow, type ReplyTarget } from './queries.js';
import { selectPeriodsWithReadState } from './read-state-queries.js';
import { statusOf } from './status.js';

/** A page of one conversation's messages for `viewerId`: two extra queries at most, whatever its size. */
export async function presentForViewer(
  db: Executor,
  viewerId: string,
  conversationId: string,
  rows: MessageRow[],
): Promise<PresentedMessage[]> {
  const replyIds = [...new Set(rows.flatMap((row) => (row.replyToId ? [row.replyToId] : [])))];
  const targets = new Map(
    (await findVisibleReplyTargets(db, viewerId, conversationId, replyIds)).map((target) => [
      target.id,
      target,
    ]),
  );
  const ownSeqs = rows.filter((row) => row.senderId === viewerId).map((row) => row.seq);
  const periods =
    ownSeqs.length > 0
      ? await selectPeriodsWithReadState(
          db,
          conversationId,
          viewerId,
          Math.min(...ownSeqs),
          Math.max(...ownSeqs),
        )
      : [];
  return rows.map((row) => {
    const own = row.senderId === viewerId;
    return presentMessage(row, {
      replyTo: row.replyToId ? (targets.get(row.replyToId) ?? null) : null,
      status: own ? statusOf(periods, row.seq) : null,
      isSender: own,
    });
  });
}

export interface Delivery {
  userIds: string[];
  message: PresentedMessage;
}

/**
 * A message just written, as each member who may see it receives it: the sender's copy carries status and
 * clientMessageId; the reply preview goes only to those who may see the replied message.
 */
export async function presentForAudience(db: Executor, row: MessageRow): Promise<Delivery[]> {
  const audience = await usersWhoCanSee(db, row.conversationId, row.seq);
  let target: ReplyTarget | null = null;
  let seesTarget = new Set<string>();
  if (row.replyToId) {
    target = await findReplyTarget(db, row.replyToId);
    if (target) seesTarget = new Set(await usersWhoCanSee(db, row.conversationId, target.seq));
  }
  const withPreview: string[] = [];
  const withoutPreview: string[] = [];
  const deliveries: Delivery[] = [];
  for (const userId of audience) {
    if (userId === row.senderId) {
      deliveries.push({
        userIds: [userId],
        // Just written: it has reached nobody else yet, so no marker lookup is needed.
        message: presentMessage(row, {
          replyTo: seesTarget.has(userId) ? target : null,
          status: 'sent',
          isSender: true,
        }),
      });
    } else if (seesTarget.has(userId)) {
      withPreview.push(userId);
    } else {
      withoutPreview.push(userId);
    }
  }
  if (withPreview.length > 0) {
    deliveries.push({
      userIds: withPreview,
      message: presentMessage(row, { replyTo: target, status: null, isSender: false }),
    });
  }
  if (withoutPreview.length > 0) {
    deliveries.push({
      userIds: withoutPreview,
      message: presentMessage(row, { replyTo: null, status: null, isSender: false }),
    });
  }
  return deliveries;
}
