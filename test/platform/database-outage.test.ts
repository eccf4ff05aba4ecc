// A database that goes away and comes back: the server answers 503 meanwhile, stays up, and recovers by itself.
// The test runs its own embedded PostgreSQL, so stopping it touches nothing else.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUser, type TestUser } from '../helpers/factories.js';
import { api } from '../helpers/http.js';
import { listen, openSocket } from '../helpers/ws.js';

describe('when the database becomes unreachable', () => {
  let folder: string;
  let postgres: EmbeddedPostgres;
  let database: Database;
  let t: TestApp;
  let alice: TestUser;
  const startPostgres = (port: number | null) =>
    startEmbeddedPostgres({ dir: path.join(folder, 'postgres'), port, settings: { fsync: 'off' } });

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'chat-outage-'));
    chmodSync(folder, 0o755);
    postgres = await startPostgres(null);
    database = await openDatabase({ databaseUrl: postgres.url(), poolSize: 4 });
    t = await createTestApp({ database: { ...database, url: postgres.url() } });
    alice = await createUser(t.app);
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
    await postgres?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while it is down, stays alive, and recovers once it is back', async () => {
    expect((await api(t.app, 'GET', '/api/v1/conversations', { token: alice.token })).status).toBe(200);
    const base = await listen(t.app);
    // A query in flight when PostgreSQL stops fails; the pool's idle connections break too.
    const inFlight = database.db.execute(sql`select pg_sleep(30)`).then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await postgres.stop();
    expect(await inFlight).toBeInstanceOf(Error);

    // A page size not asked for before: a page this process keeps is still served (core/inbox-cache.ts).
    const down = await api(t.app, 'GET', '/api/v1/conversations?limit=7', { token: alice.token });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ error: true, status: 503, code: 'UNAVAILABLE' });
    expect(down.headers['retry-after']).toMatch(/^\d+$/);
    const login = await api(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: alice.email, password: alice.password },
    });
    expect(login.status).toBe(503);
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json<unknown>()).toMatchObject({ code: 'UNAVAILABLE' });
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    // A socket of a session this process has checked is still admitted (without its presence picture).
    const socket = await openSocket(base, alice.token);
    expect(await socket.next('ready')).toMatchObject({ userId: alice.id });
    await socket.close();

    postgres = await startPostgres(postgres.port);
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    const again = await api(t.app, 'GET', '/api/v1/users/me', { token: alice.token });
    expect(again.status).toBe(200);
    expect(again.body.data.email).toBe(alice.email);
  });
});
