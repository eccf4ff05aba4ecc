// What a browser is told about this server: security headers on every answer, a content security policy
// the /docs page works under, one that allows nothing on API answers, and /metrics only for whoever
// holds METRICS_TOKEN.
import { describe, expect, it } from 'vitest';
import { createTestApp, testConfig, useTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';

const t = useTestApp();

/** The CSP as a map of directive -> sources. */
function policyOf(header: unknown): Record<string, string[]> {
  const policy: Record<string, string[]> = {};
  for (const part of String(header).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy[name] = sources;
  }
  return policy;
}

describe('security headers', () => {
  it('on API answers, errors included: nothing may run, be framed, sniffed or read from another site', async () => {
    const user = await createUser(t.app);
    const answers = [
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/users/me',
        headers: { authorization: `Bearer ${user.token}` },
      }),
      await t.app.inject({ method: 'GET', url: '/api/v1/users/me' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 401, 404]);
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['cross-origin-resource-policy']).toBe('same-site');
      expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(policyOf(answer.headers['content-security-policy'])).toEqual({
        'default-src': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
    }
  });

  it('on pages and unknown routes: only same-origin code, connections to this API, never framed', async () => {
    const answers = [
      await t.app.inject({ method: 'GET', url: '/docs/' }),
      await t.app.inject({ method: 'GET', url: '/nothing-here' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 404]);
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const policy = policyOf(answer.headers['content-security-policy']);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      // A web app served from this origin talks to the API and its WebSocket.
      expect(policy['connect-src']).toEqual(["'self'", 'ws://chat.test']);
    }
  });

  it('leave /docs working: the page loads only same-origin files, with no inline script or style', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(policyOf(page.headers['content-security-policy'])['script-src']).toEqual(["'self'"]);
    const html = page.body;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset, asset).not.toMatch(/^(https?:)?\/\//);
      const response = await t.app.inject({
        method: 'GET',
        url: new URL(asset, 'http://chat.test/docs/').pathname,
      });
      expect(response.statusCode, asset).toBe(200);
    }
    // The page then fetches the document from docs/json, same origin too.
    expect((await t.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });
});

describe('/metrics', () => {
  const TOKEN = 'metrics-token-for-the-scraper';

  it('with METRICS_TOKEN, answers only a request carrying it', async () => {
    const guarded = await createTestApp({ env: { METRICS_TOKEN: TOKEN }, database: t.database });
    try {
      const anonymous = await api(guarded.app, 'GET', '/metrics');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ error: true, status: 401, code: 'UNAUTHENTICATED' });
      const user = await createUser(guarded.app);
      expect((await api(guarded.app, 'GET', '/metrics', { token: user.token })).status).toBe(401);
      expect((await api(guarded.app, 'GET', '/metrics', { token: `${TOKEN}x` })).status).toBe(401);
      const scraper = await guarded.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(scraper.statusCode).toBe(200);
      expect(scraper.body).toContain('http_requests_total');
    } finally {
      await guarded.close();
    }
  });

  it('without METRICS_TOKEN, answers 404 in production', async () => {
    const production = await createTestApp({ env: { NODE_ENV: 'production' }, database: t.database });
    try {
      const response = await api(production.app, 'GET', '/metrics');
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    } finally {
      await production.close();
    }
  });

  it('refuses a METRICS_TOKEN shorter than 16 characters', () => {
    expect(() => testConfig({ METRICS_TOKEN: 'short' })).toThrow(
      'METRICS_TOKEN must be at least 16 characters long',
    );
  });

  it('/docs stays public: it is the API reference', async () => {
    const production = await createTestApp({ env: { NODE_ENV: 'production' }, database: t.database });
    try {
      expect((await production.app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
    } finally {
      await production.close();
    }
  });
});
