// Operational routes: liveness, readiness (database round trip) and Prometheus metrics.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { Registry } from 'prom-client';
import { Envelope, ok } from './envelope.js';
import { sendError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './errors.js';

/** What /ready checks: the database always, Redis when the server uses it. Each rejects when down. */
export type DependencyChecks = Record<string, () => Promise<void>>;

const DependencyStates = Type.Record(Type.String(), Type.Union([Type.Literal('up'), Type.Literal('down')]), {
  description: 'Each dependency the server uses: `database`, and `redis` when REDIS_URL is set',
  examples: [{ database: 'up', redis: 'down' }],
});

export function registerOperations(
  app: FastifyInstance,
  dependencies: DependencyChecks,
  registry: Registry,
  guardMetrics: onRequestHookHandler,
) {
  const Status = Envelope(Type.Object({ status: Type.String() }));
  const Readiness = Envelope(Type.Object({ status: Type.Literal('ready'), dependencies: DependencyStates }));
  const NotReady = Type.Object(
    {
      error: Type.Literal(true),
      status: Type.Literal(503),
      message: Type.String(),
      code: Type.Literal('UNAVAILABLE'),
      data: Type.Object({ dependencies: DependencyStates }),
    },
    { title: 'Not ready', description: 'The error envelope, with the state of each dependency in `data`' },
  );
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
        summary: 'Every dependency answers; 503 naming the one that does not',
        description:
          'Checks the database and, when REDIS_URL is set, Redis (both connections of the event bus). ' +
          '503 with `Retry-After` while any is down or while the server is shutting down.',
        response: { 200: Readiness, 503: NotReady },
      },
    },
    async (request, reply) => {
      const names = Object.keys(dependencies);
      const results = await Promise.allSettled(names.map((name) => dependencies[name]!()));
      const states: Record<string, 'up' | 'down'> = {};
      results.forEach((result, i) => {
        states[names[i]!] = result.status === 'fulfilled' ? 'up' : 'down';
        if (result.status === 'rejected') {
          request.log.warn({ err: result.reason, dependency: names[i] }, 'readiness check failed');
        }
      });
      const down = names.filter((name) => states[name] === 'down');
      if (down.length === 0) return ok(reply, 'Ready', { status: 'ready' as const, dependencies: states });
      reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return sendError(reply, 503, `Not reachable: ${down.join(', ')}`, 'UNAVAILABLE', undefined, {
        dependencies: states,
      });
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
