// Photo rules: who may change which image, and the order that keeps disk and database consistent:
// render and write the new files first, swap the key in a transaction, delete the old files after commit.
import type { AppContext } from '../../context.js';
import { publishEvent, publishUserChanged } from '../../core/events.js';
import {
  activeMemberIds,
  type ConversationRow,
  lockConversation,
  requireGroupAdmin,
} from '../../core/membership.js';
import type { Tx } from '../../db/client.js';
import { NotFound } from '../../lib/errors.js';
import { presentConversationBase } from '../conversations/present.js';
import type { UserRow } from '../users/present.js';
import { deleteImageFiles, storeImage } from './files.js';
import { renderImage } from './images.js';
import { setConversationImage, swapUserImage } from './queries.js';

/** Supplies the uploaded bytes; called only once the caller is known to be allowed. */
export type ImageSource = () => Promise<Buffer>;

/** Renders and stores the upload, runs `swap` with its key, and cleans up whichever files lost. */
async function replaceImage<T>(
  ctx: AppContext,
  source: ImageSource | null,
  swap: (key: string | null) => Promise<{ previous: string | null; result: T }>,
): Promise<T> {
  const key = source ? await storeImage(ctx.storage, await renderImage(await source())) : null;
  const logFailure = (error: unknown) => ctx.log.warn({ err: error }, 'could not delete a media file');
  let outcome: { previous: string | null; result: T };
  try {
    outcome = await swap(key);
  } catch (error) {
    if (key) await deleteImageFiles(ctx.storage, key, logFailure);
    throw error;
  }
  // Only after the commit: until then the old files were still the ones the database pointed at.
  if (outcome.previous) await deleteImageFiles(ctx.storage, outcome.previous, logFailure);
  return outcome.result;
}

/** Sets the caller's profile photo (or removes it when `source` is null); returns the updated user. */
export async function changeProfileImage(
  ctx: AppContext,
  userId: string,
  source: ImageSource | null,
): Promise<UserRow> {
  const user = await replaceImage(ctx, source, async (key) => {
    const swapped = await ctx.db.transaction((tx) => swapUserImage(tx, userId, key));
    if (!swapped) throw new NotFound('User not found');
    return { previous: swapped.previous, result: swapped.user };
  });
  await publishUserChanged(ctx, userId);
  return user;
}

/** Sets (or removes, when `source` is null) a group's photo and tells its members. */
export async function changeConversationImage(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  source: ImageSource | null,
): Promise<ConversationRow> {
  // Checked before reading the upload, so an outsider's request costs no image decoding.
  await requireGroupAdmin(ctx.db, conversationId, userId, 'change the group photo');
  const { conversation, memberIds } = await replaceImage(ctx, source, async (key) => {
    const swapped = await ctx.db.transaction(async (tx: Tx) => {
      const locked = await lockConversation(tx, conversationId);
      // Again under the lock: the caller may have been demoted while the image was rendering.
      await requireGroupAdmin(tx, conversationId, userId, 'change the group photo');
      const updated = await setConversationImage(tx, conversationId, key);
      return {
        previous: locked.image,
        conversation: updated,
        memberIds: await activeMemberIds(tx, conversationId),
      };
    });
    return { previous: swapped.previous, result: swapped };
  });
  await publishEvent(ctx, memberIds, {
    type: 'conversation.updated',
    data: presentConversationBase(conversation, memberIds.length),
  });
  return conversation;
}
