// Two builds of the server on the send scenario, in one run: both serve the same database, and each round
// measures the single-row INSERT ceiling, then A and B (B first in even rounds), so every comparison is
// made under the same load of the machine. Besides throughput and latency it reports CPU per message (the
// server process, and the database backends of the run's database), counted until the server is idle
// again: work a send leaves behind (the push fan-out, outbox deletes) is charged to it.
//
//   npm run build                  # in each checkout (e.g. main and a worktree of it)
//   npx tsx bench/ab-send.ts ../main/dist/main.js dist/main.js [rounds=3] [seconds=5] [--embedded]
//   npx tsx bench/ab-send.ts /tmp/old/main.js /tmp/new/main.js --get=/api/v1/users/me   # a GET instead
//
// With --get=<path>, each sender GETs that path with its own token instead of sending, and the CPU per
// request is the figure to compare: it moves far less with the machine's load than requests/s do.
// PostgreSQL: BENCH_DATABASE_URL, else 127.0.0.1:5432 (a temp database, dropped at the end); --embedded
// starts an embedded cluster of its own. A build's dist/ must stay inside a checkout of the project (it
// finds its migrations from there). AB_PROFILE_DIR=<dir> writes a CPU profile of each server.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { type BenchUser, createDirectPairs, createUsers, messagesPath } from './lib/api-client.js';
import { abBuildOptions, abStart, type BuildServer, startBuild, untilIdle } from './lib/builds.js';
import { onCleanup, runWithCleanup } from './lib/cleanup.js';
import { startCpuWindow } from './lib/cpu-usage.js';
import { createTempDatabase, LOCAL_POSTGRES_URL } from './lib/databases.js';
import { measureInsertCeiling } from './lib/insert-ceiling.js';
import { type LoadResult, runLoad, warmUp } from './lib/load.js';
import { progress } from './lib/progress.js';
import { SEND_CONTENT } from './scenarios/send-throughput.js';

const SENDERS = 64;

async function main() {
  const { mainA, mainB, rest, tmp } = abStart('ab-send', '[rounds] [seconds] [--embedded] [--get=<path>]');
  const rounds = Number(rest[0] ?? 3);
  const seconds = Number(rest[1] ?? 5);
  const embedded = process.argv.includes('--embedded');
  const getPath = process.argv.find((arg) => arg.startsWith('--get='))?.slice('--get='.length);

  let databaseUrl: string;
  if (embedded) {
    const cluster = await startEmbeddedPostgres({ dir: path.join(tmp, 'postgres'), port: null });
    onCleanup('stop the embedded PostgreSQL', () => cluster.stop());
    databaseUrl = cluster.url();
  } else {
    databaseUrl = (await createTempDatabase(process.env.BENCH_DATABASE_URL ?? LOCAL_POSTGRES_URL)).url;
  }
  const jwtSecret = randomBytes(36).toString('base64url');
  const shared = { databaseUrl, jwtSecret, tmp };
  const servers = {
    A: await startBuild('a', mainA, abBuildOptions('a', shared)),
    B: await startBuild('b', mainB, abBuildOptions('b', shared)),
  };
  progress(`users: signing up ${SENDERS} senders`);
  const senders = await createUsers(servers.B.url, SENDERS, 'ab');
  const conversationOf = await createDirectPairs(servers.B.url, senders);
  const database = await openDatabase({ databaseUrl, poolSize: 20, migrate: false });
  onCleanup('close the pool', () => database.close());

  const ceiling = async (owner: BenchUser) => {
    // Conversations of its own each time: the ceiling numbers its rows from 1.
    const ids = Array.from({ length: SENDERS / 2 }, () => randomUUID());
    await database.db.$client.query(
      `insert into conversations (id, type, title, created_by)
       select id, 'group', 'ceiling', $2 from unnest($1::uuid[]) as id`,
      [ids, owner.id],
    );
    const window = await startCpuWindow(process.pid, databaseUrl);
    const result = await measureInsertCeiling(database.db, {
      workers: SENDERS,
      conversationIds: ids,
      senderId: owner.id,
      content: SEND_CONTENT,
      seconds,
    });
    const cores = await window.stop();
    return {
      ...result,
      dbMsPerInsert: ((cores.database ?? Number.NaN) * cores.seconds * 1000) / result.inserts,
    };
  };
  const sends = async (server: BuildServer) => {
    const load = {
      url: server.url,
      connections: SENDERS,
      durationSeconds: seconds,
      requestFor: (i: number) =>
        getPath
          ? { method: 'GET' as const, path: getPath, token: senders[i]!.token }
          : {
              method: 'POST' as const,
              path: messagesPath(conversationOf[i]!),
              token: senders[i]!.token,
              body: { content: SEND_CONTENT },
            },
    };
    await warmUp(load, 1);
    await untilIdle(server.pid);
    const window = await startCpuWindow(server.pid, databaseUrl);
    const result = await runLoad(load);
    await untilIdle(server.pid);
    const cores = await window.stop();
    const msPerMessage = (share: number | null) => ((share ?? Number.NaN) * cores.seconds * 1000) / result.ok;
    return { ...result, serverMs: msPerMessage(cores.server), dbMs: msPerMessage(cores.database) };
  };

  const f = (value: number, digits = 1) => value.toFixed(digits);
  console.log(
    `A = ${mainA}\nB = ${mainB}\n${embedded ? 'embedded PostgreSQL' : 'PostgreSQL'}, ${seconds} s runs` +
      (getPath ? `, GET ${getPath} (per request, not per message)` : ''),
  );
  console.log(
    'round | ceiling/s p50 p99 (db ms/insert) | A: msg/s p50 p99 ratio, p99 ratio, cpu ms/msg server+db | B: same',
  );
  for (let round = 1; round <= rounds; round += 1) {
    const c = await ceiling(senders[0]!);
    const results: Partial<Record<'A' | 'B', Awaited<ReturnType<typeof sends>>>> = {};
    for (const which of round % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      results[which] = await sends(servers[which]);
    }
    const show = (r: LoadResult & { serverMs: number; dbMs: number }) =>
      `${f(r.throughput)} ${f(r.latency.p50)} ${f(r.latency.p99)} ${f(r.throughput / c.perSecond, 2)}x ` +
      `${f(r.latency.p99 / c.latency.p99, 2)}x ${f(r.serverMs, 2)}+${f(r.dbMs, 2)}` +
      (r.failed > 0 ? ` (${r.failed} failed)` : '');
    console.log(
      `${round} | ${f(c.perSecond)} ${f(c.latency.p50)} ${f(c.latency.p99)} (${f(c.dbMsPerInsert, 2)}) | ` +
        `${show(results.A!)} | ${show(results.B!)}`,
    );
  }
}

runWithCleanup(main);
