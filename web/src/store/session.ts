// Who is logged in, and the account actions: signup, login, verification, recovery, profile and photo.
import { unwrap } from '@chat/sdk';
import { signal } from '@preact/signals';
import { navigate } from '../router';
import type { Me } from '../types';
import { startChats, stopChats } from './chats';
import { client } from './client';
import { refreshPush } from './push';

export const me = signal<Me | null>(null);
/** True until the stored session (if any) has been checked. */
export const booting = signal(true);

async function loadMe(): Promise<Me> {
  const user = await unwrap(client.api.GET('/api/v1/users/me'));
  me.value = user;
  return user;
}

async function begin() {
  await loadMe();
  await startChats();
  // A subscription is tied to the login that registered it: this login takes it over.
  void refreshPush().catch(() => {});
}

/** On page load: resume the stored session, if it still works. */
export async function boot() {
  try {
    if (client.loggedIn) await begin();
  } catch {
    me.value = null;
  } finally {
    booting.value = false;
  }
}

client.on('session', (change) => {
  if (change.loggedIn) return;
  me.value = null;
  stopChats();
  navigate('/login', { replace: true });
});

export async function logIn(email: string, password: string) {
  await client.login({ email, password });
  await begin();
}

export async function signUp(body: { firstName: string; lastName: string; email: string; password: string }) {
  await client.signup(body);
  await logIn(body.email, body.password);
}

export async function logOut() {
  try {
    await client.logout();
  } finally {
    me.value = null;
    stopChats();
    navigate('/login', { replace: true });
  }
}

export async function verifyAccount(token: string) {
  await unwrap(client.api.POST('/api/v1/auth/verify-account', { body: { token } }));
  if (client.loggedIn) await loadMe().catch(() => {});
}

export async function resendVerification() {
  await unwrap(client.api.POST('/api/v1/auth/verify-account/resend'));
}

export async function requestRecovery(email: string) {
  await unwrap(client.api.POST('/api/v1/auth/recovery-password', { body: { email } }));
}

export async function resetPassword(token: string, password: string) {
  await unwrap(
    client.api.PATCH('/api/v1/auth/recovery-password/{token}', {
      params: { path: { token } },
      body: { password },
    }),
  );
}

export async function updateProfile(body: { firstName: string; lastName: string; about: string | null }) {
  me.value = await unwrap(client.api.PATCH('/api/v1/users/me', { body }));
}

export async function uploadPhoto(file: File) {
  const form = new FormData();
  form.append('image', file);
  await unwrap(
    client.api.PUT('/api/v1/users/me/profile-image', {
      // openapi-fetch passes FormData through; the browser sets the multipart boundary.
      body: form as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  );
  await loadMe();
}

export async function removePhoto() {
  await unwrap(client.api.DELETE('/api/v1/users/me/profile-image'));
  await loadMe();
}
