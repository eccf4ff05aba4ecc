// buildApp(config, deps): the whole HTTP and WebSocket server, with no I/O at import time.
import { createSecretKey, randomUUID } from 'node:crypto';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { AttachmentLinks } from './core/attachments.js';
import { invalidatingBus } from './core/events.js';
import { InboxCache } from './core/inbox-cache.js';
import { SessionCache } from './core/session-cache.js';
import type { Database } from './db/client.js';
import { warnAboutDatabaseSettings } from './db/settings-check.js';
import { ErrorEnvelope } from './http/envelope.js';
import { frameworkErrorHandler, registerErrorHandling } from './http/errors.js';
import { lazySchemaCompilers } from './http/lazy-schemas.js';
import { serializeRequest } from './http/log-redaction.js';
import { registerMetrics } from './http/metrics.js';
import { metricsAccess } from './http/metrics-access.js';
import { registerOperations } from './http/operations.js';
import { MemoryRateLimitStore, type RateLimitStore } from './http/rate-limit-store.js';
import { clientRequestId } from './http/request-id.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { refuseRequestsWhileClosing } from './http/shutdown.js';
import { registerTextGuard } from './http/text-guard.js';
import { registerWebApp } from './http/web-app.js';
import { createMailer } from './lib/mailer.js';
import { RateLimiter } from './lib/rate-limiter.js';
import { LocalDiskStorage, type MediaStorage } from './lib/storage.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { attachmentRoutes } from './modules/attachments/routes.js';
import { startAttachmentSweeper, sweepUnusedAttachments } from './modules/attachments/service.js';
import { authenticateToken } from './modules/auth/access-tokens.js';
import { authRoutes } from './modules/auth/routes.js';
import { conversationRoutes } from './modules/conversations/routes.js';
import { inviteRoutes } from './modules/invites/routes.js';
import { mediaFileRoutes } from './modules/media/file-routes.js';
import { mediaRoutes } from './modules/media/routes.js';
import { MessageOutbox } from './modules/messages/outbox.js';
import { messageRoutes } from './modules/messages/routes.js';
import { PushNotifier } from './modules/push/notifier.js';
import { pushRoutes } from './modules/push/routes.js';
import { loadVapidDetails } from './modules/push/vapid-keys.js';
import { searchRoutes } from './modules/search/routes.js';
import { userRoutes } from './modules/users/routes.js';
import type { EventBus } from './realtime/bus.js';
import { MemoryPresenceStore, type PresenceStore } from './realtime/presence-store.js';
import { realtimeRoutes } from './realtime/routes.js';

export interface AppDeps {
  database: Database;
  bus: EventBus;
  jwtKey: Uint8Array;
  /** Shared rate-limit counters (Redis); the app keeps its own in memory without it. The caller closes it. */
  rateLimitStore?: RateLimitStore;
  /** Where photos are kept; defaults to DATA_DIR/media on local disk. */
  storage?: MediaStorage;
  /** Who is online across processes (Redis); the app keeps its own in memory without it. The caller closes it. */
  presence?: PresenceStore;
  /** Where log lines go (stdout by default): lets a test read what the server logs. */
  logStream?: { write(line: string): void };
  /** The built web app (web/dist) to serve at `/`; without it the server answers the API only. */
  webAppDir?: string;
}

export const API_PREFIX = '/api/v1';

declare module 'fastify' {
  interface FastifyInstance {
    /** Removes uploads no message used within ATTACHMENT_UNUSED_TTL (the sweeper runs it periodically). */
    sweepUnusedAttachments(now?: Date): Promise<number>;
  }
}

/**
 * A hop count becomes "believe the last N X-Forwarded-For entries" (Fastify alone refuses hop counts):
 * proxy-addr asks about the socket's peer as hop 0, then about each forwarded address from the right.
 */
function trustedProxies(setting: Config['trustProxy']) {
  if (typeof setting !== 'number') return setting;
  return (_address: string, hop: number) => hop < setting;
}

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: { req: serializeRequest },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    bodyLimit: config.bodyLimitBytes,
    // /api/v1/conversations and /api/v1/conversations/ are the same route.
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: trustedProxies(config.trustProxy),
    // The server names its requests (http/request-id.ts).
    requestIdHeader: false,
    genReqId: (request) => clientRequestId(request.headers['x-request-id']) ?? randomUUID(),
    // Router-level errors (bad %-escapes, over-long path segments) get the envelope too.
    frameworkErrors: frameworkErrorHandler,
    // Requests arriving during shutdown are refused in the envelope (http/shutdown.ts), not by Fastify.
    return503OnClosing: false,
    ajv: {
      customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
    // Each route's schemas are compiled when it is first used, not all at start (http/lazy-schemas.ts).
    schemaController: { compilersFactory: lazySchemaCompilers() },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const sessions = new SessionCache(config.authCacheSize, config.authCacheTtlMs);
  const inbox = new InboxCache(config.inboxCacheBytes, config.authCacheTtlMs);
  const caches = [sessions, inbox];
  // Other processes' session-ending and changing messages arrive through the bus; this process's own are
  // applied before they are published (invalidatingBus).
  const stopInvalidating = deps.bus.subscribe((message) => {
    for (const cache of caches) cache.onBusMessage(message);
  });
  const jwtKey = createSecretKey(deps.jwtKey);
  const presence = deps.presence ?? new MemoryPresenceStore();
  const vapid = loadVapidDetails(config);
  let notifier: PushNotifier | undefined;
  const ctx: AppContext = {
    config,
    db: deps.database.db,
    bus: invalidatingBus(deps.bus, caches),
    sessions,
    inbox,
    log: app.log,
    jwtKey,
    mailer: createMailer(config, app.log),
    rateLimiter: new RateLimiter(deps.rateLimitStore ?? new MemoryRateLimitStore(), (error) =>
      app.log.error({ err: error }, 'rate-limit store unavailable; letting the request through'),
    ),
    storage: deps.storage ?? new LocalDiskStorage(path.resolve(config.dataDir, 'media')),
    attachmentLinks: new AttachmentLinks(jwtKey, config.attachmentUrlTtlMs),
    authenticate: (token) => authenticateToken(ctx, token),
    outbox: { published: () => {} },
    online: presence,
    messageCommitted: (message) => notifier?.messageCommitted(message),
  };
  notifier = new PushNotifier(ctx, {
    vapid,
    timeoutMs: config.pushTimeoutMs,
    retryDelayMs: config.pushRetryDelayMs,
    allowInsecure: config.pushAllowInsecureEndpoints,
  });
  const pushNotifier = notifier;
  app.addHook('onReady', async () => pushNotifier.start());
  // A warning, not a refusal: the server works, only slower over time.
  app.addHook('onReady', async () => {
    await warnAboutDatabaseSettings(ctx.db, app.log).catch((error: unknown) =>
      app.log.warn({ err: error }, 'could not read the database settings'),
    );
  });
  const outbox = new MessageOutbox(ctx).start();
  ctx.outbox = outbox;
  const stopSweeper = startAttachmentSweeper(ctx);
  // Lets operators' scripts and tests run the sweep now; `now` moves the clock it compares ages with.
  app.decorate('sweepUnusedAttachments', (now?: Date) => sweepUnusedAttachments(ctx, now));
  app.addHook('onClose', async () => {
    stopSweeper();
    await outbox.stop();
    await pushNotifier.stop();
    stopInvalidating();
    await ctx.mailer.close();
    if (!deps.rateLimitStore) await ctx.rateLimiter.store.close();
  });

  // Only JSON bodies (and multipart on upload routes) are accepted: anything else is a clear 415.
  app.removeContentTypeParser('text/plain');
  // Hooks on every request take a callback rather than returning a promise: one promise and microtask
  // fewer per hook on each request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  app.addSchema(ErrorEnvelope);
  registerErrorHandling(app);
  refuseRequestsWhileClosing(app);
  registerTextGuard(app);

  registerSecurityHeaders(app, config);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Chat API',
        version: '1.0.0',
        license: { name: 'MIT', identifier: 'MIT' },
        description:
          'Every response uses one envelope: `{ error, status, message, data }`; errors add `code` and, for ' +
          'validation failures, `details`. Lists are cursor-paginated: `data: { items, nextCursor }`.',
      },
      // Where this server is reached (PUBLIC_URL); clients and generators resolve every path against it.
      servers: [{ url: config.publicUrl, description: 'This server' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const registry = registerMetrics(app);
  const busPing = deps.bus.ping?.bind(deps.bus);
  registerOperations(
    app,
    { database: deps.database.ping, ...(busPing ? { redis: busPing } : {}) },
    registry,
    metricsAccess(config),
  );

  await app.register(authRoutes, { ctx, prefix: `${API_PREFIX}/auth` });
  await app.register(userRoutes, { ctx, prefix: `${API_PREFIX}/users` });
  await app.register(accountRoutes, { ctx, prefix: `${API_PREFIX}/users` });
  await app.register(conversationRoutes, { ctx, prefix: `${API_PREFIX}/conversations` });
  await app.register(mediaRoutes, { ctx, prefix: API_PREFIX });
  await app.register(attachmentRoutes, { ctx, prefix: API_PREFIX });
  await app.register(inviteRoutes, { ctx, prefix: API_PREFIX });
  await app.register(mediaFileRoutes, { ctx, prefix: '/media' });
  await app.register(messageRoutes, { ctx, prefix: `${API_PREFIX}/conversations` });
  await app.register(searchRoutes, { ctx, prefix: `${API_PREFIX}/search` });
  await app.register(pushRoutes, { ctx, publicKey: vapid.publicKey, prefix: `${API_PREFIX}/push` });
  await app.register(realtimeRoutes, { ctx, presence, prefix: API_PREFIX });
  if (deps.webAppDir) await registerWebApp(app, deps.webAppDir);

  return app;
}
