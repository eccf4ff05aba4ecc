// SQL of the privacy settings: the four columns of a user's row.
import { eq } from 'drizzle-orm';
import type { Audience, GroupAddAudience } from '../../core/privacy.js';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema.js';

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

export async function selectPrivacy(db: Executor, userId: string): Promise<PrivacySettings | null> {
  const [row] = await db.select(privacyColumns).from(users).where(eq(users.id, userId));
  return row ?? null;
}

export async function updatePrivacyColumns(
  db: Executor,
  userId: string,
  changes: Partial<PrivacySettings>,
): Promise<PrivacySettings | null> {
  const [row] = await db
    .update(users)
    .set({
      privacyLastSeen: changes.lastSeen,
      privacyProfilePhoto: changes.profilePhoto,
      privacyReadReceipts: changes.readReceipts,
      privacyGroupAdd: changes.groupAdd,
    })
    .where(eq(users.id, userId))
    .returning(privacyColumns);
  return row ?? null;
}
