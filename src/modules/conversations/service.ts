// Conversation rules: create (direct or group, one transaction), the inbox, details, rename and delete.
import type { AppContext } from '../../context.js';
import { findBlockBetween } from '../../core/blocks.js';
import { publishEvent } from '../../core/events.js';
import {
  activeMemberIds,
  lockConversation,
  requireGroupAdmin,
  requireMember,
  startMembership,
} from '../../core/membership.js';
import { isCursorTimestamp, keysetPage } from '../../core/pagination.js';
import { refusedGroupAdds } from '../../core/privacy.js';
import { Forbidden, NotFound, ValidationFailed } from '../../lib/errors.js';
import { isUuid, uuidv7 } from '../../lib/ids.js';
import { type SummaryRow, selectInboxPage, selectSummaries } from './inbox-queries.js';
import { presentConversationBase, presentParticipant } from './present.js';
import {
  findActiveUserIds,
  findDirectByKey,
  hideConversation,
  insertConversation,
  insertDirectIfAbsent,
  listParticipantRows,
  markConversationDeleted,
  type ParticipantRowWithUser,
  unhideConversation,
  updateConversationFields,
} from './queries.js';

export { addMember } from './members.js';

export interface CreateConversationInput {
  type: 'direct' | 'group';
  participantIds: string[];
  title?: string;
  description?: string | null;
}

export interface ConversationView {
  summary: SummaryRow;
  participants: ParticipantRowWithUser[];
}

/** The key that makes a direct chat unique per pair, whoever starts it. */
export function directKeyFor(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Fails with the ids that are not active accounts, before anything is written. */
async function checkGuests(ctx: AppContext, guestIds: string[]): Promise<void> {
  const found = new Set(await findActiveUserIds(ctx.db, guestIds));
  const missing = guestIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ValidationFailed(
      `These users do not exist or are deactivated: ${missing.join(', ')}`,
      missing.map((id) => ({ field: 'participantIds', message: `${id} is not an active user` })),
    );
  }
}

/**
 * Someone who blocked the caller cannot be reached by a new direct chat with them; a group cannot take
 * in anyone kept apart from the caller by a block, or whose `groupAdd` is `contacts` when the caller
 * is not one (core/privacy.ts). 403, before anything is written.
 */
async function checkConsent(
  ctx: AppContext,
  callerId: string,
  type: 'direct' | 'group',
  guestIds: string[],
): Promise<void> {
  if (type === 'direct') {
    const block = await findBlockBetween(ctx.db, callerId, guestIds[0]!);
    if (block.bBlockedA) throw new Forbidden('You cannot start a chat with this person');
    return;
  }
  const refused = await refusedGroupAdds(ctx.db, callerId, guestIds);
  if (refused.length > 0) {
    throw new Forbidden(
      `These people do not let you add them to groups (send them an invite link): ${refused.join(', ')}`,
    );
  }
}

/**
 * Creates a conversation with its owner and guests in one transaction. A direct chat that already
 * exists for the pair is returned instead (created: false) and shown again if I had hidden it.
 */
export async function createConversation(
  ctx: AppContext,
  callerId: string,
  input: CreateConversationInput,
): Promise<{ created: boolean; view: ConversationView }> {
  const guestIds = [...new Set(input.participantIds.map((id) => id.toLowerCase()))].filter(
    (id) => id !== callerId,
  );
  if (input.type === 'direct' && guestIds.length !== 1) {
    throw new ValidationFailed('A direct conversation needs exactly one other participant', [
      { field: 'participantIds', message: 'must name exactly one other user' },
    ]);
  }
  const title = input.title?.trim();
  if (input.type === 'group' && !title) {
    throw new ValidationFailed('A group needs a title', [
      { field: 'title', message: 'is required for a group' },
    ]);
  }
  await checkGuests(ctx, guestIds);
  await checkConsent(ctx, callerId, input.type, guestIds);
  const description = input.description?.trim() || null;
  const now = new Date();

  const result = await ctx.db.transaction(async (tx) => {
    if (input.type === 'direct') {
      const otherId = guestIds[0]!;
      const directKey = directKeyFor(callerId, otherId);
      const inserted = await insertDirectIfAbsent(tx, {
        id: uuidv7(),
        type: 'direct',
        directKey,
        createdBy: callerId,
        createdAt: now,
        updatedAt: now,
      });
      if (!inserted) {
        const existing = await findDirectByKey(tx, directKey);
        if (!existing) throw new Error('direct conversation vanished after a conflict');
        const shownAgain = await unhideConversation(tx, existing.id, callerId);
        return { created: false, shownAgain, conversation: existing };
      }
      // The row was inserted by this transaction, so nobody else can lock or see it yet. Roles are not
      // managed in direct chats: both people are plain members.
      await startMembership(tx, inserted, callerId, 'member', now);
      await startMembership(tx, inserted, otherId, 'member', now);
      return { created: true, shownAgain: false, conversation: inserted };
    }
    const conversation = await insertConversation(tx, {
      id: uuidv7(),
      type: 'group',
      title,
      description,
      createdBy: callerId,
      createdAt: now,
      updatedAt: now,
    });
    await startMembership(tx, conversation, callerId, 'owner', now);
    for (const guestId of guestIds) await startMembership(tx, conversation, guestId, 'member', now);
    return { created: true, shownAgain: false, conversation };
  });

  const view = await getConversation(ctx, callerId, result.conversation.id);
  if (result.created) {
    // Each member gets the others' profiles as they may see them (photos and last seen are private);
    // members who see the same thing share one event.
    const audiences = new Map<
      string,
      { userIds: string[]; participants: ReturnType<typeof presentParticipant>[] }
    >();
    for (const participant of view.participants) {
      const memberId = participant.user.id;
      const rows =
        memberId === callerId
          ? view.participants
          : await listParticipantRows(ctx.db, result.conversation.id, memberId);
      const participants = rows.map(presentParticipant);
      const key = JSON.stringify(participants);
      const audience = audiences.get(key) ?? { userIds: [], participants };
      audience.userIds.push(memberId);
      audiences.set(key, audience);
    }
    for (const { userIds, participants } of audiences.values()) {
      await publishEvent(ctx, userIds, {
        type: 'conversation.created',
        data: { ...presentConversationBase(result.conversation, participants.length), participants },
      });
    }
  } else if (result.shownAgain) {
    // A direct chat I had deleted for myself is back in my list: my other devices add it again.
    const participants = view.participants.map(presentParticipant);
    await publishEvent(ctx, [callerId], {
      type: 'conversation.created',
      data: { ...presentConversationBase(result.conversation, participants.length), participants },
    });
  }
  return { created: result.created, view };
}

const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const isExactTime = (text: string) => EXACT_TIME.test(text) && isCursorTimestamp(text);

export interface ListOptions {
  limit: number;
  cursor?: string;
  /** The archived chats instead of the others. */
  archived?: boolean;
}

/**
 * My conversations: pinned first (newest pin first), then newest activity first; archived chats only
 * when asked for, and then only they. One query per page; the cursor carries the whole sort key.
 */
export function listConversations(
  ctx: AppContext,
  callerId: string,
  options: ListOptions,
): Promise<{ items: SummaryRow[]; nextCursor: string | null }> {
  return keysetPage<SummaryRow, [string, string, string]>({
    cursor: options.cursor,
    limit: options.limit,
    shape: ['string', 'string', 'string'],
    valid: ([pinKey, activityKey, id]) =>
      (pinKey === '' || isExactTime(pinKey)) && isExactTime(activityKey) && isUuid(id),
    fetch: (after, limit) =>
      selectInboxPage(ctx.db, callerId, {
        limit,
        archived: options.archived ?? false,
        ...(after ? { before: { pinKey: after[0], activityKey: after[1], id: after[2] } } : {}),
      }),
    keyOf: (row) => [row.pinKey, row.activityKey, row.conversation.id],
  });
}

/** One conversation as its member sees it, with its participants; 404 for anyone else. */
export async function getConversation(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
): Promise<ConversationView> {
  const [summary] = await selectSummaries(ctx.db, callerId, { conversationId, limit: 1 });
  if (!summary) throw new NotFound('Conversation not found');
  return { summary, participants: await listParticipantRows(ctx.db, conversationId, callerId) };
}

export async function updateConversation(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
  changes: { title?: string; description?: string | null },
): Promise<ConversationView> {
  const memberIds = await ctx.db.transaction(async (tx) => {
    await lockConversation(tx, conversationId);
    await requireGroupAdmin(tx, conversationId, callerId, 'change the group details');
    const fields: { title?: string; description?: string | null } = {};
    if (changes.title !== undefined) fields.title = changes.title.trim();
    if (changes.description !== undefined) fields.description = changes.description?.trim() || null;
    await updateConversationFields(tx, conversationId, fields);
    return activeMemberIds(tx, conversationId);
  });
  const view = await getConversation(ctx, callerId, conversationId);
  await publishEvent(ctx, memberIds, {
    type: 'conversation.updated',
    data: presentConversationBase(view.summary.conversation, view.summary.conversation.participantCount),
  });
  return view;
}

/**
 * A group is deleted for everyone by its owner; a direct chat is only hidden for the caller until a new
 * message arrives (the other person keeps it, and nobody can delete it for both).
 */
export async function deleteConversation(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
): Promise<{ deletedFor: 'everyone' | 'me' }> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const locked = await lockConversation(tx, conversationId);
    const { participant } = await requireMember(tx, conversationId, callerId);
    if (locked.type === 'direct') {
      await hideConversation(tx, conversationId, callerId, locked.lastSeq);
      return { deletedFor: 'me' as const, notify: [callerId] };
    }
    if (participant.role !== 'owner') throw new Forbidden('Only the group owner can delete the group');
    const memberIds = await activeMemberIds(tx, conversationId);
    await markConversationDeleted(tx, conversationId);
    return { deletedFor: 'everyone' as const, notify: memberIds };
  });
  await publishEvent(ctx, outcome.notify, {
    type: 'conversation.deleted',
    data: {
      conversationId,
      deletedFor: outcome.deletedFor,
    },
  });
  return { deletedFor: outcome.deletedFor };
}
