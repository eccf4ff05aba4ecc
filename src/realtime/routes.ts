// GET /api/v1/ws: the WebSocket endpoint, with its protocol documented in the OpenAPI document.

import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import { Type } from '@sinclair/typebox';
import type WebSocket from 'ws';
import type { AppContext } from '../context.js';
import { responses } from '../http/envelope.js';
import { AppError } from '../lib/errors.js';
import { onClientFrame } from './client-frames.js';
import { CloseCode } from './close-codes.js';
import { takeQueryTokenUpgrades } from './fast-upgrade.js';
import { Gateway } from './gateway.js';
import { beginHandshake } from './handshake.js';
import type { PresenceStore } from './presence-store.js';
import { WS_PROTOCOL_DESCRIPTION } from './protocol.js';

/** Client frames are small JSON objects; anything larger is refused by ws with close code 1009. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Once the socket is open, nothing of the HTTP upgrade is needed, but @fastify/websocket's error listener
 * closes over its request and reply, and the TCP socket still points at the unused HTTP response: each
 * idle socket would keep them (headers, the URL with its token, a logger) for its whole life. The error
 * listener goes (`open` adds one that does the same without them).
 */
function letGoOfUpgrade(socket: WebSocket, stream: Socket): void {
  socket.removeAllListeners('error');
  const response = (stream as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  response?.detachSocket(stream);
}

export const realtimeRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext; presence: PresenceStore }> = async (
  app,
  { ctx, presence },
) => {
  const gateway = new Gateway(ctx, presence);
  let accepting = true;
  // Registered here rather than at the root so its preClose is ours: sockets get 1001 and their users
  // are marked offline while the database is still open.
  await app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    preClose: async function closeSockets(this: typeof app) {
      accepting = false;
      await gateway.shutdown();
      this.websocketServer.close();
    },
  });

  /**
   * An open socket, from either path: tracked, listened to, and its token checked or awaited. With a
   * query token, settles when it has been checked.
   */
  const open = (
    socket: WebSocket,
    stream: Duplex,
    token: string | undefined,
    ip: string | null,
  ): Promise<void> | undefined => {
    // ws needs an error listener (an error with no listener would throw).
    socket.on('error', (error) => {
      ctx.log.error({ err: error }, 'WebSocket error; closing the socket');
      socket.terminate();
    });
    // An upgrade that was on its way when shutdown began: the gateway has already closed the others.
    if (!accepting) {
      socket.close(CloseCode.goingAway, 'Server shutting down; reconnect shortly');
      return undefined;
    }
    const connection = gateway.track(socket, stream, token ? null : ip);
    // Refused at once (too many sockets from this address waiting to authenticate).
    if (!connection.open) return undefined;
    // Listen before anything async, so no frame sent right after the upgrade is lost.
    socket.on('message', (raw, isBinary) => onClientFrame(gateway, connection, raw, isBinary));
    return beginHandshake(gateway, connection, token);
  };

  app.route({
    method: 'GET',
    url: '/ws',
    schema: {
      tags: ['real time'],
      operationId: 'openWebSocket',
      security: [],
      summary: 'WebSocket: live events, typing, presence and receipts',
      description: WS_PROTOCOL_DESCRIPTION,
      querystring: Type.Object({
        token: Type.Optional(
          Type.String({ maxLength: 4096, description: 'Access token (or send an auth frame)' }),
        ),
      }),
      response: responses({}, [426]),
    },
    handler: async () => {
      throw new AppError(426, 'UPGRADE_REQUIRED', 'This endpoint speaks WebSocket: send an Upgrade request');
    },
    wsHandler: (socket, request) => {
      const stream = request.raw.socket;
      letGoOfUpgrade(socket, stream);
      open(socket, stream, request.query.token, request.ip);
    },
  });

  takeQueryTokenUpgrades({
    server: app.server,
    wss: app.websocketServer,
    config: ctx.config,
    log: ctx.log,
    accepting: () => accepting,
    open: (socket, stream, token) => open(socket, stream, token, null),
  });
};
