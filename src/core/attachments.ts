// Attachments as every feature shows them: the stored file names, the signed download links made for
// one reader, the API shape, and removing the bytes once no message references them. The attachments
// feature uploads and serves them; messages carry and release them.
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { and, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { attachments, messageAttachments } from '../db/schema.js';
import type { MediaStorage } from '../lib/storage.js';

export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentKind = AttachmentRow['kind'];

export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** The storage names of an attachment's bytes and of an image's thumbnail. */
export function attachmentFileNames(storageKey: string): { original: string; thumbnail: string } {
  return { original: `att-${storageKey}`, thumbnail: `att-${storageKey}.thumb` };
}

/** The download route; the attachments feature serves it. */
export const ATTACHMENT_PATH = '/api/v1/attachments';

export interface SignedParams {
  /** The reader the link was made for. */
  u: string;
  /** Expiry, seconds since the epoch. */
  e: number;
  /** base64url HMAC-SHA256 over attachment id, reader and expiry. */
  s: string;
}

/**
 * Signs download links for one reader, so an `<img>` tag can load them without a token. The key is
 * derived from the token-signing key (never used as is for a second purpose); a link names its reader,
 * and the download still checks that this reader may see a message carrying the attachment now.
 */
export class AttachmentLinks {
  private readonly key: Buffer;

  constructor(
    signingKey: KeyObject,
    readonly ttlMs: number,
  ) {
    this.key = createHmac('sha256', signingKey).update('attachment-download-links').digest();
  }

  private signature(attachmentId: string, userId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${attachmentId}.${userId}.${expires}`).digest('base64url');
  }

  /**
   * Expiry is counted from the start of the current minute, so one reader reading the same message
   * again within that minute gets the same link (and their browser's cached copy).
   */
  sign(attachmentId: string, userId: string, now = Date.now()): SignedParams {
    const expires = Math.floor(now / 60_000) * 60 + Math.max(1, Math.floor(this.ttlMs / 1000));
    return { u: userId, e: expires, s: this.signature(attachmentId, userId, expires) };
  }

  /** The reader a valid, unexpired link was made for, or null. */
  verify(attachmentId: string, params: Partial<SignedParams>, now = Date.now()): string | null {
    const { u, e, s } = params;
    if (!u || !e || !s || e * 1000 <= now) return null;
    const expected = Buffer.from(this.signature(attachmentId, u, e));
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected) ? u : null;
  }

  urlsFor(row: AttachmentRow, userId: string, now = Date.now()): { url: string; thumbnailUrl?: string } {
    const { u, e, s } = this.sign(row.id, userId, now);
    const query = `?u=${u}&e=${e}&s=${s}`;
    const url = `${ATTACHMENT_PATH}/${row.id}${query}`;
    return row.hasThumbnail
      ? { url, thumbnailUrl: `${ATTACHMENT_PATH}/${row.id}/thumbnail${query}` }
      : { url };
  }
}

export const AttachmentSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union(
      [Type.Literal('image'), Type.Literal('audio'), Type.Literal('video'), Type.Literal('file')],
      {
        description:
          'Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` ' +
          '(anything else, served as a download)',
      },
    ),
    mimeType: Type.String({ description: 'The Content-Type the bytes are served with' }),
    size: Type.Integer({ description: 'Stored size in bytes' }),
    name: Type.String({
      description: 'The file name as sent, made safe (no folders, no control characters)',
    }),
    width: Type.Optional(Type.Integer({ description: 'Images: the stored width in pixels' })),
    height: Type.Optional(Type.Integer({ description: 'Images: the stored height in pixels' })),
    durationMs: Type.Optional(
      Type.Integer({ description: 'Audio and video, when the container says: the duration' }),
    ),
    url: Type.String({
      description:
        'Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server',
    }),
    thumbnailUrl: Type.Optional(Type.String({ description: 'Images: a WebP thumbnail (at most 320 px)' })),
  },
  { title: 'Attachment' },
);

export function presentAttachment(row: AttachmentRow, links: AttachmentLinks, viewerId: string) {
  return {
    id: row.id,
    kind: row.kind,
    mimeType: row.mimeType,
    size: row.size,
    name: row.name,
    ...(row.width !== null ? { width: row.width } : {}),
    ...(row.height !== null ? { height: row.height } : {}),
    ...(row.durationMs !== null ? { durationMs: row.durationMs } : {}),
    ...links.urlsFor(row, viewerId),
  };
}

export type PresentedAttachment = ReturnType<typeof presentAttachment>;

/** Removes the stored bytes of attachment rows that are gone; best effort (an orphan file is logged). */
export async function deleteAttachmentFiles(
  storage: MediaStorage,
  rows: Pick<AttachmentRow, 'storageKey' | 'hasThumbnail'>[],
  onError: (error: unknown) => void,
): Promise<void> {
  const names = rows.flatMap((row) => {
    const files = attachmentFileNames(row.storageKey);
    return row.hasThumbnail ? [files.original, files.thumbnail] : [files.original];
  });
  const results = await Promise.allSettled(names.map((name) => storage.delete(name)));
  for (const result of results) if (result.status === 'rejected') onError(result.reason);
}

/**
 * After a message stopped referencing `attachmentIds` (deleted for everyone, committed): removes those
 * that no other message references (a forward keeps them alive), rows first, then their bytes.
 *
 * The rows are locked before the reference check: a forward copying the reference at the same moment
 * holds a key-share lock on them through its foreign key, so either it commits first and the check sees
 * its reference, or it waits and finds the source's references already gone.
 */
export async function releaseAttachments(
  db: Db,
  storage: MediaStorage,
  attachmentIds: string[],
  onError: (error: unknown) => void,
): Promise<void> {
  if (attachmentIds.length === 0) return;
  const removed = await db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(inArray(attachments.id, attachmentIds), isNotNull(attachments.usedAt)))
      .for('update');
    if (locked.length === 0) return [];
    return tx
      .delete(attachments)
      .where(
        and(
          inArray(
            attachments.id,
            locked.map((row) => row.id),
          ),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(messageAttachments)
              .where(eq(messageAttachments.attachmentId, attachments.id)),
          ),
        ),
      )
      .returning({ storageKey: attachments.storageKey, hasThumbnail: attachments.hasThumbnail });
  });
  await deleteAttachmentFiles(storage, removed, onError);
}
