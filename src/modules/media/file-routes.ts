// GET /media/:name: the stored photo files, public and cacheable forever (a new photo gets a new name).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { responses } from '../../http/envelope.js';
import { NotFound } from '../../lib/errors.js';
import { MEDIA_NAME_PATTERN } from './files.js';
import { MediaFile, MediaFileParams } from './schemas.js';

export const mediaFileRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/:name',
    {
      schema: {
        tags: ['media'],
        operationId: 'getMediaFile',
        security: [],
        summary: 'A photo file (WebP)',
        description:
          'Names come from `profileImage` / `image` urls and carry 144 random bits, so they are not guessable; ' +
          'files never change under a name, hence the immutable cache header.',
        params: MediaFileParams,
        response: {
          ...responses({}, [404]),
          200: { description: 'The WebP file', content: { 'image/webp': { schema: MediaFile } } },
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      // The pattern admits no dots or slashes beyond the suffix: no path can leave the media folder.
      const file = MEDIA_NAME_PATTERN.test(name) ? await ctx.storage.open(name) : null;
      if (!file) throw new NotFound('Media file not found');
      reply
        .type('image/webp')
        .header('content-length', file.size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff');
      return reply.send(file.stream);
    },
  );
};
