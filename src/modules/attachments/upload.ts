// Reads the one `file` part of a multipart upload straight into storage, counting bytes as they pass:
// the file is never held whole in memory, and one byte over the limit ends the write with nothing stored.
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { PayloadTooLarge, ValidationFailed } from '../../lib/errors.js';
import type { MediaStorage } from '../../lib/storage.js';

export interface ReceivedFile {
  /** Bytes stored. */
  size: number;
  /** As the client named it (not yet made safe). */
  filename: string;
  /** As the client declared it: only ever used to refuse a file that claims to be an image and is not. */
  declaredType: string;
}

/** Stores the upload under `name` and describes it; fills no memory beyond the stream's buffers. */
export type ReceiveUpload = (storage: MediaStorage, name: string) => Promise<ReceivedFile>;

async function* limited(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new PayloadTooLarge(`The file is larger than the limit of ${maxBytes} bytes`);
    }
    yield chunk;
  }
}

const fileRequired = () =>
  new ValidationFailed('Send the file as the multipart field "file"', [
    { field: 'file', message: 'is required' },
  ]);

export function receiveMultipartFile(request: FastifyRequest, maxBytes: number): ReceiveUpload {
  return async (storage, name) => {
    // The parser stops one byte past the limit; the counter below is what refuses the file.
    const part = await request.file({
      limits: { fileSize: maxBytes + 1, files: 1, fields: 5, fieldSize: 1024 },
      throwFileSizeLimit: false,
    });
    if (!part) throw fileRequired();
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw fileRequired();
    }
    const size = await storage.write(name, Readable.from(limited(part.file, maxBytes)));
    if (size === 0) {
      await storage.delete(name);
      throw new ValidationFailed('The file is empty', [{ field: 'file', message: 'is empty' }]);
    }
    return { size, filename: part.filename, declaredType: part.mimetype ?? '' };
  };
}
