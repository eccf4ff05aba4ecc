// Uploaded bytes -> the two WebP sizes we serve. The type is read from the bytes, never from a name or header.
import sharp from 'sharp';
import { IMAGE_SIZES } from '../../core/image-urls.js';
import { UnsupportedMediaType, ValidationFailed } from '../../lib/errors.js';

export type ImageType = 'jpeg' | 'png' | 'webp';

/** Refuses images over 40 megapixels before decoding them: a small file must not expand into gigabytes. */
const MAX_INPUT_PIXELS = 40_000_000;

export function detectImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'png';
  }
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'webp';
  }
  return null;
}

export interface RenderedImage {
  /** At most 640 px on its longer side, aspect ratio kept, never enlarged. */
  full: Buffer;
  /** 160 x 160, cropped to the centre (cover). */
  thumbnail: Buffer;
}

/**
 * Decodes once per size with a pixel limit, applies the EXIF orientation, and re-encodes to WebP.
 * Sharp writes no metadata unless asked to, so EXIF (GPS position, camera) is dropped.
 */
export async function renderImage(bytes: Buffer): Promise<RenderedImage> {
  if (!detectImageType(bytes)) {
    throw new UnsupportedMediaType('The image must be a JPEG, PNG or WebP file');
  }
  const source = () =>
    // failOn 'warning': a truncated or damaged file is refused, not rendered half grey.
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning', autoOrient: true });
  try {
    const [full, thumbnail] = await Promise.all([
      source()
        .resize(IMAGE_SIZES.full, IMAGE_SIZES.full, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer(),
      source()
        .resize(IMAGE_SIZES.thumbnail, IMAGE_SIZES.thumbnail, { fit: 'cover', position: 'centre' })
        .webp({ quality: 80 })
        .toBuffer(),
    ]);
    return { full, thumbnail };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(reason)) {
      throw new ValidationFailed('The image has too many pixels (at most 40 megapixels)', [
        { field: 'image', message: 'has too many pixels' },
      ]);
    }
    throw new ValidationFailed('The image could not be read: the file is damaged or incomplete', [
      { field: 'image', message: 'is damaged or incomplete' },
    ]);
  }
}
