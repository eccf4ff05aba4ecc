import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { api, openApiDocument } from '../helpers/http.js';

const t = useTestApp();

describe('the envelope', () => {
  it('wraps unknown routes in a 404 envelope', async () => {
    const response = await api(t.app, 'GET', '/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: true, status: 404, code: 'NOT_FOUND' });
  });

  it('answers malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<unknown>()).toMatchObject({ error: true, status: 400, code: 'BAD_REQUEST' });
  });

  it('answers a wrong content type with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json<unknown>()).toMatchObject({
      error: true,
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('answers a body over the limit with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(t.config.bodyLimitBytes) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<unknown>()).toMatchObject({ error: true, status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('lists every invalid field in details', async () => {
    const response = await api(t.app, 'POST', '/api/v1/auth/signup', {
      body: { firstName: '', email: 'not-an-email', password: 'short' },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = response.body.details!.map((d) => d.field).sort();
    expect(fields).toEqual(['email', 'firstName', 'lastName', 'password']);
  });
});

describe('routing', () => {
  it('answers a collection with or without a trailing slash', async () => {
    const user = await createUser(t.app);
    for (const url of ['/api/v1/conversations', '/api/v1/conversations/'] as const) {
      const response = await api(t.app, 'GET', url, { token: user.token });
      expect(response.status).toBe(200);
      expect(response.body.data.items).toEqual([]);
    }
  });
});

describe('operations', () => {
  it('reports health and readiness', async () => {
    expect((await api(t.app, 'GET', '/health')).body.data).toEqual({ status: 'ok' });
    expect((await api(t.app, 'GET', '/ready')).body.data).toEqual({
      status: 'ready',
      dependencies: { database: 'up' },
    });
  });

  it('exposes request counts by route template for Prometheus', async () => {
    await createUser(t.app);
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(
      /http_requests_total\{method="POST",route="\/api\/v1\/auth\/signup",status="201"\}/,
    );
  });

  it('publishes the OpenAPI document and the docs page', async () => {
    const spec = await openApiDocument(t.app);
    expect(spec.paths['/api/v1/auth/signup']).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
