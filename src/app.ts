// buildApp(config, deps): the whole HTTP and WebSocket server, with no I/O at import time.
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './db/client.js';
import { ErrorEnvelope } from './http/envelope.js';
import { registerErrorHandling } from './http/errors.js';
import { registerMetrics } from './http/metrics.js';
import { registerOperations } from './http/operations.js';
import { authRoutes } from './modules/auth/routes.js';
import type { EventBus } from './realtime/bus.js';

export interface AppDeps {
  database: Database;
  bus: EventBus;
  jwtKey: Uint8Array;
}

export const API_PREFIX = '/api/v1';

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: {
      customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ctx: AppContext = {
    config,
    db: deps.database.db,
    bus: deps.bus,
    log: app.log,
    jwtKey: deps.jwtKey,
  };

  // Only JSON bodies (and multipart on upload routes) are accepted: anything else is a clear 415.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addSchema(ErrorEnvelope);
  registerErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Chat API',
        version: '1.0.0',
        description:
          'Every response uses one envelope: `{ error, status, message, data }`; errors add `code` and, for ' +
          'validation failures, `details`. Lists are cursor-paginated: `data: { items, nextCursor }`.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const registry = registerMetrics(app);
  registerOperations(app, deps.database.ping, registry);

  await app.register(authRoutes, { ctx, prefix: `${API_PREFIX}/auth` });

  return app;
}
