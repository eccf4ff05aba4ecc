// Rows -> API shapes for conversations, their inbox entries and their participants.

import { presentImage } from '../../core/image-urls.js';
import type { ConversationRow } from '../../core/membership.js';
import { encodeSyncCursor } from '../../core/pagination.js';
import { presentPublicUser } from '../users/present.js';
import type { SummaryRow } from './inbox-queries.js';
import type { ParticipantRowWithUser } from './queries.js';

/** The fields every member sees alike (what events carry). */
export function presentConversationBase(
  conversation: Pick<
    ConversationRow,
    'id' | 'type' | 'title' | 'description' | 'image' | 'createdAt' | 'updatedAt'
  >,
  participantCount: number,
) {
  return {
    id: conversation.id,
    type: conversation.type,
    title: conversation.title,
    description: conversation.description,
    image: presentImage(conversation.image),
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
    participantCount,
  };
}

export function presentSummary(row: SummaryRow) {
  const last = row.lastMessage;
  // Added to the base object, not spread into a new one: V8 builds a spread followed by more properties
  // slowly (about 10 µs here), which a page of 50 rows pays 50 times.
  return Object.assign(presentConversationBase(row.conversation, row.conversation.participantCount), {
    lastMessage: last
      ? {
          id: last.id,
          senderId: last.senderId,
          content: last.deletedAt ? null : last.content,
          attachmentCount: last.deletedAt ? 0 : last.attachmentCount,
          createdAt: last.createdAt.toISOString(),
          deleted: last.deletedAt !== null,
        }
      : null,
    unreadCount: row.unreadCount,
    myRole: row.myRole,
    otherUser: row.otherUser ? presentPublicUser(row.otherUser) : null,
    syncCursor: encodeSyncCursor(row.conversation.lastChangeId),
    settings: row.settings,
  });
}

type Summary = ReturnType<typeof presentSummary>;

/** The other people a page of summaries shows (a page kept in core/inbox-cache.ts is read again when they change). */
export function peersShown(items: readonly Summary[]): string[] {
  const ids: string[] = [];
  for (const item of items) if (item.otherUser) ids.push(item.otherUser.id);
  return ids;
}

/** When the first mute on a page runs out (the page then shows it as unmuted), in ms since the epoch. */
export function firstMuteEnd(items: readonly Summary[]): number {
  let end = Number.POSITIVE_INFINITY;
  for (const { settings } of items) {
    if (settings.mutedUntil && settings.mutedUntil !== 'forever') {
      end = Math.min(end, Date.parse(settings.mutedUntil));
    }
  }
  return end;
}

export function presentParticipant(row: ParticipantRowWithUser) {
  return {
    userId: row.user.id,
    role: row.role,
    joinedAt: row.joinedAt.toISOString(),
    user: presentPublicUser(row.user),
  };
}

export function presentDetails(summary: SummaryRow, participantRows: ParticipantRowWithUser[]) {
  return { ...presentSummary(summary), participants: participantRows.map(presentParticipant) };
}

export type ConversationDetails = ReturnType<typeof presentDetails>;
