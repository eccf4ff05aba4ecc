// My privacy settings: read and change them. What they decide lives in core/privacy.ts.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Audience, GroupAddAudience } from '../../core/privacy.js';
import { users } from '../../db/schema.js';
import { NotFound } from '../../lib/errors.js';

export interface PrivacySettings {
  lastSeen: Audience;
  profilePhoto: Audience;
  readReceipts: boolean;
  groupAdd: GroupAddAudience;
}

const privacyColumns = {
  lastSeen: users.privacyLastSeen,
  profilePhoto: users.privacyProfilePhoto,
  readReceipts: users.privacyReadReceipts,
  groupAdd: users.privacyGroupAdd,
};

export async function getPrivacy(ctx: AppContext, userId: string): Promise<PrivacySettings> {
  const [row] = await ctx.db.select(privacyColumns).from(users).where(eq(users.id, userId));
  if (!row) throw new NotFound('User not found');
  return row;
}

export async function updatePrivacy(
  ctx: AppContext,
  userId: string,
  changes: Partial<PrivacySettings>,
): Promise<PrivacySettings> {
  const set: Partial<typeof users.$inferInsert> = {};
  if (changes.lastSeen !== undefined) set.privacyLastSeen = changes.lastSeen;
  if (changes.profilePhoto !== undefined) set.privacyProfilePhoto = changes.profilePhoto;
  if (changes.readReceipts !== undefined) set.privacyReadReceipts = changes.readReceipts;
  if (changes.groupAdd !== undefined) set.privacyGroupAdd = changes.groupAdd;
  if (Object.keys(set).length === 0) return getPrivacy(ctx, userId);
  const [row] = await ctx.db.update(users).set(set).where(eq(users.id, userId)).returning(privacyColumns);
  if (!row) throw new NotFound('User not found');
  return row;
}
