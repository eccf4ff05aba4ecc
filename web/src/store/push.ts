// Notifications while the app is closed: the service worker (public/sw.js) and this browser's Web Push
// subscription, registered with the server through the SDK.
import { signal } from '@preact/signals';
import { client } from './client';

export type PushState = 'unsupported' | 'off' | 'on' | 'blocked';

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

function currentState(): PushState {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  return Notification.permission === 'granted' ? 'on' : 'off';
}

export const pushState = signal<PushState>(currentState());

/** Asks for permission (from a click), then subscribes this browser and registers it with the server. */
export async function enablePush(): Promise<void> {
  if (!supported()) return;
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    pushState.value = currentState();
    return;
  }
  const registration = await navigator.serviceWorker.register('/sw.js');
  await client.registerPush(registration.pushManager);
  pushState.value = 'on';
}

/** Keeps the server's copy of this browser's subscription current after a login (keys may rotate). */
export async function refreshPush(): Promise<void> {
  if (currentState() !== 'on') return;
  const registration = await navigator.serviceWorker.getRegistration('/sw.js');
  if (registration) await client.registerPush(registration.pushManager);
}
