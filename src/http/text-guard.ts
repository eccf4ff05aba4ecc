// Refuses text holding NUL characters before any route sees it: PostgreSQL text cannot store U+0000,
// so such input would otherwise fail deep inside a query as a 500 instead of a clear 422.
import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../lib/errors.js';

/** The path of the first string (or key) holding a NUL, or null. Iterative: nesting depth is the client's. */
function findNul(root: unknown, rootName: string): string | null {
  const stack: [unknown, string][] = [[root, rootName]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) stack.push([item, `${path}.${index}`]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return path;
        stack.push([item, path === 'body' ? key : `${path}.${key}`]);
      }
    }
  }
  return null;
}

export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', (request, _reply, done) => {
    const parts: [unknown, string][] = [
      [request.params, 'params'],
      [request.query, 'query'],
      [request.body, 'body'],
    ];
    for (const [value, name] of parts) {
      const field = findNul(value, name);
      if (field !== null) {
        const message = 'must not contain NUL characters';
        return done(new ValidationFailed(`${field} ${message}`, [{ field, message }]));
      }
    }
    done();
  });
}
