// My settings of a chat: pin, mute, archive. Each change goes to the server and its answer through
// applyChatSettings; a refusal (a sixth pin) is shown as a notice.
import { t } from '../i18n';
import type { ChatSettings, ConversationSummary } from '../types';
import { client } from './client';
import { applyChatSettings } from './inbox';
import { showError } from './notices';

/** The most chats the server lets me pin. */
export const MAX_PINNED = 5;

export type MuteChoice = '8h' | '1w' | 'always';

const HOUR = 3_600_000;
const MUTE_SPANS: Record<Exclude<MuteChoice, 'always'>, number> = { '8h': 8 * HOUR, '1w': 7 * 24 * HOUR };

async function change(chat: ConversationSummary, changes: Partial<ChatSettings>) {
  try {
    applyChatSettings(chat.id, await client.updateChatSettings(chat.id, changes));
  } catch (error) {
    showError(error, { 409: t('pinLimit', { n: MAX_PINNED }) });
  }
}

export function setPinned(chat: ConversationSummary, pinned: boolean) {
  return change(chat, { pinned });
}

export function setArchived(chat: ConversationSummary, archived: boolean) {
  return change(chat, { archived });
}

/** Mutes for 8 hours, a week or always; null unmutes. */
export function mute(chat: ConversationSummary, choice: MuteChoice | null) {
  const mutedUntil =
    choice === null
      ? null
      : choice === 'always'
        ? 'forever'
        : new Date(Date.now() + MUTE_SPANS[choice]).toISOString();
  return change(chat, { mutedUntil });
}
