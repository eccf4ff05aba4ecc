// Two builds of the server on the inbox scenario, in one run: both serve the same database, loaded as the
// benchmark loads it (one user in 1,000 direct chats, 64 users in 50 each, 20 messages a chat, half of
// them unread). Each round measures, for A and B in turn (B first in even rounds): `GET /users/me` for
// the 64 users at 64 connections, their first inbox page at 64 connections, and the 1,000-chat user's
// first page on one connection. Besides throughput and latency it reports CPU per page (the server
// process, and the database backends of the run's database).
//
//   npm run build                  # in each checkout (e.g. main and a worktree of it)
//   npx tsx bench/ab-inbox.ts ../main/dist/main.js dist/main.js [rounds=3] [seconds=5]
//
// PostgreSQL: BENCH_DATABASE_URL, else 127.0.0.1:5432 (a temp database, dropped at the end), migrated and
// loaded by this checkout (so the newer build's schema). A build's dist/ must stay inside a checkout of
// the project (it finds its migrations from there). AB_PROFILE_DIR=<dir> writes a CPU profile of each
// server.
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/client.js';
import { abBuildOptions, abStart, type BuildServer, startBuild } from './lib/builds.js';
import { runWithCleanup } from './lib/cleanup.js';
import { startCpuWindow } from './lib/cpu-usage.js';
import { createTempDatabase, LOCAL_POSTGRES_URL } from './lib/databases.js';
import { signTokens } from './lib/fixtures.js';
import { type LoadOptions, type LoadResult, runLoad, warmUp } from './lib/load.js';
import { FIRST_BULK_USER, FIXED_USERS, loadInbox, loadSessions, loadUsers } from './lib/preload.js';
import { progress } from './lib/progress.js';

const OWNERS = 64;
const OWNER_CHATS = 50;
const CROWDED_CHATS = 1_000;
const PER_CHAT = 20;
const INBOX = '/api/v1/conversations';
const ME = '/api/v1/users/me';

async function main() {
  const { mainA, mainB, rest, tmp } = abStart('ab-inbox', '[rounds] [seconds]');
  const rounds = Number(rest[0] ?? 3);
  const seconds = Number(rest[1] ?? 5);
  const databaseUrl = (await createTempDatabase(process.env.BENCH_DATABASE_URL ?? LOCAL_POSTGRES_URL)).url;

  progress('load: users and inboxes');
  const crowded = FIXED_USERS.inboxOwner;
  const firstOwner = FIRST_BULK_USER + CROWDED_CHATS;
  const firstPartner = firstOwner + OWNERS;
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    await loadUsers(database.db, firstPartner + OWNER_CHATS - 1, 'x');
    await loadSessions(database.db, crowded, crowded);
    await loadSessions(database.db, firstOwner, firstPartner - 1);
    await loadInbox(database.db, {
      firstOwner: crowded,
      owners: 1,
      firstPartner: FIRST_BULK_USER,
      conversations: CROWDED_CHATS,
      perConversation: PER_CHAT,
      firstIndex: 0,
    });
    await loadInbox(database.db, {
      firstOwner,
      owners: OWNERS,
      firstPartner,
      conversations: OWNER_CHATS,
      perConversation: PER_CHAT,
      firstIndex: 1,
    });
  } finally {
    await database.close();
  }

  const jwtSecret = randomBytes(36).toString('base64url');
  const shared = { databaseUrl, jwtSecret, tmp };
  const servers = {
    A: await startBuild('a', mainA, abBuildOptions('a', shared)),
    B: await startBuild('b', mainB, abBuildOptions('b', shared)),
  };
  const owners = await signTokens(
    jwtSecret,
    Array.from({ length: OWNERS }, (_, i) => firstOwner + i),
  );
  const [crowdedToken] = await signTokens(jwtSecret, [crowded]);

  const many = async (server: BuildServer, target: string) => {
    const load: LoadOptions = {
      url: server.url,
      connections: OWNERS,
      durationSeconds: seconds,
      requestFor: (i) => ({ method: 'GET', path: target, token: owners[i % OWNERS]! }),
    };
    await warmUp(load, 1);
    const window = await startCpuWindow(server.pid, databaseUrl);
    const result = await runLoad(load);
    const cores = await window.stop();
    const msPerRequest = (share: number | null) => ((share ?? Number.NaN) * cores.seconds * 1000) / result.ok;
    if (result.failed > 0) throw new Error(`GET ${target}: ${JSON.stringify(result.statuses)}`);
    return { ...result, serverMs: msPerRequest(cores.server), dbMs: msPerRequest(cores.database) };
  };
  const single = async (server: BuildServer) => {
    const load: LoadOptions = {
      url: server.url,
      connections: 1,
      durationSeconds: seconds,
      requestFor: () => ({ method: 'GET', path: INBOX, token: crowdedToken! }),
    };
    await warmUp(load, 1);
    return runLoad(load);
  };

  const f = (value: number, digits = 1) => value.toFixed(digits);
  console.log(`A = ${mainA}\nB = ${mainB}\nPostgreSQL, ${seconds} s runs, ${OWNERS} connections`);
  console.log(
    'round | build: /users/me req/s | inbox req/s p50 p99, ratio to /users/me, cpu ms/page server+db | 1,000 chats on 1 conn p50 p99',
  );
  for (let round = 1; round <= rounds; round += 1) {
    for (const which of round % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const server = servers[which];
      const me = await many(server, ME);
      const inbox = await many(server, INBOX);
      const one: LoadResult = await single(server);
      console.log(
        `${round} | ${which}: ${f(me.throughput)} | ${f(inbox.throughput)} ${f(inbox.latency.p50)} ${f(inbox.latency.p99)}, ` +
          `${f(inbox.throughput / me.throughput, 3)}x, ${f(inbox.serverMs, 2)}+${f(inbox.dbMs, 2)} | ` +
          `${f(one.latency.p50, 2)} ${f(one.latency.p99, 2)}`,
      );
    }
  }
}

runWithCleanup(main);
