// Web Push registration: subscribe the browser's PushManager for the server's VAPID key and register the
// subscription with the server. Typed by structure, so it runs (and is tested) outside a browser too.
import { type ApiClient, unwrap } from './rest.js';
import type { PushSubscriptionInfo } from './types.js';

/** What a browser's PushSubscription offers that registration needs. */
export interface PushSubscriptionLike {
  options?: { applicationServerKey?: ArrayBuffer | null };
  toJSON(): { endpoint?: string; keys?: Record<string, string> };
  unsubscribe(): Promise<boolean>;
}

/** What a browser's PushManager (`registration.pushManager`) offers that registration needs. */
export interface PushManagerLike {
  getSubscription(): Promise<PushSubscriptionLike | null>;
  subscribe(options: {
    userVisibleOnly: boolean;
    applicationServerKey: Uint8Array<ArrayBuffer>;
  }): Promise<PushSubscriptionLike>;
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

/**
 * Subscribes this browser for the server's key (reusing a subscription made for the same key, replacing
 * one made for another) and registers it; registering again is harmless. Call it after the user allowed
 * notifications (`Notification.requestPermission()`).
 */
export async function registerPush(
  api: ApiClient,
  pushManager: PushManagerLike,
): Promise<PushSubscriptionInfo> {
  const { publicKey } = await unwrap(api.GET('/api/v1/push/key'));
  const key = fromBase64Url(publicKey);
  let subscription = await pushManager.getSubscription();
  if (subscription && !sameBytes(subscription.options?.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth)
    throw new Error('The push subscription has no endpoint or keys');
  return unwrap(
    api.POST('/api/v1/push/subscriptions', {
      body: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } },
    }),
  );
}
