// Faults under load, on real processes: two servers (src/main.ts) share this file's own PostgreSQL
// (embedded, on a free port) and its own redis-server. Senders retry with the same clientMessageId;
// sockets follow the README's reconnect recipe. Then one fault: kill -9 of a server, a PostgreSQL
// restart, Redis down for ~3 s, SIGTERM. Nothing acknowledged may be lost or doubled, seq has no gap,
// no surviving process dies, every answer is in the envelope and every socket ends with every
// acknowledged message. Only processes started here are signalled.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import {
  type Account,
  call,
  type LoadRecord,
  nonJsonLines,
  RecipeListener,
  runSender,
  type ServerProcess,
  signUp,
  sleep,
  startServerProcess,
  until,
} from '../helpers/fault-harness.js';
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js';

const SENDERS = 3;
const LISTENERS = 4;
const PER_SENDER = 25;
const JWT_SECRET = 'fault-injection-secret-that-is-long-enough-for-hs256';

describe('faults under load, on two server processes', () => {
  let folder: string;
  let postgres: EmbeddedPostgres;
  let redis: TestRedis;
  const servers: ServerProcess[] = [];
  const everyServer: ServerProcess[] = [];

  const startPostgres = (port: number | null) =>
    startEmbeddedPostgres({ dir: path.join(folder, 'postgres'), port, settings: { fsync: 'off' } });
  const startServer = async (name: string) => {
    const server = await startServerProcess(name, {
      DATABASE_URL: postgres.url(),
      REDIS_URL: redis.url,
      JWT_SECRET,
    });
    everyServer.push(server);
    return server;
  };
  /** Two live servers for the next scenario (a killed or stopped one is replaced). */
  const ensureTwo = async () => {
    for (let i = servers.length - 1; i >= 0; i -= 1) if (!servers[i]!.alive()) servers.splice(i, 1);
    const missing = 2 - servers.length;
    servers.push(
      ...(await Promise.all(
        Array.from({ length: missing }, (_, i) => startServer(`s${everyServer.length + i}`)),
      )),
    );
  };
  const liveBases = () => {
    const live = servers.filter((server) => server.alive()).map((server) => server.base);
    return live.length > 0 ? live : servers.map((server) => server.base);
  };

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'chat-faults-'));
    // Run as root, the embedded PostgreSQL runs as the user "postgres", which must be able to enter it.
    chmodSync(folder, 0o755);
    [postgres, redis] = await Promise.all([startPostgres(null), startTestRedis()]);
    await ensureTwo();
  }, 120_000);

  afterAll(async () => {
    for (const server of everyServer) if (server.alive()) server.child.kill('SIGKILL');
    await Promise.all(everyServer.map((server) => server.exited));
    await redis?.stop();
    await postgres?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  /**
   * Runs the load with `fault` injected once a third of it is acknowledged, waits for it to finish, and
   * checks everything the issue of a lost event would break.
   */
  async function underLoad(fault: (record: LoadRecord) => Promise<void>) {
    const [owner, ...others] = await Promise.all(
      Array.from({ length: SENDERS + LISTENERS }, (_, i) => signUp(servers[0]!.base, `u${i}`)),
    );
    const senders: Account[] = [owner!, ...others.slice(0, SENDERS - 1)];
    const listenerAccounts = others.slice(SENDERS - 1);
    const group = await call(servers[0]!.base, 'POST', '/api/v1/conversations', owner!.token, {
      type: 'group',
      title: 'Under load',
      participantIds: others.map((account) => account.id),
    });
    expect(group.status).toBe(201);
    const conversationId: string = group.body!.data.id;
    const listeners = listenerAccounts.map(
      (account, i) => new RecipeListener(liveBases, account, conversationId, i),
    );
    await Promise.all(listeners.map((listener) => listener.start()));

    const record: LoadRecord = { acknowledged: new Set(), outsideEnvelope: [], unexpected: [] };
    const load = Promise.all(
      senders.map((sender, i) => runSender(liveBases, sender, conversationId, `c${i}`, PER_SENDER, record)),
    );
    await until(
      'a third of the load to be acknowledged',
      () => record.acknowledged.size >= (SENDERS * PER_SENDER) / 3,
    );
    await fault(record);
    await load;

    // Nothing acknowledged lost or doubled, seq without gaps: what PostgreSQL holds.
    const client = new pg.Client({ connectionString: postgres.url() });
    await client.connect();
    const { rows } = await client.query(
      'select id, seq, client_message_id from messages where conversation_id = $1 order by seq',
      [conversationId],
    );
    await client.end();
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows).toHaveLength(SENDERS * PER_SENDER);
    expect(new Set(rows.map((row) => row.client_message_id)).size).toBe(SENDERS * PER_SENDER);
    expect(new Set(rows.map((row) => row.id))).toEqual(record.acknowledged);
    expect(record.outsideEnvelope).toEqual([]);
    expect(record.unexpected).toEqual([]);

    // Every socket, connected at the end, holds every acknowledged message (events, or the catch-ups
    // that the recipe runs after a reconnect or a resync frame).
    await until(
      'every listener to hold every acknowledged message',
      () =>
        listeners.every(
          (listener) => listener.connected && [...record.acknowledged].every((id) => listener.seen.has(id)),
        ),
      30_000,
    ).catch((error: Error) => {
      const missing = listeners.map(
        (listener) => [...record.acknowledged].filter((id) => !listener.seen.has(id)).length,
      );
      throw new Error(`${error.message}; missing per listener: ${missing.join(', ')}`);
    });
    for (const listener of listeners) listener.stop();
    return { listeners, record };
  }

  const expectCleanLogs = () => {
    for (const server of everyServer) expect(nonJsonLines(server), `${server.name} wrote`).toEqual([]);
  };

  it('kill -9 of one process: the other relays what it left owed, and sockets move over', async () => {
    await ensureTwo();
    const [victim, survivor] = servers as [ServerProcess, ServerProcess];
    await underLoad(async () => {
      victim.child.kill('SIGKILL');
      await victim.exited;
    });
    expect(survivor.alive()).toBe(true);
    expectCleanLogs();
  }, 90_000);

  it('PostgreSQL restarts: 503 meanwhile, both processes stay up and recover', async () => {
    await ensureTwo();
    let notReady: unknown = null;
    await underLoad(async () => {
      await postgres.stop();
      try {
        notReady = await until('/ready to answer 503', async () => {
          const ready = await call(servers[0]!.base, 'GET', '/ready');
          return ready.status === 503 ? ready.body : null;
        });
        await sleep(1500);
      } finally {
        // The fault ends whatever was seen, so a failed check cannot leave the database down.
        postgres = await startPostgres(postgres.port);
      }
      for (const server of servers) {
        await until(
          `${server.name} to be ready again`,
          async () => (await call(server.base, 'GET', '/ready')).status === 200,
        );
      }
    });
    expect(notReady).toMatchObject({ code: 'UNAVAILABLE', data: { dependencies: { database: 'down' } } });
    expect(servers.every((server) => server.alive())).toBe(true);
    expectCleanLogs();
  }, 90_000);

  it('Redis down for ~3 s: sends still answer, /ready names Redis, sockets are told to resync', async () => {
    await ensureTwo();
    let notReady: unknown = null;
    const { listeners } = await underLoad(async (record) => {
      await redis.stop();
      try {
        notReady = await until('/ready to answer 503', async () => {
          const ready = await call(servers[1]!.base, 'GET', '/ready');
          return ready.status === 503 ? ready.body : null;
        });
        // Sends are acknowledged while Redis is still down: none waits for it.
        const before = record.acknowledged.size;
        await until(
          'sends to be acknowledged while Redis is down',
          () => record.acknowledged.size >= before + 3,
        );
        await sleep(1000);
      } finally {
        await redis.start();
      }
    });
    expect(notReady).toHaveProperty('data.dependencies', { database: 'up', redis: 'down' });
    expect(listeners.every((listener) => listener.resyncs >= 1)).toBe(true);
    expect(servers.every((server) => server.alive())).toBe(true);
    expectCleanLogs();
  }, 90_000);

  it('SIGTERM: in-flight requests finish, sockets close with 1001 and move to the other process', async () => {
    await ensureTwo();
    const [stopping, survivor] = servers as [ServerProcess, ServerProcess];
    const { listeners } = await underLoad(async () => {
      stopping.child.kill('SIGTERM');
      expect(await stopping.exited).toBe(0);
    });
    expect(survivor.alive()).toBe(true);
    // Those that were on the stopped process were told it was going away.
    expect(listeners.some((listener) => listener.closeCodes.includes(1001))).toBe(true);
    expect(listeners.flatMap((listener) => listener.closeCodes).every((code) => code === 1001)).toBe(true);
    expectCleanLogs();
  }, 90_000);
});
