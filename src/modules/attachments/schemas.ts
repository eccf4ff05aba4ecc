// Request and response schemas of the attachment routes.
import { Type } from '@sinclair/typebox';
import { Uuid } from '../../http/envelope.js';

/**
 * Documents the multipart body. The file is read as a stream by the handler (not attached to
 * request.body), so the schema must also accept the empty body Fastify sees: hence 'null' as a type.
 */
export const AttachmentUploadBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Unsafe<unknown>({
        type: ['object', 'null'],
        properties: {
          file: {
            type: 'string',
            format: 'binary',
            description:
              'Any file up to ATTACHMENT_MAX_BYTES (default 25 MB); its type is read from the bytes',
          },
        },
        required: ['file'],
      }),
    },
  },
};

export const UploadParams = Type.Object({ conversationId: Uuid() });

export const DownloadParams = Type.Object({ attachmentId: Uuid() });

export const DownloadQuery = Type.Object({
  u: Type.Optional(Type.String({ maxLength: 64, description: 'Signed link: the reader it was made for' })),
  e: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Signed link: expiry (seconds since the epoch)' }),
  ),
  s: Type.Optional(Type.String({ maxLength: 128, description: 'Signed link: the signature' })),
});

const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });

export const fileResponse = (description: string) => ({
  description,
  content: { 'application/octet-stream': { schema: Binary } },
});
