// Invite-link rules: admins create, list and revoke links; anyone logged in previews and joins with one.
// A join spends a use and adds the member in one transaction, so a link's use count cannot be overrun.
import type { AppContext } from '../../context.js';
import { findActiveParticipant, requireGroupAdmin } from '../../core/membership.js';
import { keysetPage } from '../../core/pagination.js';
import { canJoinByLink, enforce } from '../../core/policies.js';
import type { Executor } from '../../db/client.js';
import { Gone, NotFound, ValidationFailed } from '../../lib/errors.js';
import { isUuid, uuidv7 } from '../../lib/ids.js';
import { randomToken } from '../../lib/secrets.js';
import { joinGroup } from '../conversations/members.js';
import { type ConversationView, getConversation } from '../conversations/service.js';
import type { InvitePreview } from './present.js';
import {
  claimInviteUse,
  countActiveMembers,
  findConversation,
  findInviteByCode,
  type InviteRow,
  insertInvite,
  listLiveInvites,
  markInviteRevoked,
} from './queries.js';

/** 18 random bytes: 144 bits, 24 URL-safe characters. */
const CODE_BYTES = 18;

/** Why a link no longer works, or null while it does. */
function goneReason(invite: InviteRow, now: Date): string | null {
  if (invite.revokedAt) return 'This invite link has been revoked';
  if (invite.expiresAt <= now) return 'This invite link has expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'This invite link has been used up';
  return null;
}

export async function createInvite(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
  input: { expiresAt?: string; maxUses?: number },
): Promise<InviteRow> {
  await requireGroupAdmin(ctx.db, conversationId, callerId, 'manage invite links');
  const now = new Date();
  const latest = new Date(now.getTime() + ctx.config.inviteMaxTtlMs);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : latest;
  if (expiresAt <= now) {
    throw new ValidationFailed('expiresAt must be in the future', [
      { field: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  if (expiresAt > latest) {
    throw new ValidationFailed(`expiresAt must be at most ${latest.toISOString()} (INVITE_MAX_TTL)`, [
      { field: 'expiresAt', message: `must be at most ${latest.toISOString()}` },
    ]);
  }
  // The code is kept as is (not hashed): admins list their group's links and share them again.
  return insertInvite(ctx.db, {
    id: uuidv7(now.getTime()),
    conversationId,
    code: randomToken(CODE_BYTES),
    createdBy: callerId,
    createdAt: now,
    expiresAt,
    maxUses: input.maxUses ?? null,
  });
}

export async function listInvites(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
  options: { limit: number; cursor?: string },
): Promise<{ items: InviteRow[]; nextCursor: string | null }> {
  await requireGroupAdmin(ctx.db, conversationId, callerId, 'manage invite links');
  return keysetPage<InviteRow, [string]>({
    cursor: options.cursor,
    limit: options.limit,
    shape: ['string'],
    valid: ([id]) => isUuid(id),
    fetch: (after, limit) =>
      listLiveInvites(ctx.db, conversationId, {
        now: new Date(),
        limit,
        ...(after ? { beforeId: after[0] } : {}),
      }),
    keyOf: (row) => [row.id],
  });
}

/** Revoking is final and idempotent; a code of another group is as unknown as a made-up one. */
export async function revokeInvite(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
  code: string,
): Promise<InviteRow> {
  await requireGroupAdmin(ctx.db, conversationId, callerId, 'manage invite links');
  const invite = await findInviteByCode(ctx.db, code);
  if (!invite || invite.conversationId !== conversationId) throw new NotFound('Invite link not found');
  return markInviteRevoked(ctx.db, invite.id, new Date());
}

/**
 * The link and its group, or 404 / 410: what an outsider may learn before joining. For someone already
 * in the group the link's state does not matter (they need no use of it), so they are never told 410.
 */
async function openInvite(db: Executor, code: string, callerId: string, now: Date) {
  const invite = await findInviteByCode(db, code);
  if (!invite) throw new NotFound('Invite link not found');
  const conversation = await findConversation(db, invite.conversationId);
  if (!conversation || conversation.deletedAt) throw new Gone('This group no longer exists');
  const isMember = (await findActiveParticipant(db, conversation.id, callerId)) !== null;
  const reason = goneReason(invite, now);
  if (reason && !isMember) throw new Gone(reason);
  return { invite, conversation, isMember };
}

export async function previewInvite(ctx: AppContext, callerId: string, code: string): Promise<InvitePreview> {
  const { invite, conversation, isMember } = await openInvite(ctx.db, code, callerId, new Date());
  const memberCount = await countActiveMembers(ctx.db, conversation.id);
  return { invite, conversation, memberCount, isMember };
}

/**
 * Joins the group behind a link, through joinGroup like an admin's add. An existing member changes
 * nothing and spends no use (joined: false). Otherwise, under the conversation lock: a former member
 * may use only a link made after their membership ended (403), then a use is spent (conditional update)
 * and the member added, their history starting after the last message sent so far.
 */
export async function joinWithInvite(
  ctx: AppContext,
  callerId: string,
  code: string,
): Promise<{ joined: boolean; view: ConversationView }> {
  const now = new Date();
  const { invite, isMember } = await openInvite(ctx.db, code, callerId, now);
  if (isMember) return { joined: false, view: await getConversation(ctx, callerId, invite.conversationId) };
  const { added } = await joinGroup(ctx, {
    conversationId: invite.conversationId,
    userId: callerId,
    addedBy: callerId,
    now,
    authorize: async (tx, conversation, previous) => {
      if (previous && previous.leftAt === null) return;
      enforce(canJoinByLink(conversation, previous, invite));
      if (!(await claimInviteUse(tx, invite.id, now))) {
        // Another join took the last use (or the link was revoked) since we looked.
        const current = await findInviteByCode(tx, code);
        throw new Gone((current && goneReason(current, now)) ?? 'This invite link no longer works');
      }
    },
  });
  return { joined: added, view: await getConversation(ctx, callerId, invite.conversationId) };
}
