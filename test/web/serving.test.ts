import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';

const t = useTestApp({ webApp: true });

const page = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('the web app at /', () => {
  it('serves the app shell at / and at the pages that mails and invite links open', async () => {
    for (const url of [
      '/',
      '/join/some-code',
      '/verify-account?token=abc',
      '/recovery-password?token=x',
      '/chats/1',
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: page });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.body, url).toContain('<div id="app">');
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves the bundled script with a long cache, and nothing from a CDN', async () => {
    const shell = await t.app.inject({ method: 'GET', url: '/', headers: page });
    const scripts = [...shell.body.matchAll(/src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('/assets/'), src).toBe(true);
      const asset = await t.app.inject({ method: 'GET', url: src });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toContain('immutable');
    }
    expect(shell.body).not.toMatch(/https?:\/\//);
  });

  it('ships at most 150 KB of gzipped JavaScript for the first screen', async () => {
    const shell = await t.app.inject({ method: 'GET', url: '/', headers: page });
    // Everything the first screen loads: the entry script and whatever it preloads.
    const urls = [
      ...shell.body.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g),
    ].map((match) => match[1]!);
    let gzipped = 0;
    let raw = 0;
    for (const url of urls) {
      const asset = await t.app.inject({ method: 'GET', url });
      expect(asset.statusCode, url).toBe(200);
      raw += asset.rawPayload.length;
      gzipped += gzipSync(asset.rawPayload).length;
    }
    console.log(
      `first-screen JavaScript: ${urls.length} file(s), ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`,
    );
    expect(urls.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(150 * 1024);
  });

  it('keeps the JSON 404 envelope for unknown API routes, even when a browser asks', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/nothing', '/media/nothing.webp', '/docs/nothing']) {
      const response = await t.app.inject({ method: 'GET', url, headers: page });
      expect(response.statusCode, url).toBe(404);
      expect(response.json<unknown>(), url).toMatchObject({ error: true, status: 404, code: 'NOT_FOUND' });
    }
    const notAPage = await t.app.inject({
      method: 'GET',
      url: '/no-such-thing',
      headers: { accept: 'application/json' },
    });
    expect(notAPage.json<unknown>()).toMatchObject({ error: true, status: 404 });
    const post = await t.app.inject({ method: 'POST', url: '/join/x', headers: page, payload: {} });
    expect(post.json<unknown>()).toMatchObject({ error: true, status: 404 });
  });

  it('leaves the API, the docs and the health check where they were', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/health', headers: page })).json<unknown>(),
    ).toMatchObject({
      error: false,
    });
    const docs = await t.app.inject({ method: 'GET', url: '/docs', headers: page });
    expect(docs.statusCode).toBeLessThan(400);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: page });
    expect(me.statusCode).toBe(401);
  });
});
