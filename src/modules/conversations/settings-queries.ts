// SQL of my per-chat settings: the pin count and its lock, and the one update of a member's settings.
import { and, count, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { currentMembershipsOf } from '../../core/membership.js';
import type { Tx } from '../../db/client.js';
import { conversations, participants } from '../../db/schema.js';

/**
 * A member's settings as the API shows them, from the participants table or an alias of it; computed in
 * SQL so 'infinity' reads as "forever" and a mute that has run out as null.
 */
export function chatSettingsOf(member: typeof participants) {
  return {
    pinned: sql<boolean>`${member.pinnedAt} is not null`,
    archived: sql<boolean>`${member.archivedAt} is not null`,
    mutedUntil: sql<string | null>`case when ${member.mutedUntil} = 'infinity' then 'forever'
      when ${member.mutedUntil} > now() then to_char(${member.mutedUntil} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end`,
  };
}

const chatSettingsColumns = chatSettingsOf(participants);

export interface ChatSettingsRow {
  pinned: boolean;
  archived: boolean;
  mutedUntil: string | null;
}

/**
 * Serialises pin changes of one user until commit. An advisory lock, not a row lock, so profile writes
 * and last-seen stamps on the users row never wait behind it.
 */
export async function lockPinsOf(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pins:${userId}`}, 0))`);
}

/** Chats the user pinned and still belongs to. */
export async function countPinned(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .where(and(...currentMembershipsOf(userId), isNotNull(participants.pinnedAt)));
  return Number(row?.n ?? 0);
}

export async function updateChatSettings(
  tx: Tx,
  conversationId: string,
  userId: string,
  changes: {
    pinned?: boolean | undefined;
    archived?: boolean | undefined;
    mutedUntil?: Date | 'forever' | null;
  },
): Promise<ChatSettingsRow> {
  const set: Record<string, SQL | Date | null> = {};
  // Pinning an already pinned chat keeps its place among the pins.
  if (changes.pinned !== undefined) {
    set.pinnedAt = changes.pinned ? sql`coalesce(${participants.pinnedAt}, now())` : null;
  }
  if (changes.archived !== undefined) {
    set.archivedAt = changes.archived ? sql`coalesce(${participants.archivedAt}, now())` : null;
  }
  if (changes.mutedUntil !== undefined) {
    set.mutedUntil = changes.mutedUntil === 'forever' ? sql`'infinity'::timestamptz` : changes.mutedUntil;
  }
  const where = and(
    eq(participants.conversationId, conversationId),
    eq(participants.userId, userId),
    isNull(participants.leftAt),
  );
  const [row] =
    Object.keys(set).length > 0
      ? await tx.update(participants).set(set).where(where).returning(chatSettingsColumns)
      : await tx.select(chatSettingsColumns).from(participants).where(where);
  return row!;
}
