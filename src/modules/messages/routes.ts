// HTTP routes of messages, read state and reconnect sync, all under /api/v1/conversations/:conversationId.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { callerId, requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, Page, responses } from '../../http/envelope.js';
import { limitPerUser } from '../../http/rate-limit.js';
import { deleteMessage } from './delete.js';
import { editMessage } from './edit.js';
import { getMessage, listMessages } from './history.js';
import { removeReaction, setReaction } from './reactions.js';
import { getReceipts, markRead } from './read-state.js';
import {
  ChangesQuery,
  ChangesSchema,
  ConversationParams,
  DeleteMessageQuery,
  DeleteResultSchema,
  EditMessageBody,
  ForwardBody,
  ForwardResultSchema,
  ListMessagesQuery,
  MessageParams,
  MessageSchema,
  ReactionBody,
  ReadBody,
  ReadResultSchema,
  ReceiptsSchema,
  SendMessageBody,
} from './schemas.js';
import { forwardMessage, sendMessage } from './send.js';
import { listChanges } from './sync.js';

const tags = ['messages'];

export const messageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const onRequest = requireAuth(ctx);
  // Sends and forwards share one allowance: a burst of MESSAGE_RATE_LIMIT per 10 s per user.
  const limitSends = limitPerUser(ctx, {
    name: 'send',
    limit: ctx.config.messageRateLimit,
    windowMs: 10_000,
  });

  app.get(
    '/:conversationId/messages',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'listMessages',
        summary: 'Messages you may see, newest first',
        description:
          'Only messages sent while you were a member. Without a cursor: the newest page; pass nextCursor ' +
          'as `before` for older ones. With `after`: the messages right after that cursor (still newest ' +
          'first within the page); pass nextCursor as `after` again until it is null. Fetching marks ' +
          'the newest fetched message delivered to you.',
        security: bearerAuth,
        params: ConversationParams,
        querystring: ListMessagesQuery,
        response: responses({ 200: Envelope(Page(MessageSchema)) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const page = await listMessages(ctx, callerId(request), request.params.conversationId, request.query);
      return ok(reply, 'Messages retrieved successfully', page);
    },
  );

  app.post(
    '/:conversationId/messages',
    {
      onRequest: [onRequest, limitSends],
      schema: {
        tags,
        operationId: 'sendMessage',
        summary: 'Send a message',
        description:
          '201 with the new message. With a clientMessageId you already used in this conversation, 200 with ' +
          'the first message instead: retries never create a copy. Sending marks the conversation read ' +
          'for you up to your message.',
        security: bearerAuth,
        params: ConversationParams,
        body: SendMessageBody,
        response: responses({ 200: Envelope(MessageSchema), 201: Envelope(MessageSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const result = await sendMessage(ctx, callerId(request), request.params.conversationId, request.body);
      return result.created
        ? ok(reply, 'Message sent successfully', result.message, 201)
        : ok(reply, 'Message was already sent', result.message);
    },
  );

  app.get(
    '/:conversationId/messages/:messageId',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'getMessage',
        summary: 'One message',
        security: bearerAuth,
        params: MessageParams,
        response: responses({ 200: Envelope(MessageSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId, messageId } = request.params;
      const message = await getMessage(ctx, callerId(request), conversationId, messageId);
      return ok(reply, 'Message retrieved successfully', message);
    },
  );

  app.patch(
    '/:conversationId/messages/:messageId',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'editMessage',
        summary: 'Edit the text of your message',
        description:
          'Its sender only (others: 403 `NOT_SENDER`), within MESSAGE_EDIT_WINDOW (default 15 min) of ' +
          'sending (after: 403 `EDIT_WINDOW_PASSED`). A message deleted for everyone or a forwarded copy ' +
          'cannot be edited (409 `CONFLICT`). A message you may not see is 404. Sets `editedAt`; every ' +
          'member who may see the message gets `message.updated`, `/changes` returns it again, and search, ' +
          'reply previews and the conversation list show the new text. Saving the same text again changes ' +
          'nothing.',
        security: bearerAuth,
        params: MessageParams,
        body: EditMessageBody,
        response: responses({ 200: Envelope(MessageSchema) }, [401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const { conversationId, messageId } = request.params;
      const message = await editMessage(
        ctx,
        callerId(request),
        conversationId,
        messageId,
        request.body.content,
      );
      return ok(reply, 'Message edited successfully', message);
    },
  );

  app.put(
    '/:conversationId/messages/:messageId/reaction',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'setReaction',
        summary: 'React to a message (one emoji per member; a new one replaces yours)',
        description:
          'Any member who may see the message; a message you may not see (not a member, sent before you ' +
          'joined, hidden for you, deleted for everyone) is 404. Answers the message as you see it; ' +
          'every member who may see it gets `message.updated` and `/changes` returns it again. Reacting ' +
          'with the emoji you already chose changes nothing.',
        security: bearerAuth,
        params: MessageParams,
        body: ReactionBody,
        response: responses({ 200: Envelope(MessageSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId, messageId } = request.params;
      const message = await setReaction(
        ctx,
        callerId(request),
        conversationId,
        messageId,
        request.body.emoji,
      );
      return ok(reply, 'Reaction saved', message);
    },
  );

  app.delete(
    '/:conversationId/messages/:messageId/reaction',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'removeReaction',
        summary: 'Remove your reaction from a message',
        description:
          'Removing when you have none is harmless. Answers the message as you see it; a message you may ' +
          'not see is 404.',
        security: bearerAuth,
        params: MessageParams,
        response: responses({ 200: Envelope(MessageSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId, messageId } = request.params;
      const message = await removeReaction(ctx, callerId(request), conversationId, messageId);
      return ok(reply, 'Reaction removed', message);
    },
  );

  app.delete(
    '/:conversationId/messages/:messageId',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'deleteMessage',
        summary: 'Delete a message for everyone, or hide it for me (scope=me)',
        description:
          'For everyone: its sender within MESSAGE_DELETE_WINDOW (default 48 h) of sending, or a group ' +
          'admin or owner at any time; the content is erased and a tombstone (deleted: true, content: ' +
          'null) keeps its place. For me: any member; the message disappears from your views only. ' +
          'Deleting twice is harmless.',
        security: bearerAuth,
        params: MessageParams,
        querystring: DeleteMessageQuery,
        response: responses({ 200: Envelope(DeleteResultSchema) }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId, messageId } = request.params;
      const scope = request.query.scope ?? 'everyone';
      const result = await deleteMessage(ctx, callerId(request), conversationId, messageId, scope);
      return ok(reply, scope === 'me' ? 'Message hidden for you' : 'Message deleted for everyone', result);
    },
  );

  app.post(
    '/:conversationId/messages/:messageId/forward',
    {
      onRequest: [onRequest, limitSends],
      schema: {
        tags,
        operationId: 'forwardMessage',
        summary: 'Forward a message to 1 to 5 conversations',
        description:
          'All targets are checked first (you must see the message and be a member of each target), then ' +
          'every copy is written in one transaction. Each copy carries forwarded: { count, originalSentAt }; ' +
          'count grows by one per hop, and 5 or more reads as "forwarded many times". A deleted message ' +
          'cannot be forwarded (422).',
        security: bearerAuth,
        params: MessageParams,
        body: ForwardBody,
        response: responses({ 201: Envelope(ForwardResultSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId, messageId } = request.params;
      const items = await forwardMessage(
        ctx,
        callerId(request),
        conversationId,
        messageId,
        request.body.conversationIds,
      );
      return ok(reply, 'Message forwarded successfully', { items }, 201);
    },
  );

  app.get(
    '/:conversationId/messages/:messageId/receipts',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'getMessageReceipts',
        summary: 'Who received and read a message',
        description:
          'Over the other members whose membership covers the message; `at` is when that member last ' +
          'moved their delivered or read marker. The sender never appears.',
        security: bearerAuth,
        params: MessageParams,
        response: responses({ 200: Envelope(ReceiptsSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId, messageId } = request.params;
      const receipts = await getReceipts(ctx, callerId(request), conversationId, messageId);
      return ok(reply, 'Receipts retrieved successfully', receipts);
    },
  );

  app.post(
    '/:conversationId/read',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'markConversationRead',
        summary: 'Mark the conversation read up to a message',
        description:
          'The read marker only moves forward; reading also marks delivered. Raises receipt.updated.',
        security: bearerAuth,
        params: ConversationParams,
        body: ReadBody,
        response: responses({ 200: Envelope(ReadResultSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const result = await markRead(
        ctx,
        callerId(request),
        request.params.conversationId,
        request.body.messageId,
      );
      return ok(reply, 'Conversation marked as read', result);
    },
  );

  app.get(
    '/:conversationId/changes',
    {
      onRequest,
      schema: {
        tags,
        operationId: 'listChanges',
        summary: 'Everything that changed since a sync cursor (reconnect sync)',
        description:
          'Recipe after a disconnect: GET /conversations; for each conversation whose syncCursor differs ' +
          'from the one you stored, call this with since=<stored cursor>, then again with since=nextCursor ' +
          'until nextCursor is null, and store the last syncCursor. items are the messages you may see ' +
          'that were created, edited, reacted to or deleted (as tombstones) since then, oldest change ' +
          'first (replace your copy by id); hiddenMessageIds ' +
          'are messages you deleted for yourself on another device; readStates are ' +
          "every member's current read state (read and delivered markers). Without `since`: no items, just the current " +
          'syncCursor and readStates, a starting point.',
        security: bearerAuth,
        params: ConversationParams,
        querystring: ChangesQuery,
        response: responses({ 200: Envelope(ChangesSchema) }, [401, 404]),
      },
    },
    async (request, reply) => {
      const changes = await listChanges(ctx, callerId(request), request.params.conversationId, request.query);
      return ok(reply, 'Changes retrieved successfully', changes);
    },
  );
};
