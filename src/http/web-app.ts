// Serves the built web app at `/`: its files, and index.html for the app's own pages (/join/:code,
// /verify-account, /chats/…) so a link from a mail or an invite opens the app. The server's own routes are
// never shadowed: an unknown /api/… route, or a request that does not ask for a page, still gets the 404 envelope.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const SERVER_PATHS = ['/api/', '/media/', '/docs', '/health', '/ready', '/metrics'];

function isServerPath(url: string): boolean {
  return SERVER_PATHS.some((prefix) => url === prefix.replace(/\/$/, '') || url.startsWith(prefix));
}

export async function registerWebApp(app: FastifyInstance, dir: string): Promise<void> {
  if (!existsSync(path.join(dir, 'index.html'))) {
    app.log.warn({ dir }, 'the web app is not built (npm run build); serving the API only');
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    // One route per built file, found once at start: no catch-all that could answer for an API path.
    wildcard: false,
    index: false,
    setHeaders: (reply, filePath) => {
      // Built assets carry a content hash in their name; index.html must be revalidated to pick up a new build.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const wantsPage = (request.headers.accept ?? '').includes('text/html');
    if (isServerPath(pathname) || !wantsPage) return reply.callNotFound();
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
