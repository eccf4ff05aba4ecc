// The common socket opening, `GET /api/v1/ws?token=<access token>`, taken straight from the HTTP server's
// upgrade event. Through Fastify, an upgrade is routed like a request (a response object made and thrown
// away, the hooks of every request, query parsing and validation, a hijacked reply) before ws answers
// it: most of a handshake's CPU. Nothing of that does anything for this request: its one input is the
// token, checked in full once the socket is open (as on the Fastify path), and the request line is logged
// as Fastify would log it. Every other upgrade (an auth frame instead of a query token, a token with
// characters no access token has, another path, the server closing) goes through Fastify as before.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyBaseLogger } from 'fastify';
import type WebSocket from 'ws';
import type { WebSocketServer } from 'ws';
import type { Config } from '../config.js';
import { redactUrl } from '../http/log-redaction.js';
import { clientRequestId } from '../http/request-id.js';

/**
 * The socket URL with a query token and nothing else (the router ignores one trailing slash). An access
 * token is three base64url parts joined by dots; anything else in it (an escape, a NUL) takes the Fastify
 * path, whose validation answers it.
 */
const QUERY_TOKEN_URL = /^\/api\/v1\/ws\/?\?token=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const MAX_TOKEN_LENGTH = 4096;

type Upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The client's address by the same TRUST_PROXY rule Fastify applies to `request.ip`. */
function clientAddress(trustProxy: Config['trustProxy']): (request: IncomingMessage) => string | undefined {
  if (trustProxy === false) return (request) => request.socket.remoteAddress;
  const trust =
    typeof trustProxy === 'number'
      ? (_address: string, hop: number) => hop < trustProxy
      : proxyAddr.compile(trustProxy);
  return (request) => proxyAddr(request, trust);
}

export interface FastUpgradeOptions {
  server: Server;
  wss: WebSocketServer;
  config: Pick<Config, 'trustProxy'>;
  log: FastifyBaseLogger;
  /** False once the server is closing: then Fastify's path answers, as for any request. */
  accepting: () => boolean;
  /**
   * What the Fastify route's wsHandler does with an open socket and its query token; settles when the
   * token has been checked (the socket admitted, or refused and closing).
   */
  open: (socket: WebSocket, stream: Duplex, token: string) => Promise<void> | undefined;
}

/**
 * Puts the fast path in front of the server's other upgrade listeners (@fastify/websocket's): they run
 * only for the upgrades it leaves alone. Call after @fastify/websocket is registered.
 */
export function takeQueryTokenUpgrades(options: FastUpgradeOptions): void {
  const { server, wss, log } = options;
  const others = server.listeners('upgrade') as Upgrade[];
  server.removeAllListeners('upgrade');
  const addressOf = clientAddress(options.config.trustProxy);
  server.on('upgrade', (request: IncomingMessage, stream: Duplex, head: Buffer) => {
    const token = request.method === 'GET' && options.accepting() ? queryToken(request.url) : null;
    if (token === null) {
      for (const listener of others) listener.call(server, request, stream, head);
      return;
    }
    if (infoEnabled(log)) {
      const reqId = clientRequestId(request.headers['x-request-id']) ?? randomUUID();
      log.info(
        {
          reqId,
          req: {
            method: request.method,
            url: redactUrl(request.url ?? ''),
            host: request.headers.host,
            remoteAddress: addressOf(request),
            remotePort: request.socket.remotePort,
          },
        },
        'incoming request',
      );
    }
    // The 101 answer waits in the corked socket until the token is checked, so it leaves with `ready`
    // and the presence picture (or the refusal and the close) in one write. ws answers a request that is
    // not a valid upgrade (a missing key, another version) with 400 itself, through end(), which uncorks.
    stream.cork();
    wss.handleUpgrade(request, stream, head, (socket) => {
      wss.emit('connection', socket, request);
      void Promise.resolve(options.open(socket, stream, token)).finally(() => stream.uncork());
    });
  });
}

/** pino's loggers say whether a level is on; building the line costs a UUID and a redaction. */
function infoEnabled(log: FastifyBaseLogger): boolean {
  const pino = log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  return pino.isLevelEnabled ? pino.isLevelEnabled('info') : true;
}

function queryToken(url: string | undefined): string | null {
  if (url === undefined || url.length > MAX_TOKEN_LENGTH + 30) return null;
  const match = QUERY_TOKEN_URL.exec(url);
  return match && match[1]!.length <= MAX_TOKEN_LENGTH ? match[1]! : null;
}
