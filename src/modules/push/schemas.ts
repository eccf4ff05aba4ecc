// Request and response schemas of the push routes.
import { Type } from '@sinclair/typebox';
import { Timestamp, Uuid } from '../../http/envelope.js';

const Base64Url = (description: string, minLength: number, maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+={0,2}$', minLength, maxLength, description });

export const SubscribeBody = Type.Object({
  endpoint: Type.String({
    minLength: 1,
    maxLength: 2048,
    description:
      "The push service URL from the browser's PushSubscription: https, on a host that resolves only to " +
      'public addresses (checked again before every push)',
  }),
  keys: Type.Object({
    p256dh: Base64Url("The browser's P-256 public key: 65 bytes (uncompressed point), base64url", 86, 88),
    auth: Base64Url("The browser's auth secret: 16 bytes, base64url", 22, 24),
  }),
});

export const SubscriptionParams = Type.Object({ subscriptionId: Uuid() });

export const SubscriptionSchema = Type.Object(
  {
    id: Uuid(),
    endpoint: Type.String(),
    createdAt: Timestamp(),
    updatedAt: Timestamp('When the device last registered it'),
  },
  { title: 'PushSubscription' },
);

export const PushKeySchema = Type.Object(
  {
    publicKey: Type.String({
      description:
        "The server's VAPID public key (base64url, 65 bytes): the browser's applicationServerKey when it subscribes",
    }),
  },
  { title: 'PushKey' },
);
