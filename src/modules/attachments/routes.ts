// HTTP routes of attachments: the multipart upload (in this plugin's scope only) and the downloads.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AttachmentSchema, presentAttachment } from '../../core/attachments.js';
import { bearerToken, callerId, requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, responses } from '../../http/envelope.js';
import { limitPerUser } from '../../http/rate-limit.js';
import { parseByteRange } from '../../lib/byte-ranges.js';
import { NotFound, RangeNotSatisfiable } from '../../lib/errors.js';
import { contentDisposition } from '../../lib/file-names.js';
import {
  AttachmentUploadBody,
  DownloadParams,
  DownloadQuery,
  fileResponse,
  UploadParams,
} from './schemas.js';
import { requireDownloadable, uploadAttachment } from './service.js';
import { receiveMultipartFile } from './upload.js';

/** Played or shown in the page; anything else is saved as a download. */
const INLINE_KINDS = new Set(['image', 'audio', 'video']);

export const attachmentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const maxBytes = ctx.config.attachmentMaxBytes;
  await app.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6 } });
  const authenticate = requireAuth(ctx);
  // Shares the photo uploads' allowance (UPLOAD_RATE_LIMIT a minute), checked before the body is read.
  const limitUploads = limitPerUser(ctx, {
    name: 'upload',
    limit: ctx.config.uploadRateLimit,
    windowMs: 60_000,
  });

  app.post(
    '/conversations/:conversationId/attachments',
    {
      onRequest: [authenticate, limitUploads],
      schema: {
        tags: ['attachments'],
        operationId: 'uploadAttachment',
        summary: 'Upload a photo, voice note, video or file to a conversation',
        description:
          'Multipart field `file`, at most ATTACHMENT_MAX_BYTES (default 25 MB; larger is 413 and nothing is ' +
          'kept). The type is read from the bytes, never from the name: JPEG, PNG, WebP, GIF and HEIC (where ' +
          'this server decodes it) are `image`, re-encoded without metadata (at most 4096 px, 40 megapixels), ' +
          'with a 320 px WebP thumbnail; Ogg/Opus, WebM, MP4/AAC and MP3 are `audio` (with durationMs when ' +
          'the container says), MP4 and WebM with a video track are `video`; anything else is a `file`, ' +
          'served as a download. A file whose name or declared type says image but whose bytes are not a ' +
          'readable image is 422. Members only (others 404). Put the id in a message (attachmentIds) within ' +
          'ATTACHMENT_UNUSED_TTL (default 24 h) or it is removed; until then only you can download it.',
        security: bearerAuth,
        consumes: ['multipart/form-data'],
        params: UploadParams,
        body: AttachmentUploadBody,
        response: responses({ 201: Envelope(AttachmentSchema) }, [401, 404, 413, 415]),
      },
    },
    async (request, reply) => {
      const userId = callerId(request);
      const row = await uploadAttachment(
        ctx,
        userId,
        request.params.conversationId,
        receiveMultipartFile(request, maxBytes),
      );
      return ok(reply, 'Attachment uploaded', presentAttachment(row, ctx.attachmentLinks, userId), 201);
    },
  );

  /** Who asks: the reader a valid signed link names, else the bearer token's user; else 404. */
  async function readerOf(
    request: FastifyRequest<{ Params: { attachmentId: string }; Querystring: typeof DownloadQuery.static }>,
  ) {
    const { u, e, s } = request.query;
    if (u !== undefined || s !== undefined) {
      const reader = ctx.attachmentLinks.verify(request.params.attachmentId, { u, e, s });
      if (reader) return { userId: reader, expires: e! };
      throw new NotFound('Attachment not found');
    }
    const token = bearerToken(request);
    if (!token) throw new NotFound('Attachment not found');
    try {
      return { userId: (await ctx.authenticate(token)).userId, expires: null };
    } catch {
      throw new NotFound('Attachment not found');
    }
  }

  const download = (variant: 'original' | 'thumbnail') => ({
    schema: {
      tags: ['attachments'],
      operationId: variant === 'original' ? 'downloadAttachment' : 'downloadAttachmentThumbnail',
      summary: variant === 'original' ? 'An attachment’s bytes' : 'An image attachment’s thumbnail (WebP)',
      description:
        'Use the `url` / `thumbnailUrl` of the attachment as given (signed for you, valid ATTACHMENT_URL_TTL), ' +
        'or send the bearer token. Allowed while a message carrying it is one you may see now (history ' +
        'visibility; gone when deleted for everyone, or for you), or while it is your own unused upload; ' +
        'else 404, as for a bad or expired signature. `Range: bytes=…` answers 206 (416 past the end). ' +
        'Images, audio and video are `inline`, other files `attachment` (Content-Disposition with the ' +
        'name); X-Content-Type-Options: nosniff; Cache-Control is private.',
      security: [{}, ...bearerAuth],
      params: DownloadParams,
      querystring: DownloadQuery,
      response: {
        ...responses({}, [404, 416]),
        200: fileResponse('The bytes, with the Content-Type of the attachment'),
        206: fileResponse('The requested range (Content-Range says which)'),
      },
    },
  });

  const serve =
    (variant: 'original' | 'thumbnail') =>
    async (
      request: FastifyRequest<{ Params: { attachmentId: string }; Querystring: typeof DownloadQuery.static }>,
      reply: import('fastify').FastifyReply,
    ) => {
      const reader = await readerOf(request);
      const { attachment, fileName } = await requireDownloadable(
        ctx,
        reader.userId,
        request.params.attachmentId,
        variant,
      );
      const stored = await ctx.storage.stat(fileName);
      if (!stored) throw new NotFound('Attachment not found');
      const range = parseByteRange(request.headers.range, stored.size);
      if (range === 'unsatisfiable') throw new RangeNotSatisfiable(stored.size);
      const file = await ctx.storage.open(fileName, range ?? undefined);
      if (!file) throw new NotFound('Attachment not found');
      const thumbnail = variant === 'thumbnail';
      const inline = thumbnail || INLINE_KINDS.has(attachment.kind);
      // A signed link may be cached by the reader's browser until it expires, never by a shared cache.
      const maxAge =
        reader.expires === null ? 0 : Math.max(0, reader.expires - Math.floor(Date.now() / 1000));
      reply
        .type(thumbnail ? 'image/webp' : attachment.mimeType)
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', maxAge > 0 ? `private, max-age=${maxAge}` : 'private, no-cache')
        .header('accept-ranges', 'bytes')
        // Nothing served here may run script, even if a browser were talked into rendering it.
        .header('content-security-policy', "default-src 'none'; sandbox");
      if (range) {
        reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${stored.size}`)
          .header('content-length', range.end - range.start + 1);
      } else {
        reply.header('content-length', stored.size);
      }
      return reply.send(file.stream);
    };

  app.get('/attachments/:attachmentId', download('original'), serve('original'));
  app.get('/attachments/:attachmentId/thumbnail', download('thumbnail'), serve('thumbnail'));
};
