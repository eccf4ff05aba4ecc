// A stored image key -> the two served sizes, for every feature that shows a photo (profiles, groups,
// invite previews). The media module writes <key>-640.webp and <key>-160.webp, served from /media/.
import { Type } from '@sinclair/typebox';

export const IMAGE_SIZES = { full: 640, thumbnail: 160 } as const;

export const ImageSchema = Type.Union([
  Type.Object(
    {
      url: Type.String({ description: 'The 640 px WebP, a path under /media' }),
      thumbnailUrl: Type.String({ description: 'The 160 px square WebP thumbnail' }),
    },
    { title: 'Image' },
  ),
  Type.Null(),
]);

export function presentImage(key: string | null): { url: string; thumbnailUrl: string } | null {
  if (!key) return null;
  return {
    url: `/media/${key}-${IMAGE_SIZES.full}.webp`,
    thumbnailUrl: `/media/${key}-${IMAGE_SIZES.thumbnail}.webp`,
  };
}
