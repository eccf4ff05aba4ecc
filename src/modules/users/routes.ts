// HTTP routes of /api/v1/users: validate, call the service, present. Profile photos live in the media module.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, Page, responses } from '../../http/envelope.js';
import { limitPerUser } from '../../http/rate-limit.js';
import { PublicUserSchema, presentPublicUser, presentSelf, SelfUserSchema } from './present.js';
import { ChangePasswordBody, UpdateProfileBody, UserParams, UserSearchQuery } from './schemas.js';
import { changePassword, getActiveUser, searchUsers, updateOwnProfile } from './service.js';

export const userRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('onRequest', requireAuth(ctx));

  app.get(
    '/me',
    {
      schema: {
        tags: ['users'],
        operationId: 'getMe',
        summary: 'My own profile',
        security: bearerAuth,
        response: responses({ 200: Envelope(SelfUserSchema) }, [401]),
      },
    },
    async (request, reply) => {
      const user = await getActiveUser(ctx, request.auth.userId);
      return ok(reply, 'Profile retrieved successfully', presentSelf(user));
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['users'],
        operationId: 'updateMe',
        summary: 'Change my first name, last name, phone or about; other fields are ignored',
        security: bearerAuth,
        body: UpdateProfileBody,
        response: responses({ 200: Envelope(SelfUserSchema) }, [401]),
      },
    },
    async (request, reply) => {
      const user = await updateOwnProfile(ctx, request.auth.userId, request.body);
      return ok(reply, 'Profile updated successfully', presentSelf(user));
    },
  );

  app.put(
    '/me/password',
    {
      schema: {
        tags: ['users'],
        operationId: 'changePassword',
        summary: 'Change my password; every other session is logged out, this one keeps working',
        description:
          'A wrong currentPassword is 401 INVALID_CREDENTIALS: the session is fine (only UNAUTHENTICATED ' +
          'and TOKEN_EXPIRED mean it is not).',
        security: bearerAuth,
        body: ChangePasswordBody,
        response: responses({ 200: Envelope(Type.Null()) }, [401]),
      },
    },
    async (request, reply) => {
      await changePassword(ctx, request.auth, request.body);
      return ok(reply, 'Password changed successfully', null);
    },
  );

  app.get(
    '',
    {
      schema: {
        tags: ['users'],
        operationId: 'searchUsers',
        summary: 'Find people by name prefix or exact email address (public profiles, ordered by name)',
        description:
          'A search with an @ matches a whole email address only, never part of one. An empty search is 422. ' +
          'Each user may search USER_SEARCH_RATE_LIMIT times a minute (then 429).',
        security: bearerAuth,
        querystring: UserSearchQuery,
        response: responses({ 200: Envelope(Page(PublicUserSchema)) }, [401]),
      },
      preHandler: limitPerUser(ctx, {
        name: 'user-search',
        limit: ctx.config.userSearchRateLimit,
        windowMs: 60_000,
      }),
    },
    async (request, reply) => {
      const page = await searchUsers(ctx, request.query);
      return ok(reply, 'Users retrieved successfully', {
        items: page.items.map(presentPublicUser),
        nextCursor: page.nextCursor,
      });
    },
  );

  app.get(
    '/:userId',
    {
      schema: {
        tags: ['users'],
        operationId: 'getUser',
        summary: "Someone's public profile (404 for unknown or deactivated accounts)",
        security: bearerAuth,
        params: UserParams,
        response: responses({ 200: Envelope(PublicUserSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const user = await getActiveUser(ctx, request.params.userId);
      return ok(reply, 'User retrieved successfully', presentPublicUser(user));
    },
  );
};
