// Frames from clients: parsed defensively, handled in order; anything wrong is answered with an error frame.
import type WebSocket from 'ws';
import { AppError, NotFound } from '../lib/errors.js';
import { isUuid } from '../lib/ids.js';
import { markDeliveredByAck } from '../modules/messages/read-state.js';
import { CloseCode } from './close-codes.js';
import type { ClientConnection } from './connection.js';
import type { Gateway } from './gateway.js';
import { authenticate } from './handshake.js';
import { conversationOfMessage } from './queries.js';
import { relayTyping, TYPING_RELAY_INTERVAL_MS } from './typing.js';

interface ClientFrame {
  type: string;
  data: Record<string, unknown>;
  /** `{ "type": "auth", "token": … }` carries the token beside `type`; `data.token` is accepted too. */
  token?: unknown;
}

class FrameError extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}

function parseFrame(raw: WebSocket.RawData, isBinary: boolean): ClientFrame {
  if (isBinary) throw new FrameError('BAD_FRAME', 'Frames must be JSON text, not binary');
  let value: unknown;
  try {
    value = JSON.parse(raw.toString());
  } catch {
    throw new FrameError('BAD_FRAME', 'Frames must be JSON like {"type": "ping", "data": {}}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FrameError('BAD_FRAME', 'A frame must be a JSON object with a "type"');
  }
  const frame = value as Record<string, unknown>;
  if (typeof frame.type !== 'string' || frame.type === '') {
    throw new FrameError('BAD_FRAME', 'A frame must have a string "type"');
  }
  const data = frame.data;
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new FrameError('BAD_FRAME', '"data" must be an object');
  }
  return { type: frame.type, data: (data ?? {}) as Record<string, unknown>, token: frame.token };
}

function uuidField(data: Record<string, unknown>, field: string, required: true): string;
function uuidField(data: Record<string, unknown>, field: string, required: false): string | undefined;
function uuidField(data: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const value = data[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !isUuid(value)) {
    throw new FrameError('VALIDATION_FAILED', `data.${field} must be a UUID`);
  }
  return value.toLowerCase();
}

/** Keeps the per-socket rate-limit map small: entries past the window no longer limit anything. */
function forgetOldTyping(relayedAt: Map<string, number>, now: number): void {
  for (const [conversationId, at] of relayedAt) {
    if (now - at >= TYPING_RELAY_INTERVAL_MS) relayedAt.delete(conversationId);
  }
}

/** The socket's message listener: queue the frame so frames are handled one at a time, in order. */
export function onClientFrame(
  gateway: Gateway,
  connection: ClientConnection,
  raw: WebSocket.RawData,
  isBinary: boolean,
): void {
  const queued = connection.enqueue(() => handleFrame(gateway, connection, raw, isBinary));
  if (!queued) connection.sendError('RATE_LIMITED', 'Too many frames at once; this one was dropped');
}

async function handleFrame(
  gateway: Gateway,
  connection: ClientConnection,
  raw: WebSocket.RawData,
  isBinary: boolean,
): Promise<void> {
  let type: string | undefined;
  try {
    const frame = parseFrame(raw, isBinary);
    type = frame.type;
    if (!connection.authenticated) {
      if (frame.type === 'auth')
        return await authenticate(gateway, connection, frame.token ?? frame.data.token);
      connection.sendError('UNAUTHENTICATED', 'Send {"type": "auth", "token": "<access token>"} first', type);
      connection.close(CloseCode.unauthenticated, 'UNAUTHENTICATED: authenticate first');
      return;
    }
    await dispatch(gateway, connection, frame);
  } catch (error) {
    if (error instanceof AppError) {
      connection.sendError(error.code, error.message, type);
      return;
    }
    gateway.ctx.log.error({ err: error, frameType: type }, 'a WebSocket frame failed');
    connection.sendError('INTERNAL', 'Something went wrong handling this frame', type);
  }
}

async function dispatch(gateway: Gateway, connection: ClientConnection, frame: ClientFrame): Promise<void> {
  const { ctx } = gateway;
  const userId = connection.userId as string;
  switch (frame.type) {
    case 'ping':
      connection.send({ type: 'pong', data: frame.data });
      return;
    case 'typing': {
      const conversationId = uuidField(frame.data, 'conversationId', true);
      const now = Date.now();
      const last = connection.typingRelayedAt?.get(conversationId);
      if (last !== undefined && now - last < TYPING_RELAY_INTERVAL_MS) return;
      await relayTyping(ctx, userId, conversationId);
      connection.typingRelayedAt ??= new Map();
      connection.typingRelayedAt.set(conversationId, now);
      if (connection.typingRelayedAt.size > 100) forgetOldTyping(connection.typingRelayedAt, now);
      return;
    }
    case 'ack': {
      const messageId = uuidField(frame.data, 'messageId', true);
      const named = uuidField(frame.data, 'conversationId', false);
      const conversationId = named ?? (await conversationOfMessage(ctx.db, messageId));
      if (!conversationId) throw new NotFound('Message not found');
      try {
        await markDeliveredByAck(ctx, userId, conversationId, messageId);
      } catch (error) {
        // The caller did not name the conversation: "Conversation not found" would confirm that the
        // message exists in one they are not in. Answer exactly as for an unknown id.
        if (!named && error instanceof NotFound) throw new NotFound('Message not found');
        throw error;
      }
      return;
    }
    case 'auth':
      throw new FrameError('ALREADY_AUTHENTICATED', 'This socket is already authenticated');
    default:
      throw new FrameError(
        'UNKNOWN_TYPE',
        `Unknown frame type "${frame.type}"; expected typing, ack or ping`,
      );
  }
}
