// HTTP routes of /api/v1/conversations (conversations and their participants): validate, call a service, present.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { requireAuth } from '../../http/auth.js';
import {
  bearerAuth,
  Envelope,
  JSON_UTF8,
  Nullable,
  ok,
  Page,
  PaginationQuery,
  responses,
  Uuid,
} from '../../http/envelope.js';
import { changeRole, listMembers, removeMember } from './members.js';
import { firstMuteEnd, peersShown, presentDetails, presentParticipant, presentSummary } from './present.js';
import {
  AddParticipantBody,
  ChatSettingsSchema,
  ConversationDetailsSchema,
  ConversationParams,
  ConversationSummarySchema,
  CreateConversationBody,
  ListConversationsQuery,
  ParticipantParams,
  ParticipantSchema,
  UpdateChatSettingsBody,
  UpdateConversationBody,
  UpdateRoleBody,
} from './schemas.js';
import {
  addMember,
  createConversation,
  deleteConversation,
  getConversation,
  listConversations,
  updateConversation,
} from './service.js';
import { changeChatSettings, MAX_PINNED } from './settings.js';

const NOT_A_MEMBER = 'Answers 404 to anyone who is not a member, whether or not the conversation exists.';

export const conversationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('onRequest', requireAuth(ctx));
  const tags = ['conversations'];

  app.post(
    '',
    {
      schema: {
        tags,
        operationId: 'createConversation',
        summary: 'Start a direct chat or create a group, with its members, in one request',
        description:
          'Direct: `participantIds` names exactly one other user; if the pair already has a chat it is ' +
          'returned with 200 (and shown again if you had deleted it for yourself); a title is ignored. ' +
          'Group: `title` is ' +
          'required; you become its owner and the others members. Unknown or deactivated users fail ' +
          'with 422 listing their ids, and nothing is created.',
        security: bearerAuth,
        body: CreateConversationBody,
        response: responses(
          { 201: Envelope(ConversationDetailsSchema), 200: Envelope(ConversationDetailsSchema) },
          [401],
        ),
      },
    },
    async (request, reply) => {
      const { created, view } = await createConversation(ctx, request.auth.userId, request.body);
      const details = presentDetails(view.summary, view.participants);
      return created
        ? ok(reply, 'Conversation created successfully', details, 201)
        : ok(reply, 'Conversation already exists', details);
    },
  );

  app.get(
    '',
    {
      schema: {
        tags,
        operationId: 'listConversations',
        summary: 'My conversations: pinned first, then newest activity first',
        description:
          'Each entry carries the last message I may see, my unread count, my settings for the chat and, ' +
          'for direct chats, the other person. Direct chats I deleted for myself are left out until a new ' +
          'message arrives. Archived chats are left out unless `archived=true`, which lists only them; a ' +
          'new message does not unarchive a chat. Pinned chats come first, the latest pinned first.',
        security: bearerAuth,
        querystring: ListConversationsQuery,
        response: responses({ 200: Envelope(Page(ConversationSummarySchema)) }, [401]),
      },
    },
    async (request, reply) => {
      const { userId } = request.auth;
      const { cursor } = request.query;
      const limit = request.query.limit ?? 50;
      const archived = request.query.archived ?? false;
      // A first page is sent as this process last wrote it while nothing it shows changed (core/inbox-cache.ts).
      const key = `${archived ? 'archived' : 'inbox'}:${limit}`;
      if (!cursor) {
        const cached = ctx.inbox.get(userId, key);
        if (cached) return reply.type(JSON_UTF8).send(cached);
      }
      const read = ctx.inbox.begin();
      const page = await listConversations(ctx, userId, { limit, archived, ...(cursor ? { cursor } : {}) });
      const items = page.items.map(presentSummary);
      const body = ok(reply, 'Conversations retrieved successfully', { items, nextCursor: page.nextCursor });
      if (cursor) return body;
      // The route's serializer (fast-json-stringify) writes a string.
      const bytes = Buffer.from(reply.serialize(body) as string);
      ctx.inbox.remember(userId, key, bytes, peersShown(items), read, firstMuteEnd(items));
      return reply.type(JSON_UTF8).send(bytes);
    },
  );

  app.get(
    '/:conversationId',
    {
      schema: {
        tags,
        operationId: 'getConversation',
        summary: 'One conversation with its participants',
        description: NOT_A_MEMBER,
        security: bearerAuth,
        params: ConversationParams,
        response: responses({ 200: Envelope(ConversationDetailsSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const view = await getConversation(ctx, request.auth.userId, request.params.conversationId);
      return ok(
        reply,
        'Conversation retrieved successfully',
        presentDetails(view.summary, view.participants),
      );
    },
  );

  app.patch(
    '/:conversationId',
    {
      schema: {
        tags,
        operationId: 'updateConversation',
        summary: 'Rename a group or change its description (group owner and admins)',
        description: `Direct chats have no title: 403. ${NOT_A_MEMBER}`,
        security: bearerAuth,
        params: ConversationParams,
        body: UpdateConversationBody,
        response: responses({ 200: Envelope(ConversationDetailsSchema) }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const view = await updateConversation(
        ctx,
        request.auth.userId,
        request.params.conversationId,
        request.body,
      );
      return ok(reply, 'Conversation updated successfully', presentDetails(view.summary, view.participants));
    },
  );

  app.patch(
    '/:conversationId/settings',
    {
      schema: {
        tags,
        operationId: 'updateChatSettings',
        summary: 'Pin, archive or mute a chat for myself',
        description:
          `Only my own view of the chat changes. At most ${MAX_PINNED} chats are pinned: a sixth is 409 ` +
          'CONFLICT. Archiving unpins the chat and pinning unarchives it, so `pinned: true` with ' +
          '`archived: true` is 422. `mutedUntil` is a time in the future (a past one is 422), "forever", ' +
          'or null to unmute; a mute that has run out reads as null. All my sockets (my other devices) get ' +
          `\`settings.updated\` with the new settings; nobody else is told. ${NOT_A_MEMBER}`,
        security: bearerAuth,
        params: ConversationParams,
        body: UpdateChatSettingsBody,
        response: responses({ 200: Envelope(ChatSettingsSchema) }, [401, 404, 409]),
      },
    },
    async (request, reply) => {
      const settings = await changeChatSettings(
        ctx,
        request.auth.userId,
        request.params.conversationId,
        request.body,
      );
      return ok(reply, 'Chat settings updated successfully', settings);
    },
  );

  app.delete(
    '/:conversationId',
    {
      schema: {
        tags,
        operationId: 'deleteConversation',
        summary: 'Delete a group for everyone (owner), or hide a direct chat for yourself',
        description:
          'A hidden direct chat comes back to your list when a new message arrives or when you start ' +
          `it again. ${NOT_A_MEMBER}`,
        security: bearerAuth,
        params: ConversationParams,
        response: responses(
          {
            200: Envelope(
              Type.Object({ deletedFor: Type.Union([Type.Literal('everyone'), Type.Literal('me')]) }),
            ),
          },
          [401, 403, 404],
        ),
      },
    },
    async (request, reply) => {
      const result = await deleteConversation(ctx, request.auth.userId, request.params.conversationId);
      return ok(reply, 'Conversation deleted successfully', result);
    },
  );

  app.get(
    '/:conversationId/participants',
    {
      schema: {
        tags,
        operationId: 'listParticipants',
        summary: 'Current members with their role and when they joined, oldest membership first',
        description: NOT_A_MEMBER,
        security: bearerAuth,
        params: ConversationParams,
        querystring: Type.Object(PaginationQuery),
        response: responses({ 200: Envelope(Page(ParticipantSchema)) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const page = await listMembers(ctx, request.auth.userId, request.params.conversationId, {
        limit: request.query.limit ?? 50,
        ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
      });
      return ok(reply, 'Participants retrieved successfully', {
        items: page.items.map(presentParticipant),
        nextCursor: page.nextCursor,
      });
    },
  );

  app.post(
    '/:conversationId/participants',
    {
      schema: {
        tags,
        operationId: 'addParticipant',
        summary: 'Add a member to a group (group owner and admins)',
        description:
          'Their history starts now: they see no message sent before this moment. Adding someone who ' +
          'already is a member changes nothing and answers 200; a new member answers 201. Unknown or ' +
          `deactivated users are 404; direct chats have no members to manage (403). ${NOT_A_MEMBER}`,
        security: bearerAuth,
        params: ConversationParams,
        body: AddParticipantBody,
        response: responses(
          { 201: Envelope(ParticipantSchema), 200: Envelope(ParticipantSchema) },
          [401, 403, 404],
        ),
      },
    },
    async (request, reply) => {
      const { added, participant } = await addMember(
        ctx,
        request.auth.userId,
        request.params.conversationId,
        request.body.userId,
      );
      return added
        ? ok(reply, 'Participant added successfully', presentParticipant(participant), 201)
        : ok(reply, 'User already is a participant', presentParticipant(participant));
    },
  );

  app.patch(
    '/:conversationId/participants/:userId',
    {
      schema: {
        tags,
        operationId: 'updateParticipantRole',
        summary: 'Make a member an admin or an admin a member (group owner and admins)',
        description:
          'Admins promote members; only the owner demotes another admin (an admin may step down); ' +
          "nobody changes the owner's role. Ownership passes only when the owner leaves. " +
          NOT_A_MEMBER,
        security: bearerAuth,
        params: ParticipantParams,
        body: UpdateRoleBody,
        response: responses(
          {
            200: Envelope(
              Type.Object({ userId: Uuid(), role: UpdateRoleBody.properties.role, changed: Type.Boolean() }),
            ),
          },
          [401, 403, 404],
        ),
      },
    },
    async (request, reply) => {
      const { conversationId, userId } = request.params;
      const { changed } = await changeRole(
        ctx,
        request.auth.userId,
        conversationId,
        userId,
        request.body.role,
      );
      return ok(reply, 'Role updated successfully', { userId, role: request.body.role, changed });
    },
  );

  app.delete(
    '/:conversationId/participants/:userId',
    {
      schema: {
        tags,
        operationId: 'removeParticipant',
        summary: 'Remove a member (group owner and admins), or leave (your own id)',
        description:
          'Admins remove members; only the owner removes admins; nobody removes the owner. Anyone may ' +
          'leave. An owner who leaves hands the group to the longest-standing admin, else the ' +
          'longest-standing member; when the last member leaves, the group is deleted. Removed members ' +
          `keep no access: every route answers them 404. ${NOT_A_MEMBER}`,
        security: bearerAuth,
        params: ParticipantParams,
        response: responses(
          {
            200: Envelope(
              Type.Object({
                userId: Uuid(),
                left: Type.Boolean({ description: 'True when you removed yourself' }),
                newOwnerId: Nullable(Uuid()),
                conversationDeleted: Type.Boolean({ description: 'True when the last member left' }),
              }),
            ),
          },
          [401, 403, 404],
        ),
      },
    },
    async (request, reply) => {
      const { conversationId, userId } = request.params;
      const outcome = await removeMember(ctx, request.auth.userId, conversationId, userId);
      return ok(
        reply,
        outcome.left ? 'You left the conversation' : 'Participant removed successfully',
        outcome,
      );
    },
  );
};
