// Request log lines without secrets: the WebSocket access token may travel in the query string, and
// password-reset tokens and invite codes are path segments.
import type { FastifyRequest } from 'fastify';

/** Path segments that are secrets in themselves: whoever reads them can reset a password or join a group. */
const SECRET_SEGMENTS = /(\/(?:recovery-password|invites|join)\/)[^/?#]+/gi;
const SECRET_QUERY = /([?&](?:token|code)=)[^&#]*/gi;

/** Replaces tokens and invite codes, in the path or the query string, with [redacted]. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_SEGMENTS, '$1[redacted]').replace(SECRET_QUERY, '$1[redacted]');
}

/** Fastify's own request serializer, with the url redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket ? request.socket.remotePort : undefined,
  };
}
