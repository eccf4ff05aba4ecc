// Two builds of the server on a large group whose members all have the chat open: every member's device
// acknowledges each message as it arrives (`ack` frame) and reads it (POST /read) a moment later, as the
// apps do. Members take turns sending. Per build and round: the receipt.updated frames the members
// received per message, the server's CPU per message, and the time from a POST to message.created at
// every member. The builds run one after the other in each round (A then B, then B then A), each with a
// group of its own on the same PostgreSQL.
//
//   npm run build                  # in each checkout (e.g. main and a worktree of it)
//   npx tsx bench/ab-receipts.ts <A main.js> <B main.js> [rounds=2] [--members=100] [--rate=5] [--seconds=10]
//
// PostgreSQL: BENCH_DATABASE_URL, else 127.0.0.1:5432 (a temp database, dropped at the end).
import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { type BenchUser, call, createGroup, messagesPath } from './lib/api-client.js';
import { abBuildOptions, abStart, type BuildServer, startBuild, untilIdle } from './lib/builds.js';
import { runWithCleanup } from './lib/cleanup.js';
import { startCpuWindow } from './lib/cpu-usage.js';
import { createTempDatabase, LOCAL_POSTGRES_URL } from './lib/databases.js';
import { loadBenchUsers } from './lib/fixtures.js';
import { progress, sleep } from './lib/progress.js';
import { summarize } from './lib/stats.js';
import { closeSockets, openSockets, wsUrlOf } from './lib/ws-clients.js';

const flag = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];

interface RunResult {
  messages: number;
  receiptFrames: number;
  serverMsPerMessage: number;
  deliveryP50: number;
  deliveryP99: number;
  errors: number;
}

async function runGroup(
  server: BuildServer,
  members: BenchUser[],
  groupId: string,
  options: { rate: number; seconds: number },
): Promise<RunResult> {
  const sentAt = new Map<string, number>();
  const lastArrival = new Map<string, number>();
  const arrivals = new Map<string, number>();
  let receiptFrames = 0;
  let errors = 0;
  const reads: Promise<void>[] = [];
  let sockets: WebSocket[] = [];
  const opened = await openSockets(
    wsUrlOf(server.url),
    members.map((member) => member.token),
    {
      concurrency: 50,
      onFrame: (index, raw) => {
        if (raw.includes('"receipt.updated"')) {
          receiptFrames += 1;
          return;
        }
        if (!raw.includes('"message.created"')) return;
        const message = JSON.parse(raw).data as { id: string; senderId: string };
        if (message.senderId === members[index]!.id) return;
        arrivals.set(message.id, (arrivals.get(message.id) ?? 0) + 1);
        lastArrival.set(message.id, performance.now());
        sockets[index]?.send(JSON.stringify({ type: 'ack', data: { messageId: message.id } }));
        reads.push(
          sleep(500 + Math.random() * 1000).then(async () => {
            const read = await call(server.url, 'POST', `/api/v1/conversations/${groupId}/read`, {
              token: members[index]!.token,
              body: { messageId: message.id },
            });
            if (read.status !== 200) errors += 1;
          }),
        );
      },
    },
  );
  if (opened.failures > 0) throw new Error(`sockets failed: ${opened.firstError}`);
  sockets = opened.byIndex as WebSocket[];
  await untilIdle(server.pid);
  const window = await startCpuWindow(server.pid, null);
  const total = Math.round(options.rate * options.seconds);
  for (let n = 0; n < total; n += 1) {
    const sender = members[n % members.length]!;
    const started = performance.now();
    const response = await call(server.url, 'POST', messagesPath(groupId), {
      token: sender.token,
      body: { content: `message ${n}` },
    });
    if (response.status !== 201) errors += 1;
    else sentAt.set(response.body.data.id, started);
    await sleep(Math.max(0, started + 1000 / options.rate - performance.now()));
  }
  // Every member's read of the last message is on its way within 1.5 s; then its receipts.
  await sleep(1600);
  await Promise.all(reads);
  await sleep(1000);
  const cores = await window.stop();
  await closeSockets(opened.sockets);
  const times: number[] = [];
  for (const [id, at] of sentAt) {
    if (arrivals.get(id) !== members.length - 1) errors += 1;
    const last = lastArrival.get(id);
    if (last !== undefined) times.push(last - at);
  }
  const summary = summarize(times);
  return {
    messages: sentAt.size,
    receiptFrames,
    serverMsPerMessage: ((cores.server ?? Number.NaN) * cores.seconds * 1000) / Math.max(1, sentAt.size),
    deliveryP50: summary.p50,
    deliveryP99: summary.p99,
    errors,
  };
}

async function main() {
  const { mainA, mainB, rest, tmp } = abStart('ab-receipts', '[rounds] [--members=100]');
  const rounds = Number(rest[0] ?? 2);
  const size = Number(flag('members') ?? 100);
  const rate = Number(flag('rate') ?? 5);
  const seconds = Number(flag('seconds') ?? 10);
  const databaseUrl = (await createTempDatabase(process.env.BENCH_DATABASE_URL ?? LOCAL_POSTGRES_URL)).url;
  const jwtSecret = randomBytes(36).toString('base64url');
  const users = await loadBenchUsers(databaseUrl, tmp, jwtSecret, 2 * size);
  const shared = { databaseUrl, jwtSecret, tmp };
  const builds = {
    A: { server: await startBuild('a', mainA, abBuildOptions('a', shared)), members: users.slice(0, size) },
    B: {
      server: await startBuild('b', mainB, abBuildOptions('b', shared)),
      members: users.slice(size, 2 * size),
    },
  };
  const groups = {
    A: await createGroup(builds.A.server.url, builds.A.members[0]!, builds.A.members.slice(1), 'A'),
    B: await createGroup(builds.B.server.url, builds.B.members[0]!, builds.B.members.slice(1), 'B'),
  };
  console.log(`A = ${mainA}\nB = ${mainB}`);
  console.log(`a group of ${size}, every member acking and reading; ${rate} messages/s for ${seconds} s`);
  const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
  for (let round = 1; round <= rounds; round += 1) {
    const order = round % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const);
    for (const which of order) {
      progress(`round ${round}: ${which}`);
      const { server, members } = builds[which];
      const r = await runGroup(server, members, groups[which], { rate, seconds });
      console.log(
        `${round} ${which}: ${r.messages} messages, ${f(r.receiptFrames / Math.max(1, r.messages), 0)} receipt frames ` +
          `per message, server ${f(r.serverMsPerMessage)} ms CPU per message, delivery to all p50 ` +
          `${f(r.deliveryP50)} p99 ${f(r.deliveryP99)} ms, ${r.errors} errors`,
      );
    }
  }
}

runWithCleanup(main);
