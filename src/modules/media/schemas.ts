// Request and response schemas of the photo routes and the /media file route.
import { Type } from '@sinclair/typebox';
import { ImageSchema } from '../../core/image-urls.js';
import { Uuid } from '../../http/envelope.js';

/**
 * Documents the multipart body. The file itself is read as a stream by the handler (not attached to
 * request.body), so the schema must also accept the empty body Fastify sees: hence 'null' as a type.
 */
export const ImageUploadBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Unsafe<unknown>({
        type: ['object', 'null'],
        properties: {
          image: {
            type: 'string',
            format: 'binary',
            description: 'JPEG, PNG or WebP, at most 5 MB; the type is read from the bytes',
          },
        },
        required: ['image'],
      }),
    },
  },
};

export const ConversationImageParams = Type.Object({ conversationId: Uuid() });

export const ConversationImageResult = Type.Object({ image: ImageSchema }, { title: 'ConversationImage' });

export const MediaFileParams = Type.Object({
  name: Type.String({ maxLength: 200, description: '<key>-640.webp or <key>-160.webp' }),
});

export const MediaFile = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: 'image/webp',
});
