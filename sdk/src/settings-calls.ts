// Typed calls for what a user controls about their own account: per-chat settings (pin, archive, mute),
// the block list and privacy settings.
import { type ApiClient, unwrap } from './rest.js';
import type { BlockedUser, ChatSettings, ChatSettingsChanges, Privacy, PrivacyChanges } from './types.js';

/** A sixth pin is an ApiError with status 409 (`CONFLICT`). */
export function updateChatSettings(
  api: ApiClient,
  conversationId: string,
  changes: ChatSettingsChanges,
): Promise<ChatSettings> {
  return unwrap(
    api.PATCH('/api/v1/conversations/{conversationId}/settings', {
      params: { path: { conversationId } },
      body: changes,
    }),
  );
}

export function blockUser(api: ApiClient, userId: string): Promise<BlockedUser> {
  return unwrap(api.PUT('/api/v1/users/{userId}/block', { params: { path: { userId } } }));
}

export async function unblockUser(api: ApiClient, userId: string): Promise<void> {
  await unwrap(api.DELETE('/api/v1/users/{userId}/block', { params: { path: { userId } } }));
}

/** Everyone I blocked, every page of the list. */
export async function listBlockedUsers(api: ApiClient): Promise<BlockedUser[]> {
  const all: BlockedUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api.GET('/api/v1/users/me/blocked', {
        params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    );
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export function getPrivacy(api: ApiClient): Promise<Privacy> {
  return unwrap(api.GET('/api/v1/users/me/privacy'));
}

export function updatePrivacy(api: ApiClient, changes: PrivacyChanges): Promise<Privacy> {
  return unwrap(api.PATCH('/api/v1/users/me/privacy', { body: changes }));
}
