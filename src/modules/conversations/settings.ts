// My own settings for a chat: pin (at most MAX_PINNED), archive, mute. They change only my view of it:
// archiving unpins and pinning unarchives (as in WhatsApp), and a new message leaves both as they are.
import type { AppContext } from '../../context.js';
import { publishEvent } from '../../core/events.js';
import { requireMember } from '../../core/membership.js';
import { Conflict, ValidationFailed } from '../../lib/errors.js';
import { type ChatSettingsRow, countPinned, lockPinsOf, updateChatSettings } from './settings-queries.js';

export const MAX_PINNED = 5;

export interface ChatSettingsChanges {
  pinned?: boolean;
  archived?: boolean;
  /** An ISO time in the future, 'forever', or null (not muted). */
  mutedUntil?: string | null;
}

function muteEnd(value: string | null, now: Date): Date | 'forever' | null {
  if (value === null || value === 'forever') return value;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) {
    const message = 'must be a time in the future, "forever" or null';
    throw new ValidationFailed(`mutedUntil ${message}`, [{ field: 'mutedUntil', message }]);
  }
  return at;
}

/**
 * Changes my settings for one chat. The pin limit is checked under a per-user lock, so two pins sent
 * at once with four chats pinned cannot both pass. All my sockets get `settings.updated`.
 */
export async function changeChatSettings(
  ctx: AppContext,
  callerId: string,
  conversationId: string,
  changes: ChatSettingsChanges,
): Promise<ChatSettingsRow> {
  if (changes.pinned === true && changes.archived === true) {
    const message = 'an archived chat cannot be pinned';
    throw new ValidationFailed(message, [{ field: 'pinned', message }]);
  }
  const mutedUntil = changes.mutedUntil === undefined ? undefined : muteEnd(changes.mutedUntil, new Date());
  const settings = await ctx.db.transaction(async (tx) => {
    const { participant } = await requireMember(tx, conversationId, callerId);
    const pin = changes.pinned === true && participant.pinnedAt === null;
    if (pin) {
      await lockPinsOf(tx, callerId);
      if ((await countPinned(tx, callerId)) >= MAX_PINNED) {
        throw new Conflict(`At most ${MAX_PINNED} chats can be pinned; unpin one first`);
      }
    }
    return updateChatSettings(tx, conversationId, callerId, {
      pinned: changes.archived === true ? false : changes.pinned,
      archived: changes.pinned === true ? false : changes.archived,
      mutedUntil,
    });
  });
  // My other devices show the change at once; nobody else learns of it.
  await publishEvent(ctx, [callerId], { type: 'settings.updated', data: { conversationId, settings } });
  return settings;
}
