// Attachment rules: members upload to their conversation, the bytes are checked and stored before the
// row is written (a failure at any step leaves nothing behind), and a download is allowed exactly when
// a message carrying the file is one the reader may see.

import type { AppContext } from '../../context.js';
import { type AttachmentRow, attachmentFileNames, deleteAttachmentFiles } from '../../core/attachments.js';
import { requireMember } from '../../core/membership.js';
import { NotFound } from '../../lib/errors.js';
import { safeFileName } from '../../lib/file-names.js';
import { uuidv7 } from '../../lib/ids.js';
import { randomToken } from '../../lib/secrets.js';
import { inspectUpload } from './inspect.js';
import { deleteUnusedBefore, findDownloadable, insertAttachment } from './queries.js';
import type { ReceiveUpload } from './upload.js';

export async function uploadAttachment(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  receive: ReceiveUpload,
): Promise<AttachmentRow> {
  // Before the body is read: an outsider's upload costs no disk.
  await requireMember(ctx.db, conversationId, userId);
  const storageKey = randomToken(18);
  const names = attachmentFileNames(storageKey);
  const files = { ...names, upload: `${names.original}.upload` };
  const received = await receive(ctx.storage, files.upload);
  const removeAll = async () => {
    await Promise.allSettled(
      [files.upload, files.original, files.thumbnail].map((name) => ctx.storage.delete(name)),
    );
  };
  try {
    const inspected = await inspectUpload(ctx.storage, files, {
      size: received.size,
      name: safeFileName(received.filename),
      declaredType: received.declaredType,
    });
    return await insertAttachment(ctx.db, {
      id: uuidv7(),
      conversationId,
      uploaderId: userId,
      storageKey,
      ...inspected,
    });
  } catch (error) {
    await removeAll();
    throw error;
  }
}

/** The attachment and its stored file (or its thumbnail), for a reader allowed to see it; else 404. */
export async function requireDownloadable(
  ctx: AppContext,
  userId: string,
  attachmentId: string,
  variant: 'original' | 'thumbnail',
): Promise<{ attachment: AttachmentRow; fileName: string }> {
  const attachment = await findDownloadable(ctx.db, userId, attachmentId);
  if (!attachment || (variant === 'thumbnail' && !attachment.hasThumbnail)) {
    throw new NotFound('Attachment not found');
  }
  return { attachment, fileName: attachmentFileNames(attachment.storageKey)[variant] };
}

const SWEEP_BATCH = 500;

/** Removes uploads no message used within ATTACHMENT_UNUSED_TTL, rows first, then bytes; answers how many. */
export async function sweepUnusedAttachments(ctx: AppContext, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ctx.config.attachmentUnusedTtlMs);
  let removed = 0;
  for (;;) {
    const rows = await deleteUnusedBefore(ctx.db, cutoff, SWEEP_BATCH);
    await deleteAttachmentFiles(ctx.storage, rows, (error) =>
      ctx.log.warn({ err: error }, 'could not delete an attachment file'),
    );
    removed += rows.length;
    if (rows.length < SWEEP_BATCH) return removed;
  }
}

/** Runs the sweep every ATTACHMENT_SWEEP_INTERVAL; the returned function stops it. */
export function startAttachmentSweeper(ctx: AppContext): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepUnusedAttachments(ctx)
      .then((count) => {
        if (count > 0) ctx.log.info({ count }, 'removed unused attachment uploads');
      })
      .catch((error) => ctx.log.warn({ err: error }, 'attachment sweep failed; it runs again later'))
      .finally(() => {
        running = false;
      });
  }, ctx.config.attachmentSweepIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
