// HTTP routes for Web Push: the server's public key, and each device's subscription.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { callerId, requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, responses } from '../../http/envelope.js';
import { presentSubscription } from './present.js';
import { PushKeySchema, SubscribeBody, SubscriptionParams, SubscriptionSchema } from './schemas.js';
import { mySubscriptions, subscribe, unsubscribe } from './service.js';

const PUSH_DESCRIPTION =
  'A message to a member with no open socket (on any server process) is pushed to each of their devices, ' +
  'unless they sent it, hid it, muted the chat or blocked the sender; nothing is pushed to a device whose login has ended. The payload, encrypted for the device (aes128gcm), ' +
  'is JSON `{ type: "message", conversationId, messageId, title, body }`: `title` is the sender\'s name in a ' +
  "direct chat and the group's title in a group; `body` is the text cut to 120 characters (in a group, " +
  'after the sender\'s first name and a colon; an attachment without a caption shows as "📷 Photo", ' +
  '"🎤 Voice message", "🎥 Video" or "📄 File"). Pushes go out after the message is saved and never delay ' +
  'the send; a push service that answers 5xx, 429 or not at all is tried again with growing waits (5 tries), ' +
  'and a subscription it answers 404 or 410 for is removed.';

export const pushRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext; publicKey: string }> = async (
  app,
  { ctx, publicKey },
) => {
  const authenticate = requireAuth(ctx);

  app.get(
    '/key',
    {
      onRequest: authenticate,
      schema: {
        tags: ['push'],
        operationId: 'getPushKey',
        summary: "The server's VAPID public key",
        description:
          'Pass it as `applicationServerKey` to `PushManager.subscribe`. It stays the same across restarts ' +
          '(VAPID_PUBLIC_KEY, or generated once and kept in DATA_DIR).',
        security: bearerAuth,
        response: responses({ 200: Envelope(PushKeySchema) }, [401]),
      },
    },
    async (_request, reply) => ok(reply, 'Push key retrieved', { publicKey }),
  );

  app.post(
    '/subscriptions',
    {
      onRequest: authenticate,
      schema: {
        tags: ['push'],
        operationId: 'subscribePush',
        summary: "Register this device's Web Push subscription",
        description:
          `${PUSH_DESCRIPTION}\n\nSend \`PushSubscription.toJSON()\` (its \`expirationTime\` is ignored). 201 ` +
          'when new; the same endpoint again answers 200 with the same subscription, its keys updated. An ' +
          'endpoint registered by another account moves to this one (it is the same browser). A user keeps ' +
          'their 10 most recently registered devices. 422 `VALIDATION_FAILED` for an endpoint that is not ' +
          'https, resolves to a private, loopback, link-local, carrier-NAT, multicast or reserved address ' +
          '(IPv4 or IPv6), or does not resolve, and for keys that are not a P-256 public key and a 16-byte secret.',
        security: bearerAuth,
        body: SubscribeBody,
        response: responses(
          { 201: Envelope(SubscriptionSchema), 200: Envelope(SubscriptionSchema) },
          [401, 409],
        ),
      },
    },
    async (request, reply) => {
      const { subscription, created } = await subscribe(ctx, request.auth, request.body);
      return created
        ? ok(reply, 'Push subscription registered', presentSubscription(subscription), 201)
        : ok(reply, 'Push subscription updated', presentSubscription(subscription), 200);
    },
  );

  app.get(
    '/subscriptions',
    {
      onRequest: authenticate,
      schema: {
        tags: ['push'],
        operationId: 'listPushSubscriptions',
        summary: "My devices' push subscriptions",
        description: "Only the caller's own, most recently registered first (at most 10).",
        security: bearerAuth,
        response: responses({ 200: Envelope(Type.Object({ items: Type.Array(SubscriptionSchema) })) }, [401]),
      },
    },
    async (request, reply) => {
      const rows = await mySubscriptions(ctx, callerId(request));
      return ok(reply, 'Push subscriptions retrieved', { items: rows.map(presentSubscription) });
    },
  );

  app.delete(
    '/subscriptions/:subscriptionId',
    {
      onRequest: authenticate,
      schema: {
        tags: ['push'],
        operationId: 'unsubscribePush',
        summary: 'Remove a push subscription',
        description:
          "The caller's own only: someone else's answers 404, as one that does not exist. Pushes not yet " +
          'sent to it are dropped.',
        security: bearerAuth,
        params: SubscriptionParams,
        response: responses({ 200: Envelope(Type.Null()) }, [401, 404]),
      },
    },
    async (request, reply) => {
      await unsubscribe(ctx, callerId(request), request.params.subscriptionId);
      return ok(reply, 'Push subscription removed', null);
    },
  );
};
