// Random tokens handed to users, and the hashes we keep of them: the database never holds a usable token.
import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe token with `bytes` of randomness (default 32 bytes = 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
