// Operational routes: liveness, readiness (database round trip) and Prometheus metrics.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { Registry } from 'prom-client';
import { Envelope, ok } from './envelope.js';
import { sendError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './errors.js';

export function registerOperations(
  app: FastifyInstance,
  ping: () => Promise<void>,
  registry: Registry,
  guardMetrics: onRequestHookHandler,
) {
  const Status = Envelope(Type.Object({ status: Type.String() }));
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getHealth',
        security: [],
        summary: 'The process is alive',
        response: { 200: Status },
      },
    },
    async (_request, reply) => ok(reply, 'Alive', { status: 'ok' }),
  );
  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getReadiness',
        security: [],
        summary: 'The database answers; 503 when it does not',
        response: { 200: Status, 503: Type.Ref('ErrorEnvelope') },
      },
    },
    async (request, reply) => {
      try {
        await ping();
        return ok(reply, 'Ready', { status: 'ready' });
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
        return sendError(reply, 503, 'The database is not reachable', 'UNAVAILABLE');
      }
    },
  );
  app.get(
    '/metrics',
    {
      onRequest: guardMetrics,
      schema: {
        tags: ['operations'],
        operationId: 'getMetrics',
        security: [],
        summary: 'Prometheus metrics (text exposition format)',
        description:
          'With METRICS_TOKEN set, send it as `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); ' +
          'without it, open in development and 404 in production.',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}
