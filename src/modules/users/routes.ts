// HTTP routes of /api/v1/users: validate, call the service, present. Profile photos live in the media module.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, Page, responses } from '../../http/envelope.js';
import { limitPerUser } from '../../http/rate-limit.js';
import { blockUser, listBlocked, unblockUser } from './blocks.js';
import {
  BlockedUserSchema,
  PublicUserSchema,
  presentBlocked,
  presentPublicUser,
  presentSelf,
  SelfUserSchema,
} from './present.js';
import { getPrivacy, updatePrivacy } from './privacy.js';
import {
  BlockedQuery,
  ChangePasswordBody,
  PrivacySchema,
  UpdatePrivacyBody,
  UpdateProfileBody,
  UserParams,
  UserSearchQuery,
} from './schemas.js';
import { changePassword, getOwnProfile, getPublicUser, searchUsers, updateOwnProfile } from './service.js';

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
      const user = await getOwnProfile(ctx, request.auth.userId);
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
      const page = await searchUsers(ctx, request.auth.userId, request.query);
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
      const user = await getPublicUser(ctx, request.auth.userId, request.params.userId);
      return ok(reply, 'User retrieved successfully', presentPublicUser(user));
    },
  );

  app.get(
    '/me/privacy',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'getPrivacy',
        summary: 'My privacy settings',
        security: bearerAuth,
        response: responses({ 200: Envelope(PrivacySchema) }, [401]),
      },
    },
    async (request, reply) => {
      return ok(reply, 'Privacy settings retrieved successfully', await getPrivacy(ctx, request.auth.userId));
    },
  );

  app.patch(
    '/me/privacy',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'updatePrivacy',
        summary: 'Change my privacy settings (only the fields sent change; an unknown value is 422)',
        description:
          'A contact is someone I share a direct chat with. `lastSeen` decides who sees my online status and ' +
          'last seen: everyone I share a conversation with, contacts only, or nobody; never anyone either of ' +
          'us blocked. `profilePhoto` decides who sees my photo wherever my profile is shown (nobody across a ' +
          'block). `readReceipts: false` turns read receipts off both ways in direct chats: others do not see ' +
          'that I read their messages and I do not see that they read mine (delivered still shows); groups ' +
          'keep them. `groupAdd: contacts`: anyone else gets 403 when adding me to a group; invite links ' +
          "still work. Unlike WhatsApp, hiding my last seen does not hide the others' from me. All my " +
          'sockets (my other devices) get `privacy.updated` with the new settings.',
        security: bearerAuth,
        body: UpdatePrivacyBody,
        response: responses({ 200: Envelope(PrivacySchema) }, [401]),
      },
    },
    async (request, reply) => {
      const privacy = await updatePrivacy(ctx, request.auth.userId, request.body);
      return ok(reply, 'Privacy settings updated successfully', privacy);
    },
  );

  app.get(
    '/me/blocked',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'listBlockedUsers',
        summary: 'The people I blocked, latest block first',
        security: bearerAuth,
        querystring: BlockedQuery,
        response: responses({ 200: Envelope(Page(BlockedUserSchema)) }, [401]),
      },
    },
    async (request, reply) => {
      const page = await listBlocked(ctx, request.auth.userId, request.query);
      return ok(reply, 'Blocked users retrieved successfully', {
        items: page.items.map(presentBlocked),
        nextCursor: page.nextCursor,
      });
    },
  );

  app.put(
    '/:userId/block',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'blockUser',
        summary: 'Block someone (blocking again changes nothing)',
        description:
          'They can no longer start a direct chat with me or add me to a group (403). What they send in our ' +
          'direct chat stays `sent` for them and never reaches me: not in history, events, unread counts, ' +
          'sync or notifications, not even after I unblock. I cannot send in that chat until I unblock (403 ' +
          "`BLOCKED`). Neither of us sees the other's online status, last seen, typing or photo. In groups we " +
          'share, messages still reach both of us, as in WhatsApp. Blocking myself is 422; an unknown user 404. ' +
          'All my sockets (my other devices) get `user.blocked`; the blocked person is not told.',
        security: bearerAuth,
        params: UserParams,
        response: responses({ 200: Envelope(BlockedUserSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const blocked = await blockUser(ctx, request.auth.userId, request.params.userId);
      return ok(reply, 'User blocked', presentBlocked(blocked));
    },
  );

  app.delete(
    '/:userId/block',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'unblockUser',
        summary: 'Unblock someone; what they sent while blocked is not delivered',
        description:
          'All my sockets (my other devices) get `user.unblocked` when there was a block to end; the other ' +
          'person is not told. Their messages from while they were blocked stay `sent` for them: ' +
          '`withheldMessageIds` in my read state as they see it names them, so their clients do not count ' +
          'me for those.',
        security: bearerAuth,
        params: UserParams,
        response: responses({ 200: Envelope(Type.Null()) }, [401, 404]),
      },
    },
    async (request, reply) => {
      await unblockUser(ctx, request.auth.userId, request.params.userId);
      return ok(reply, 'User unblocked', null);
    },
  );
};
