// Security headers on every answer (helmet). The content security policy allows only same-origin code:
// the /docs page (swagger-ui, served from this origin with no inline script or style) and a web app
// served at / from bundled files both live with it; nothing may load from elsewhere or frame the site.
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { Config } from '../config.js';

export function securityHeaders(config: Pick<Config, 'publicUrl'>): FastifyHelmetOptions {
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
