// Group members: joining (one command whoever opens the door), roles, removal and leaving. The public
// API calls them participants; the code calls them members. Every change runs under the conversation
// row's lock (core/membership.ts), asks core/policies.ts, and announces itself after commit.
import type { AppContext } from '../../context.js';
import { publishEvent } from '../../core/events.js';
import {
  activeMemberIds,
  assertGroup,
  assertGroupAdmin,
  type ConversationRow,
  endMembership,
  findActiveParticipant,
  findParticipant,
  lockConversation,
  type ParticipantRow,
  requireMember,
  revokeLinksCreatedBy,
  startMembership,
} from '../../core/membership.js';
import { isCursorTimestamp, keysetPage } from '../../core/pagination.js';
import { canChangeRole, canManageGroup, canRemove, enforce } from '../../core/policies.js';
import { refusedGroupAdds } from '../../core/privacy.js';
import type { Tx } from '../../db/client.js';
import { Forbidden, NotFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { findPublicUserFor } from '../users/queries.js';
import { publishParticipantAdded, publishParticipantRemoved } from './events.js';
import {
  findSuccessor,
  listParticipantPage,
  markConversationDeleted,
  type ParticipantRowWithUser,
  setRole,
} from './queries.js';

export async function listMembers(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
  options: { limit: number; cursor?: string },
): Promise<{ items: ParticipantRowWithUser[]; nextCursor: string | null }> {
  await requireMember(ctx.db, conversationId, callerId);
  return keysetPage<ParticipantRowWithUser, [string, string]>({
    cursor: options.cursor,
    limit: options.limit,
    shape: ['string', 'string'],
    valid: ([joinedAt, userId]) => isCursorTimestamp(joinedAt) && isUuid(userId),
    fetch: (after, limit) =>
      listParticipantPage(ctx.db, conversationId, callerId, {
        limit,
        ...(after ? { after: { joinedAt: new Date(after[0]), userId: after[1] } } : {}),
      }),
    keyOf: (row) => [row.joinedAt.toISOString(), row.user.id],
  });
}

/**
 * Decides, under the conversation lock, whether the join may happen: an admin's add checks the admin,
 * an invite link checks the link and spends a use. `previous` is the user's membership row, current or
 * ended, or null. It runs for an existing member too, and must then spend nothing. It also refuses
 * direct chats, which have no members to manage (canManageGroup and canJoinByLink both do).
 */
export type JoinAuthorizer = (
  tx: Tx,
  conversation: ConversationRow,
  previous: ParticipantRow | null,
) => Promise<void>;

export interface JoinGroupInput {
  conversationId: string;
  userId: string;
  /** An admin of the group, or for link joins the joining user. */
  addedBy: string;
  authorize: JoinAuthorizer;
  now?: Date;
}

/**
 * The one way into a group, whoever opens the door (an admin adding someone, or an invite link): their
 * history starts now, and every member, the new one included, hears participant.added after the commit.
 * Joining when already a member changes nothing (added: false).
 */
export async function joinGroup(
  ctx: AppContext,
  input: JoinGroupInput,
): Promise<{ added: boolean; participant: ParticipantRowWithUser }> {
  const { conversationId, userId } = input;
  const outcome = await ctx.db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, conversationId);
    const previous = await findParticipant(tx, conversationId, userId);
    await input.authorize(tx, conversation, previous);
    // The profile as the one who opened the door may see it (core/privacy.ts).
    const user = await findPublicUserFor(tx, input.addedBy, userId);
    if (!user) throw new NotFound('User not found');
    const added = await startMembership(tx, conversation, userId, 'member', input.now);
    const participant = await findActiveParticipant(tx, conversationId, userId);
    return { added, user, participant: participant!, memberIds: await activeMemberIds(tx, conversationId) };
  });
  if (outcome.added) {
    await publishParticipantAdded(ctx, outcome.memberIds, {
      conversationId,
      userId,
      role: outcome.participant.role,
      addedBy: input.addedBy,
    });
  }
  return {
    added: outcome.added,
    participant: {
      role: outcome.participant.role,
      joinedAt: outcome.participant.joinedAt,
      user: outcome.user,
    },
  };
}

/**
 * An admin adds someone (POST /participants): joinGroup with the admin's permission checked, and the
 * added person's consent: a block either way, or `groupAdd: contacts` from a non-contact, is 403 (an
 * invite link still works). Someone already in the group is not asked again.
 */
export function addMember(ctx: AppContext, callerId: string, conversationId: string, userId: string) {
  return joinGroup(ctx, {
    conversationId,
    userId,
    addedBy: callerId,
    authorize: async (tx, conversation, previous) => {
      const actor = await requireMember(tx, conversationId, callerId);
      enforce(canManageGroup(conversation, actor.participant, 'add members'));
      if (previous?.leftAt === null) return;
      if ((await refusedGroupAdds(tx, callerId, [userId])).length > 0) {
        throw new Forbidden('This person does not let you add them to groups; send them an invite link');
      }
    },
  });
}

/**
 * Role changes follow WhatsApp/Telegram: admins promote members to admin; only the owner demotes an
 * admin (an admin may step down themselves); nobody changes the owner's role.
 */
export async function changeRole(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
  userId: string,
  role: 'admin' | 'member',
): Promise<{ changed: boolean }> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, conversationId);
    const actor = await requireMember(tx, conversationId, callerId);
    assertGroupAdmin(conversation, actor.participant, 'change roles');
    const target = await findActiveParticipant(tx, conversationId, userId);
    if (!target) throw new NotFound('Participant not found');
    enforce(canChangeRole(conversation, actor.participant, target, role));
    if (target.role === role) return { changed: false, memberIds: [] };
    await setRole(tx, conversationId, userId, role);
    return { changed: true, memberIds: await activeMemberIds(tx, conversationId) };
  });
  if (outcome.changed) {
    await publishEvent(ctx, outcome.memberIds, {
      type: 'participant.updated',
      data: {
        conversationId,
        userId,
        role,
        updatedBy: callerId,
      },
    });
  }
  return { changed: outcome.changed };
}

export interface RemovalOutcome {
  userId: string;
  left: boolean;
  /** Set when the owner left and the group passed to someone else. */
  newOwnerId: string | null;
  /** True when the last member left: the group is gone. */
  conversationDeleted: boolean;
}

/**
 * Removing someone else needs an admin; only the owner removes admins; the owner cannot be removed.
 * Anyone may remove themselves (leave). An owner who leaves hands the group to the longest-standing
 * admin, else the longest-standing member; when the last member leaves, the group is deleted.
 */
export async function removeMember(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
  userId: string,
): Promise<RemovalOutcome> {
  // The path id may come in upper case; ids from tokens are lower case.
  const leaving = userId.toLowerCase() === callerId;
  const outcome = await ctx.db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, conversationId);
    const actor = await requireMember(tx, conversationId, callerId);
    assertGroup(conversation, 'remove members');
    const target = leaving ? actor.participant : await findActiveParticipant(tx, conversationId, userId);
    if (!leaving) {
      assertGroupAdmin(conversation, actor.participant, 'remove members');
      if (!target) throw new NotFound('Participant not found');
      enforce(canRemove(conversation, actor.participant, target));
      await revokeLinksCreatedBy(tx, conversationId, target.userId);
    }
    await endMembership(tx, conversation, userId);
    let newOwnerId: string | null = null;
    if (leaving && target?.role === 'owner') {
      newOwnerId = await findSuccessor(tx, conversationId, userId);
      if (newOwnerId) await setRole(tx, conversationId, newOwnerId, 'owner');
    }
    const remaining = await activeMemberIds(tx, conversationId);
    if (remaining.length === 0) await markConversationDeleted(tx, conversationId);
    return { newOwnerId, remaining };
  });
  await publishParticipantRemoved(ctx, outcome.remaining, { conversationId, userId, removedBy: callerId });
  if (outcome.newOwnerId) {
    await publishEvent(ctx, outcome.remaining, {
      type: 'participant.updated',
      data: {
        conversationId,
        userId: outcome.newOwnerId,
        role: 'owner',
        updatedBy: callerId,
      },
    });
  }
  return {
    userId,
    left: leaving,
    newOwnerId: outcome.newOwnerId,
    conversationDeleted: outcome.remaining.length === 0,
  };
}
