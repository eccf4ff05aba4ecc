// HTTP routes for invite links: managed under a group, previewed and used under /invites/:code.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { callerId, requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, Page, responses } from '../../http/envelope.js';
import { presentDetails } from '../conversations/present.js';
import { ConversationDetailsSchema } from '../conversations/schemas.js';
import { presentInvite, presentPreview } from './present.js';
import {
  CreateInviteBody,
  GroupInviteParams,
  GroupInvitesParams,
  InviteCodeParams,
  InvitePreviewSchema,
  InviteSchema,
  ListInvitesQuery,
} from './schemas.js';
import { createInvite, joinWithInvite, listInvites, previewInvite, revokeInvite } from './service.js';

export const inviteRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const authenticate = requireAuth(ctx);

  app.post(
    '/conversations/:conversationId/invites',
    {
      onRequest: authenticate,
      schema: {
        tags: ['invites'],
        operationId: 'createInvite',
        summary: 'Create an invite link (group admins)',
        description:
          '`expiresAt` defaults to, and may not be later than, now + INVITE_MAX_TTL (30 days unless set). ' +
          '`maxUses` 1 to 100000, or absent/null for no limit. A plain member gets 403, a non-member 404, ' +
          'a direct conversation 422.',
        security: bearerAuth,
        params: GroupInvitesParams,
        body: CreateInviteBody,
        response: responses({ 201: Envelope(InviteSchema) }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const invite = await createInvite(ctx, callerId(request), request.params.conversationId, request.body);
      return ok(reply, 'Invite link created', presentInvite(ctx.config, invite), 201);
    },
  );

  app.get(
    '/conversations/:conversationId/invites',
    {
      onRequest: authenticate,
      schema: {
        tags: ['invites'],
        operationId: 'listInvites',
        summary: "The group's live invite links (group admins)",
        description: 'Links that are not revoked, not expired and not used up; newest first.',
        security: bearerAuth,
        params: GroupInvitesParams,
        querystring: ListInvitesQuery,
        response: responses({ 200: Envelope(Page(InviteSchema)) }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const page = await listInvites(ctx, callerId(request), request.params.conversationId, {
        limit: request.query.limit ?? 50,
        ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
      });
      return ok(reply, 'Invite links retrieved', {
        items: page.items.map((invite) => presentInvite(ctx.config, invite)),
        nextCursor: page.nextCursor,
      });
    },
  );

  app.delete(
    '/conversations/:conversationId/invites/:code',
    {
      onRequest: authenticate,
      schema: {
        tags: ['invites'],
        operationId: 'revokeInvite',
        summary: 'Revoke an invite link (group admins)',
        description: 'The link answers 410 from then on. Revoking twice is harmless.',
        security: bearerAuth,
        params: GroupInviteParams,
        response: responses({ 200: Envelope(InviteSchema) }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId, code } = request.params;
      const invite = await revokeInvite(ctx, callerId(request), conversationId, code);
      return ok(reply, 'Invite link revoked', presentInvite(ctx.config, invite));
    },
  );

  app.get(
    '/invites/:code',
    {
      onRequest: authenticate,
      schema: {
        tags: ['invites'],
        operationId: 'previewInvite',
        summary: 'Preview the group behind an invite link',
        description:
          'Any logged-in user. Unknown code 404; expired, revoked or used-up link (or deleted group) 410 GONE, ' +
          'except for someone already in the group, who always gets the preview.',
        security: bearerAuth,
        params: InviteCodeParams,
        response: responses({ 200: Envelope(InvitePreviewSchema) }, [401, 404, 410]),
      },
    },
    async (request, reply) => {
      const preview = await previewInvite(ctx, callerId(request), request.params.code);
      return ok(reply, 'Invite link retrieved', presentPreview(preview));
    },
  );

  app.post(
    '/invites/:code/join',
    {
      onRequest: authenticate,
      schema: {
        tags: ['invites'],
        operationId: 'joinByInvite',
        summary: 'Join the group behind an invite link',
        description:
          '201 with the conversation when the caller joins: they see messages from this moment on, and the ' +
          'members receive `participant.added`. 200 when they already are a member (no use is spent). ' +
          'Expired, revoked or used-up links are 410 GONE.',
        security: bearerAuth,
        params: InviteCodeParams,
        response: responses(
          { 201: Envelope(ConversationDetailsSchema), 200: Envelope(ConversationDetailsSchema) },
          [401, 404, 410],
        ),
      },
    },
    async (request, reply) => {
      const { joined, view } = await joinWithInvite(ctx, callerId(request), request.params.code);
      const details = presentDetails(view.summary, view.participants);
      return joined
        ? ok(reply, 'You joined the group', details, 201)
        : ok(reply, 'You are already a member of this group', details, 200);
    },
  );
};
