// WebSocket close codes the server uses: 4xxx mirror the HTTP status a client already knows how to handle.
export const CloseCode = {
  /** The server is shutting down or restarting: reconnect (to another process) after a short pause. */
  goingAway: 1001,
  /** A frame over the size limit (ws sends this itself when maxPayload is exceeded). */
  tooBig: 1009,
  /** Bad, expired or revoked token, logout, password change or account deletion: log in again. */
  unauthenticated: 4401,
  /** No auth frame arrived in time after the socket opened. */
  authTimeout: 4408,
  /** The user opened more sockets than allowed: the oldest is closed to make room for the new one. */
  tooManySockets: 4409,
  /**
   * The client does not read fast enough (the server will not buffer without bound), or too many sockets
   * from one address are waiting to authenticate: back off, then reconnect.
   */
  tooSlow: 4429,
} as const;

/** Close reasons are limited to 123 bytes by the protocol. */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123
    ? text
    : bytes
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD$/, '');
}
