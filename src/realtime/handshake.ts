// The first moments of a socket: the access token (query or first frame) within the time limit, or a close.
import { AppError } from '../lib/errors.js';
import { authenticateSocket } from './admission.js';
import { CloseCode } from './close-codes.js';
import type { ClientConnection } from './connection.js';
import type { Gateway } from './gateway.js';

const authTimers = new WeakMap<ClientConnection, NodeJS.Timeout>();

/**
 * Starts the clock, or checks the query token at once (settling when it has been checked); frames sent
 * meanwhile wait in the socket's queue.
 */
export function beginHandshake(
  gateway: Gateway,
  connection: ClientConnection,
  queryToken: string | undefined,
): Promise<void> | undefined {
  if (queryToken) {
    return new Promise((resolve) => {
      // The first task of a new socket: the queue has room.
      connection.enqueue(() => authenticate(gateway, connection, queryToken).finally(resolve));
    });
  }
  const timer = setTimeout(() => {
    if (!connection.authenticated) {
      connection.close(CloseCode.authTimeout, 'No auth frame arrived in time');
    }
  }, gateway.ctx.config.wsAuthTimeoutMs);
  timer.unref();
  authTimers.set(connection, timer);
  connection.socket.once('close', () => clearTimeout(timer));
  return undefined;
}

/** The full check (signature, expiry, live session, active user); a failure closes with 4401 and says why. */
export async function authenticate(
  gateway: Gateway,
  connection: ClientConnection,
  token: unknown,
): Promise<void> {
  clearTimeout(authTimers.get(connection));
  try {
    if (typeof token !== 'string' || token === '') {
      throw new AppError(401, 'UNAUTHENTICATED', 'The auth frame must carry the access token as "token"');
    }
    const { identity, peers } = await authenticateSocket(gateway.ctx, token);
    await gateway.admit(connection, identity, peers);
  } catch (error) {
    const known = error instanceof AppError && error.status === 401;
    if (!known) gateway.ctx.log.error({ err: error }, 'WebSocket authentication failed unexpectedly');
    const code = known ? error.code : 'UNAUTHENTICATED';
    const message = known ? error.message : 'Authentication failed';
    connection.sendError(code, message, 'auth');
    connection.close(CloseCode.unauthenticated, `${code}: ${message}`);
  }
}
