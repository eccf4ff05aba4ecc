// GET /api/v1/ws: the WebSocket endpoint, with its protocol documented in the OpenAPI document.

import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import { Type } from '@sinclair/typebox';
import type WebSocket from 'ws';
import type { AppContext } from '../context.js';
import { responses } from '../http/envelope.js';
import { AppError } from '../lib/errors.js';
import { onClientFrame } from './client-frames.js';
import { Gateway } from './gateway.js';
import { beginHandshake } from './handshake.js';
import type { PresenceStore } from './presence-store.js';
import { WS_PROTOCOL_DESCRIPTION } from './protocol.js';

/** Client frames are small JSON objects; anything larger is refused by ws with close code 1009. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Once the socket is open, nothing of the HTTP upgrade is needed, but @fastify/websocket's error listener
 * closes over its request and reply, and the TCP socket still points at the unused HTTP response: each
 * idle socket would keep them (headers, the URL with its token, a logger) for its whole life. Its error
 * listener is replaced by `onError`, which does the same without them (ws needs one: an error with no
 * listener would throw).
 */
function letGoOfUpgrade(socket: WebSocket, stream: Socket, onError: (error: Error) => void): void {
  socket.removeAllListeners('error');
  socket.on('error', onError);
  const response = (stream as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  response?.detachSocket(stream);
}

export const realtimeRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext; presence: PresenceStore }> = async (
  app,
  { ctx, presence },
) => {
  const gateway = new Gateway(ctx, presence);
  // Registered here rather than at the root so its preClose is ours: sockets get 1001 and their users
  // are marked offline while the database is still open.
  await app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    preClose: async function closeSockets(this: typeof app) {
      await gateway.shutdown();
      this.websocketServer.close();
    },
  });

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
      const token = request.query.token;
      letGoOfUpgrade(socket, stream, (error) => {
        ctx.log.error({ err: error }, 'WebSocket error; closing the socket');
        socket.terminate();
      });
      const connection = gateway.track(socket, stream, token ? null : request.ip);
      // Refused at once (too many sockets from this address waiting to authenticate).
      if (!connection.open) return;
      // Listen before anything async, so no frame sent right after the upgrade is lost.
      socket.on('message', (raw, isBinary) => onClientFrame(gateway, connection, raw, isBinary));
      beginHandshake(gateway, connection, token);
    },
  });
};
