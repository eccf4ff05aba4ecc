// Security headers on every answer (helmet). The content security policy allows only same-origin code:
// the /docs page (swagger-ui, served from this origin with no inline script or style) and a web app
// served at / from bundled files both live with it; nothing may load from elsewhere or frame the site.
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
  const headers = securityHeaderValues(securityHeaders(config));
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
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
