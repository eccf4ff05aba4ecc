// My privacy settings, loaded when the privacy screen first needs them. applyPrivacy is the one way they
// change here, whichever device changed them.
import { signal } from '@preact/signals';
import type { Privacy, PrivacyChanges } from '../types';
import { client } from './client';

export const privacy = signal<Privacy | null>(null);

export function applyPrivacy(settings: Privacy) {
  privacy.value = settings;
}

export async function loadPrivacy() {
  applyPrivacy(await client.privacy());
}

/** Shows the choice at once and saves it; a refusal puts back what was there. */
export async function changePrivacy(changes: PrivacyChanges) {
  const before = privacy.value;
  if (before) applyPrivacy({ ...before, ...changes });
  try {
    applyPrivacy(await client.updatePrivacy(changes));
  } catch (error) {
    if (before) applyPrivacy(before);
    throw error;
  }
}

export function resetPrivacy() {
  privacy.value = null;
}
