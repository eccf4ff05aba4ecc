// Security headers on every answer (helmet). Pages (the web app served at / from bundled files, the
// /docs page of swagger-ui, served from this origin with no inline script or style) get a content
// security policy that allows only same-origin code: nothing may load from elsewhere or frame the site.
// Answers under /api/ (JSON, photos, files) are never pages: they get the few headers that matter for
// such an answer and a policy that allows nothing at all. The page set made 455 of the 1,206 bytes of a
// small JSON answer, and Node checks every header of every answer.
//
// The headers depend only on the settings, so helmet computes them once at start and every answer gets
// the same set; building helmet's middleware for each request (what its Fastify plugin does) cost a few
// per cent of the server's CPU on the cheapest routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.js';

/** Adds the security headers to every answer (errors and unknown routes included). */
export function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'publicUrl'>): void {
  const pageHeaders = securityHeaderValues(securityHeaders(config));
  const apiHeaders = apiHeaderValues(pageHeaders);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiHeaders : pageHeaders);
    done();
  });
}

/**
 * What an answer that is not a page needs: no sniffing it into a page, no framing it, no reading it from
 * another site's page, HTTPS only, and a policy under which nothing runs if a browser shows it anyway.
 */
function apiHeaderValues(pageHeaders: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  };
  for (const name of [
    'cross-origin-resource-policy',
    'strict-transport-security',
    'x-content-type-options',
    'x-frame-options',
  ]) {
    const value = pageHeaders[name];
    if (value === undefined) throw new Error(`helmet no longer sets ${name}`);
    headers[name] = value;
  }
  return headers;
}

/** The headers helmet would set with these options, read off one run of its middleware. */
export function securityHeaderValues(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export function securityHeaders(config: Pick<Config, 'publicUrl'>): HelmetOptions {
  // 'self' covers same-origin WebSockets in current browsers; the explicit ws(s) origin covers the rest.
  const socketOrigin = new URL(config.publicUrl);
  socketOrigin.protocol = socketOrigin.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'", socketOrigin.origin],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // data: for swagger-ui's icons; blob: for previews of photos picked before upload.
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        workerSrc: ["'self'"],
      },
    },
    // The same answer for browsers that predate frame-ancestors.
    frameguard: { action: 'deny' },
    // Photos and attachments are fetched by <img>/<audio> tags of apps on the same site, not only this origin.
    crossOriginResourcePolicy: { policy: 'same-site' },
    referrerPolicy: { policy: 'no-referrer' },
  };
}
