// Presence: online while any socket of the user is open on any process. Who hears of it, and whose
// presence a user is shown, is decided by core/privacy.ts (shared conversations, the lastSeen setting,
// blocks).
import type { AppContext } from '../context.js';
import { publishEvent, publishUserChanged, type ServerEvent } from '../core/events.js';
import { type PresencePeers, presencePeers } from '../core/privacy.js';
import type { PresenceStore } from './presence-store.js';
import { stampLastSeen } from './queries.js';

export function presenceEvent(userId: string, online: boolean, lastSeenAt: Date | null): ServerEvent {
  return {
    type: 'presence',
    data: { userId, online, lastSeenAt: lastSeenAt ? lastSeenAt.toISOString() : null },
  };
}

/**
 * A socket opened: if it is the user's first, tell those who may see it that they are online (`peers`,
 * read as the socket was admitted). Returns the people online right now whose presence the user may see,
 * so the new socket starts with the full picture.
 */
export async function socketOpened(
  ctx: AppContext,
  store: PresenceStore,
  userId: string,
  connectionId: string,
  peers: PresencePeers,
): Promise<string[]> {
  const first = await store.connect(userId, connectionId);
  const online = [...(await store.onlineAmong(peers.visible))];
  if (first) await publishEvent(ctx, peers.audience, presenceEvent(userId, true, null));
  return online;
}

/** A socket closed: if it was the user's last, store last seen and tell their contacts. */
export async function socketClosed(
  ctx: AppContext,
  store: PresenceStore,
  userId: string,
  connectionId: string,
): Promise<void> {
  if (!(await store.disconnect(userId, connectionId))) return;
  await announceOffline(ctx, store, userId);
}

/** Stores last seen and tells the user's contacts, unless a new socket has opened meanwhile. */
export async function announceOffline(ctx: AppContext, store: PresenceStore, userId: string): Promise<void> {
  const lastSeenAt = await stampLastSeen(ctx.db, userId);
  await publishUserChanged(ctx, userId);
  // A new socket may have opened (here or on another process) while we wrote: then they never went away.
  if ((await store.onlineAmong([userId])).size > 0) return;
  const { audience } = await presencePeers(ctx.db, userId);
  await publishEvent(ctx, audience, presenceEvent(userId, false, lastSeenAt));
}
