// HTTP route of message search, under /api/v1/search.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { callerId, requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, Page, responses } from '../../http/envelope.js';
import { limitPerUser } from '../../http/rate-limit.js';
import { SearchHitSchema, SearchMessagesQuery } from './schemas.js';
import { searchMessages } from './service.js';

export const searchRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const limitSearches = limitPerUser(ctx, {
    name: 'message-search',
    limit: ctx.config.messageSearchRateLimit,
    windowMs: 60_000,
  });

  app.get(
    '/messages',
    {
      onRequest: [requireAuth(ctx), limitSearches],
      schema: {
        tags: ['search'],
        operationId: 'searchMessages',
        summary: 'Find messages by their words, newest first',
        description:
          'Across all your conversations, or one (`conversationId`). Finds only what you may read now: ' +
          'conversations you belong to, messages sent while you were a member, not deleted for everyone, ' +
          'not deleted for you; edited messages by their current text. Words are split and compared as ' +
          'PostgreSQL\'s "simple" text-search parser does (no stemming, so Spanish and English read alike; ' +
          'a run of letters in a script without spaces, such as Chinese, counts as one word). A query of ' +
          'only punctuation or symbols finds nothing. An empty (or blank) query or one over 200 ' +
          'characters is 422. Each user may search MESSAGE_SEARCH_RATE_LIMIT times a minute (then 429).',
        security: bearerAuth,
        querystring: SearchMessagesQuery,
        response: responses({ 200: Envelope(Page(SearchHitSchema)) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const page = await searchMessages(ctx, callerId(request), request.query);
      return ok(reply, 'Messages found', page);
    },
  );
};
