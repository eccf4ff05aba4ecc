// Who may read /metrics: it tells an outsider about traffic, routes and the process, so it is not public.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { NotFound, Unauthenticated } from '../lib/errors.js';
import { sha256 } from '../lib/secrets.js';
import { bearerToken } from './auth.js';

/**
 * onRequest hook for /metrics. With METRICS_TOKEN, only `Authorization: Bearer <METRICS_TOKEN>` reads
 * it. Without, it stays open in development and tests (a local Prometheus needs no setup) and answers
 * 404 in production, like a route that does not exist.
 */
export function metricsAccess(config: Pick<Config, 'metricsToken' | 'nodeEnv'>) {
  const expected = config.metricsToken === null ? null : Buffer.from(sha256(config.metricsToken));
  return async function guardMetrics(request: FastifyRequest) {
    if (expected === null) {
      if (config.nodeEnv === 'production') throw new NotFound('Route GET /metrics not found');
      return;
    }
    const token = bearerToken(request);
    // Compared as digests of equal length, in constant time.
    if (token === null || !timingSafeEqual(Buffer.from(sha256(token)), expected)) {
      throw new Unauthenticated('Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"');
    }
  };
}
