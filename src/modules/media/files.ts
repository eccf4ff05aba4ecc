// Rendered images on the storage: one random key, two files; all or nothing.

import { IMAGE_SIZES } from '../../core/image-urls.js';
import { randomToken } from '../../lib/secrets.js';
import type { MediaStorage } from '../../lib/storage.js';
import type { RenderedImage } from './images.js';

/** The names served under /media: a random key (144 bits, URL-safe) and the size. */
export const MEDIA_NAME_PATTERN = /^[A-Za-z0-9_-]+-(640|160)\.webp$/;

export function fileNamesFor(key: string): string[] {
  return [`${key}-${IMAGE_SIZES.full}.webp`, `${key}-${IMAGE_SIZES.thumbnail}.webp`];
}

/** Writes both sizes under a fresh unguessable key; if either write fails, neither file is left behind. */
export async function storeImage(storage: MediaStorage, image: RenderedImage): Promise<string> {
  const key = randomToken(18);
  const [fullName, thumbnailName] = fileNamesFor(key);
  try {
    await storage.put(fullName!, image.full);
    await storage.put(thumbnailName!, image.thumbnail);
  } catch (error) {
    await deleteImageFiles(storage, key);
    throw error;
  }
  return key;
}

/** Best effort: a file we cannot delete is an orphan on disk, not a reason to fail the request. */
export async function deleteImageFiles(
  storage: MediaStorage,
  key: string,
  onError: (error: unknown) => void = () => {},
): Promise<void> {
  const results = await Promise.allSettled(fileNamesFor(key).map((name) => storage.delete(name)));
  for (const result of results) if (result.status === 'rejected') onError(result.reason);
}
