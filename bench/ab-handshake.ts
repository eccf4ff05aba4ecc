// Two builds of the server on socket handshakes, in one run: both serve the same database. Each round
// opens, on A and on B in turn (B first in even rounds), one socket for each of N users never seen by that
// server before (a token it has not checked yet, a session it has not cached), 100 handshakes at a time,
// each counted when its `ready` frame arrives; then closes them and waits for the server to go idle. It
// reports handshakes per second and the CPU each handshake cost the server, the database backends and the
// benchmark's own clients.
//
//   npm run build                  # in each checkout (e.g. main and a worktree of it)
//   npx tsx bench/ab-handshake.ts ../main/dist/main.js dist/main.js [rounds=3] [sockets=2000]
//
// PostgreSQL: BENCH_DATABASE_URL, else 127.0.0.1:5432 (a temp database, dropped at the end), migrated and
// loaded by this checkout. A build's dist/ must stay inside a checkout of the project (it finds its
// migrations from there). AB_PROFILE_DIR=<dir> writes a CPU profile of each server.
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/client.js';
import { abBuildOptions, abStart, type BuildServer, startBuild, untilIdle } from './lib/builds.js';
import { runWithCleanup } from './lib/cleanup.js';
import { startCpuWindow } from './lib/cpu-usage.js';
import { createTempDatabase, LOCAL_POSTGRES_URL } from './lib/databases.js';
import { signTokens } from './lib/fixtures.js';
import { FIRST_BULK_USER, loadSessions, loadUsers } from './lib/preload.js';
import { progress } from './lib/progress.js';
import { closeSockets, openSockets, wsUrlOf } from './lib/ws-clients.js';

const CONCURRENCY = 100;

async function main() {
  const { mainA, mainB, rest, tmp } = abStart('ab-handshake', '[rounds] [sockets]');
  const rounds = Number(rest[0] ?? 3);
  const perRound = Number(rest[1] ?? 2000);
  const databaseUrl = (await createTempDatabase(process.env.BENCH_DATABASE_URL ?? LOCAL_POSTGRES_URL)).url;

  // Users of their own for every round: a server remembers tokens and sessions it has checked.
  const last = FIRST_BULK_USER + rounds * perRound - 1;
  progress(`load: ${rounds * perRound} users with a session each`);
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    await loadUsers(database.db, last, 'x');
    await loadSessions(database.db, FIRST_BULK_USER, last);
  } finally {
    await database.close();
  }

  const jwtSecret = randomBytes(36).toString('base64url');
  const shared = { databaseUrl, jwtSecret, tmp };
  const servers: Record<'A' | 'B', BuildServer> = {
    A: await startBuild('a', mainA, abBuildOptions('a', shared)),
    B: await startBuild('b', mainB, abBuildOptions('b', shared)),
  };

  const f = (value: number, digits = 0) => value.toFixed(digits);
  console.log(`A = ${mainA}\nB = ${mainB}\n${perRound} new sockets per round, ${CONCURRENCY} at a time`);
  console.log('round | build: handshakes/s | CPU µs per handshake: server, database, clients | failures');
  for (let round = 1; round <= rounds; round += 1) {
    const first = FIRST_BULK_USER + (round - 1) * perRound;
    const tokens = await signTokens(
      jwtSecret,
      Array.from({ length: perRound }, (_, i) => first + i),
    );
    for (const which of round % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const server = servers[which];
      await untilIdle(server.pid);
      const window = await startCpuWindow(server.pid, databaseUrl);
      const batch = await openSockets(wsUrlOf(server.url), tokens, { concurrency: CONCURRENCY });
      const cores = await window.stop();
      const opened = batch.sockets.length;
      const perHandshake = (share: number | null) => ((share ?? Number.NaN) * cores.seconds * 1e6) / opened;
      console.log(
        `${round} | ${which}: ${f(opened / batch.seconds)} | ${f(perHandshake(cores.server))}, ` +
          `${f(perHandshake(cores.database))}, ${f(perHandshake(cores.loadGenerator))} | ` +
          `${batch.failures}${batch.firstError ? ` (${batch.firstError})` : ''}`,
      );
      await closeSockets(batch.sockets);
    }
  }
}

runWithCleanup(main);
