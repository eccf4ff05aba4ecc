// My privacy settings: read and change them. What they decide lives in core/privacy.ts.
import type { AppContext } from '../../context.js';
import { publishEvent, publishUserChanged } from '../../core/events.js';
import { NotFound } from '../../lib/errors.js';
import { type PrivacySettings, selectPrivacy, updatePrivacyColumns } from './privacy-queries.js';

export type { PrivacySettings } from './privacy-queries.js';

export async function getPrivacy(ctx: AppContext, userId: string): Promise<PrivacySettings> {
  const privacy = await selectPrivacy(ctx.db, userId);
  if (!privacy) throw new NotFound('User not found');
  return privacy;
}

/** Only the fields given change (the schema has refused unknown values and an empty body). */
export async function updatePrivacy(
  ctx: AppContext,
  userId: string,
  changes: Partial<PrivacySettings>,
): Promise<PrivacySettings> {
  const privacy = await updatePrivacyColumns(ctx.db, userId, changes);
  if (!privacy) throw new NotFound('User not found');
  // My other devices show the new settings at once; pages that show my photo or last seen are read again.
  await publishEvent(ctx, [userId], { type: 'privacy.updated', data: privacy });
  await publishUserChanged(ctx, userId);
  return privacy;
}
