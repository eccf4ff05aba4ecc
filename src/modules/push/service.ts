// Devices' push subscriptions: register (idempotent per endpoint), list and remove one's own.
import { ECDH } from 'node:crypto';
import type { AppContext, AuthIdentity } from '../../context.js';
import { Conflict, NotFound, ValidationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { checkEndpoint, EndpointRejected, EndpointUnresolved } from './endpoint.js';
import {
  deleteOwnSubscription,
  listSubscriptions,
  type SubscriptionRow,
  trimSubscriptions,
  upsertSubscription,
} from './queries.js';

export interface SubscribeInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

function invalid(field: string, message: string): ValidationFailed {
  return new ValidationFailed(`${field} ${message}`, [{ field, message }]);
}

/** The keys as base64url without padding, once they are known to be a P-256 point and a 16-byte secret. */
function normalizeKeys(keys: SubscribeInput['keys']): SubscribeInput['keys'] {
  const p256dh = Buffer.from(keys.p256dh, 'base64url');
  const auth = Buffer.from(keys.auth, 'base64url');
  let onCurve = p256dh.length === 65 && p256dh[0] === 0x04;
  if (onCurve) {
    try {
      ECDH.convertKey(p256dh, 'prime256v1');
    } catch {
      onCurve = false;
    }
  }
  if (!onCurve)
    throw invalid('keys.p256dh', 'must be an uncompressed P-256 public key (65 bytes, base64url)');
  if (auth.length !== 16) throw invalid('keys.auth', 'must be 16 bytes, base64url');
  return { p256dh: p256dh.toString('base64url'), auth: auth.toString('base64url') };
}

export async function subscribe(
  ctx: AppContext,
  caller: AuthIdentity,
  input: SubscribeInput,
): Promise<{ subscription: SubscriptionRow; created: boolean }> {
  const keys = normalizeKeys(input.keys);
  try {
    await checkEndpoint(input.endpoint, ctx.config.pushAllowInsecureEndpoints);
  } catch (error) {
    if (error instanceof EndpointRejected || error instanceof EndpointUnresolved) {
      throw invalid('endpoint', error.message);
    }
    throw error;
  }
  const saved = await ctx.db.transaction(async (tx) => {
    const result = await upsertSubscription(tx, {
      id: uuidv7(),
      userId: caller.userId,
      sessionId: caller.sessionId,
      endpoint: input.endpoint,
      ...keys,
    });
    if (result) await trimSubscriptions(tx, caller.userId);
    return result;
  });
  if (!saved)
    throw new Conflict('This endpoint was registered by another account at the same time; try again');
  return { subscription: saved.row, created: saved.created };
}

export function mySubscriptions(ctx: AppContext, userId: string): Promise<SubscriptionRow[]> {
  return listSubscriptions(ctx.db, userId);
}

/** Someone else's subscription is answered like one that does not exist. */
export async function unsubscribe(ctx: AppContext, userId: string, subscriptionId: string): Promise<void> {
  if (!(await deleteOwnSubscription(ctx.db, userId, subscriptionId))) {
    throw new NotFound('Push subscription not found');
  }
}
