// Request ids: the server names each request; a client's X-Request-Id is kept only when it is a UUID, so a
// made-up value never reaches the logs, the response headers or a 500's message.
import { UUID_PATTERN } from '../lib/ids.js';

const UUID = new RegExp(UUID_PATTERN);

export function clientRequestId(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && UUID.test(header) ? header.toLowerCase() : null;
}
