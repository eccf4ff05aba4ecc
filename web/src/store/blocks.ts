// The people I blocked, loaded after login and changed by block and unblock. applyBlocked is the one way
// the list changes here, whichever device changed it.
import { signal } from '@preact/signals';
import type { BlockedUser } from '../types';
import { client } from './client';
import { remember } from './people';

/** userId → the block; null until the list first loads. */
export const blocked = signal<Record<string, BlockedUser> | null>(null);

export function isBlocked(userId: string | undefined): boolean {
  return userId !== undefined && blocked.value?.[userId] !== undefined;
}

/** The whole list (from the server), replacing what was known. */
export function setBlockedList(list: BlockedUser[]) {
  blocked.value = Object.fromEntries(list.map((entry) => [entry.user.id, entry]));
  remember(list.map((entry) => entry.user));
}

/** One person blocked (with the block) or unblocked (null). */
export function applyBlocked(userId: string, block: BlockedUser | null) {
  const next = { ...(blocked.value ?? {}) };
  if (block) next[userId] = block;
  else delete next[userId];
  blocked.value = next;
}

export async function loadBlocked() {
  setBlockedList(await client.blockedUsers());
}

export async function blockUser(userId: string) {
  applyBlocked(userId, await client.blockUser(userId));
}

export async function unblockUser(userId: string) {
  await client.unblockUser(userId);
  applyBlocked(userId, null);
}

export function resetBlocked() {
  blocked.value = null;
}
