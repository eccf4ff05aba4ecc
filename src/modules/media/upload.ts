// Reads the one `image` file of a multipart upload into memory, within the upload limits.
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { PayloadTooLarge, ValidationFailed } from '../../lib/errors.js';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * The multipart plugin enforces the limits while streaming: a larger file stops being buffered at
 * 5 MB and the request answers 413; it is never read whole into memory.
 */
export async function readImageUpload(request: FastifyRequest): Promise<Buffer> {
  const part = await request.file({
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, fieldSize: 1024 },
  });
  if (!part) {
    throw new ValidationFailed('Send the image as the multipart field "image"', [
      { field: 'image', message: 'is required' },
    ]);
  }
  if (part.fieldname !== 'image') {
    part.file.resume();
    throw new ValidationFailed('Send the image as the multipart field "image"', [
      { field: 'image', message: 'is required' },
    ]);
  }
  const bytes = await part.toBuffer();
  // toBuffer throws on the limit already; this guards a stream that was cut at the limit without it.
  if (part.file.truncated) throw new PayloadTooLarge('The image is larger than 5 MB');
  if (bytes.length === 0) {
    throw new ValidationFailed('The image file is empty', [{ field: 'image', message: 'is empty' }]);
  }
  return bytes;
}
