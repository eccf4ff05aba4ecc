// What an upload is, decided from its bytes: images are re-encoded (no metadata) with a thumbnail and
// their size in pixels; audio and video keep their bytes and gain a duration where the container says;
// anything else is a file. A file that claims to be an image and is not one is refused.
import { parseStream } from 'music-metadata';
import sharp, { type Sharp } from 'sharp';
import type { AttachmentKind } from '../../core/attachments.js';
import { ValidationFailed } from '../../lib/errors.js';
import { extensionOf, withExtension } from '../../lib/file-names.js';
import {
  IMAGE_MIME_TYPES,
  type ImageFormat,
  MEDIA_MIME_TYPES,
  type MediaContainer,
  SNIFF_BYTES,
  sniffFileType,
} from '../../lib/file-types.js';
import type { MediaStorage } from '../../lib/storage.js';

/** Refuses images over 40 megapixels before decoding them, like profile photos. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Stored images are at most this many pixels on their longer side (a "HD" photo in chat apps). */
export const MAX_IMAGE_SIDE = 4096;
export const THUMBNAIL_SIZE = 320;

const IMAGE_EXTENSIONS = new Set([
  'jpg',
  'jpeg',
  'jfif',
  'png',
  'gif',
  'webp',
  'heic',
  'heif',
  'avif',
  'bmp',
  'tif',
  'tiff',
]);

export interface Inspected {
  kind: AttachmentKind;
  mimeType: string;
  size: number;
  name: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  hasThumbnail: boolean;
}

export interface UploadFiles {
  /** Where the upload was received. */
  upload: string;
  /** Where the attachment's bytes end up, and an image's thumbnail. */
  original: string;
  thumbnail: string;
}

async function readStream(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readHead(storage: MediaStorage, name: string): Promise<Buffer> {
  const file = await storage.open(name, { start: 0, end: SNIFF_BYTES - 1 });
  if (!file) throw new Error(`The upload ${name} vanished`);
  return readStream(file.stream);
}

const notAnImage = () =>
  new ValidationFailed('The file claims to be an image but is not a readable one', [
    { field: 'file', message: 'is not a readable image' },
  ]);

function encoderFor(format: ImageFormat, image: Sharp): Sharp {
  switch (format) {
    case 'png':
      return image.png({ compressionLevel: 8 });
    case 'gif':
      return image.gif();
    case 'webp':
      return image.webp({ quality: 85 });
    default:
      return image.jpeg({ quality: 85, mozjpeg: true });
  }
}

/** True for a HEIF/AVIF file whose codec this build of libvips cannot decode (HEVC usually). */
function isMissingCodec(error: unknown): boolean {
  const reason = error instanceof Error ? error.message : String(error);
  return /compression format|decoding plugin|not been built|unsupported codec|no decoder/i.test(reason);
}

/**
 * Decodes with the pixel limit (libvips needs the encoded image in memory for that; the upload limit
 * bounds it), applies the EXIF orientation, and re-encodes. Sharp writes no metadata unless asked, so
 * EXIF (GPS position, camera) is gone. GIF and WebP animations stay animated.
 */
async function renderImage(
  storage: MediaStorage,
  files: UploadFiles,
  format: ImageFormat,
): Promise<{ size: number; width: number; height: number }> {
  const file = await storage.open(files.upload);
  if (!file) throw new Error(`The upload ${files.upload} vanished`);
  const input = await readStream(file.stream);
  const animated = format === 'gif' || format === 'webp';
  const source = (pages: boolean) =>
    sharp(input, {
      limitInputPixels: MAX_INPUT_PIXELS,
      failOn: 'warning',
      autoOrient: true,
      animated: pages,
    });
  const [full, thumbnail] = await Promise.all([
    encoderFor(
      format,
      source(animated).resize(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, { fit: 'inside', withoutEnlargement: true }),
    ).toBuffer({ resolveWithObject: true }),
    source(false)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer(),
  ]);
  await storage.put(files.original, full.data);
  await storage.put(files.thumbnail, thumbnail);
  await storage.delete(files.upload);
  return { size: full.data.length, width: full.info.width, height: full.info.pageHeight ?? full.info.height };
}

/** Whether the container holds a video track, and its duration, read in JavaScript from the stored bytes. */
async function readMediaInfo(
  storage: MediaStorage,
  name: string,
  container: MediaContainer,
  size: number,
): Promise<{ hasVideo: boolean; hasAudio: boolean; durationMs: number | null } | null> {
  const file = await storage.open(name);
  if (!file) return null;
  try {
    const { format } = await parseStream(
      file.stream,
      { mimeType: MEDIA_MIME_TYPES[container].video, size },
      { duration: true, skipCovers: true, skipPostHeaders: true },
    );
    const duration = format.duration;
    return {
      hasVideo: format.hasVideo === true,
      hasAudio: format.hasAudio !== false,
      durationMs:
        duration !== undefined && Number.isFinite(duration) && duration > 0
          ? Math.round(duration * 1000)
          : null,
    };
  } catch {
    return null;
  } finally {
    file.stream.destroy();
  }
}

export async function inspectUpload(
  storage: MediaStorage,
  files: UploadFiles,
  received: { size: number; name: string; declaredType: string },
): Promise<Inspected> {
  const sniffed = sniffFileType(await readHead(storage, files.upload));
  const claimsImage =
    received.declaredType.toLowerCase().startsWith('image/') ||
    IMAGE_EXTENSIONS.has(extensionOf(received.name));
  const base = { name: received.name, width: null, height: null, durationMs: null, hasThumbnail: false };

  if (sniffed.family === 'image') {
    try {
      const image = await renderImage(storage, files, sniffed.format);
      const converted = sniffed.format === 'heic' || sniffed.format === 'avif';
      return {
        ...base,
        kind: 'image',
        mimeType: IMAGE_MIME_TYPES[sniffed.format],
        name: converted ? withExtension(received.name, 'jpg') : received.name,
        hasThumbnail: true,
        ...image,
      };
    } catch (error) {
      if (/pixel limit/i.test(error instanceof Error ? error.message : '')) {
        throw new ValidationFailed(
          `The image has too many pixels (at most ${MAX_INPUT_PIXELS / 1e6} megapixels)`,
          [{ field: 'file', message: 'has too many pixels' }],
        );
      }
      // A HEIC photo this server cannot decode is still a photo: it is kept as a file to download.
      if (!(sniffed.format === 'heic' || sniffed.format === 'avif') || !isMissingCodec(error))
        throw notAnImage();
      await storage.move(files.upload, files.original);
      return { ...base, kind: 'file', mimeType: `image/${sniffed.format}`, size: received.size };
    }
  }
  if (claimsImage) throw notAnImage();

  if (sniffed.family === 'media') {
    const info = await readMediaInfo(storage, files.upload, sniffed.container, received.size);
    await storage.move(files.upload, files.original);
    const types = MEDIA_MIME_TYPES[sniffed.container];
    if (!info || (!info.hasVideo && !info.hasAudio)) {
      // Looks like a media container but cannot be read: a download, never played inline.
      return { ...base, kind: 'file', mimeType: 'application/octet-stream', size: received.size };
    }
    const kind = info.hasVideo ? 'video' : 'audio';
    return { ...base, kind, mimeType: types[kind], size: received.size, durationMs: info.durationMs };
  }

  await storage.move(files.upload, files.original);
  return { ...base, kind: 'file', mimeType: sniffed.mimeType, size: received.size };
}
