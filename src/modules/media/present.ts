// A stored image key -> the two served sizes. Files are written by the media module as <key>-640.webp
// and <key>-160.webp under DATA_DIR/media and served from /media/.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../http/envelope.js';

export const IMAGE_SIZES = { full: 640, thumbnail: 160 } as const;

export const ImageSchema = Nullable(
  Type.Object(
    {
      url: Type.String({ description: 'The 640 px WebP, a path under /media' }),
      thumbnailUrl: Type.String({ description: 'The 160 px square WebP thumbnail' }),
    },
    { title: 'Image' },
  ),
);

export function presentImage(key: string | null): { url: string; thumbnailUrl: string } | null {
  if (!key) return null;
  return {
    url: `/media/${key}-${IMAGE_SIZES.full}.webp`,
    thumbnailUrl: `/media/${key}-${IMAGE_SIZES.thumbnail}.webp`,
  };
}
