// Graceful shutdown, the HTTP side: requests already running finish; a request that arrives meanwhile
// on a connection kept alive gets 503 in the envelope (not Fastify's own body) and the connection is
// closed, so the client's retry opens a new one, to a process that is not stopping.
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.js';

export function refuseRequestsWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close').header('retry-after', '1');
    sendError(reply, 503, 'The server is shutting down; retry the request', 'UNAVAILABLE');
  });
}
