// Two builds of the server on the delivery scenarios, in one run, alternating (B first in even rounds), so
// every comparison is made under the same load of the machine:
// - delivery: scenario 2 (a 100-member group, every member connected, 10 probes a second, background
//   senders at a fixed rate): time from the probe's POST to message.created at each other member;
// - capacity: one step of scenario 7 (N users chatting, acking and reading like clients), fresh users and
//   chats for every measurement;
// - two: scenario 2 on two processes of the build with Redis, against one process of it with Redis.
//
//   npm run build && cp -r dist /tmp/new      # and likewise the other build, e.g. from a worktree of main
//   npx tsx bench/ab-delivery.ts /tmp/old/main.js /tmp/new/main.js [rounds=3] [--only=delivery,capacity]
//     [--rate=600] [--seconds=12] [--users=200] [--step=30]
//
// PostgreSQL: BENCH_DATABASE_URL, else 127.0.0.1:5432 (a temp database, dropped at the end); Redis for
// `two`: BENCH_REDIS_URL, else 127.0.0.1:6379. A build's dist/ must stay inside a checkout of the project
// (it finds its migrations from there).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BenchUser, createDirectPairs, createGroup } from './lib/api-client.js';
import { type BuildServer, startBuild, untilIdle } from './lib/builds.js';
import { ChatPopulation } from './lib/chat-population.js';
import { cleanupAll, cleanupOnExit, onCleanup } from './lib/cleanup.js';
import { startCpuWindow } from './lib/cpu-usage.js';
import { createTempDatabase, DEFAULT_REDIS_URL, LOCAL_POSTGRES_URL } from './lib/databases.js';
import { loadFixtures, signTokens } from './lib/fixtures.js';
import { userEmail, userId } from './lib/preload.js';
import { progress, sleep } from './lib/progress.js';
import type { ServerHandle } from './lib/server.js';
import { type DeliveryResult, measureDelivery } from './scenarios/delivery-latency.js';

const GROUP = 100;
const SENDERS = 64;
const PROBES_PER_SECOND = 10;

const flag = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];

/** measureDelivery reads url (and, for two processes, nothing else) of each server. */
const handle = (server: BuildServer, name: string) =>
  ({ ...server, name, fdLimit: null, readyMs: 0, alive: () => true }) as ServerHandle;

async function main() {
  const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const [mainA, mainB] = args;
  if (!mainA || !mainB) throw new Error('usage: tsx bench/ab-delivery.ts <A main.js> <B main.js> [rounds]');
  const rounds = Number(args[2] ?? 3);
  const only = (flag('only') ?? 'delivery,capacity').split(',');
  const rate = Number(flag('rate') ?? 600);
  const seconds = Number(flag('seconds') ?? 12);
  const capacityUsers = Number(flag('users') ?? 200);
  const stepSeconds = Number(flag('step') ?? 30);
  const builds = { A: path.resolve(mainA), B: path.resolve(mainB) };

  const tmp = mkdtempSync(path.join(tmpdir(), 'ab-delivery-'));
  onCleanup(`delete ${tmp}`, () => rmSync(tmp, { recursive: true, force: true }));
  const databaseUrl = (await createTempDatabase(process.env.BENCH_DATABASE_URL ?? LOCAL_POSTGRES_URL)).url;
  const redisUrl = process.env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL;
  const jwtSecret = randomBytes(36).toString('base64url');
  // Bulk users with a session each: the group's members, then fresh capacity users for every measurement.
  const capacityRuns = only.includes('capacity') ? rounds * 2 : 0;
  const fixtures = await loadFixtures({
    databaseUrl,
    embeddedDir: path.join(tmp, 'unused'),
    history: null,
    inbox: null,
    sockets: GROUP + capacityRuns * capacityUsers,
    ceiling: null,
  });
  const tokens = await signTokens(jwtSecret, fixtures.socketUsers);
  const users: BenchUser[] = fixtures.socketUsers.map((n, i) => ({
    id: userId(n),
    email: userEmail(n),
    token: tokens[i]!,
  }));
  const members = users.slice(0, GROUP);
  let nextCapacityUser = GROUP;

  let serial = 0;
  const start = (which: 'A' | 'B', withRedis = false) =>
    startBuild(`${which.toLowerCase()}${serial++}`, builds[which], {
      databaseUrl,
      jwtSecret,
      tmp,
      ...(withRedis ? { redisUrl } : {}),
    });
  const servers = { A: await start('A'), B: await start('B') };
  progress(`delivery group: ${GROUP} members, ${SENDERS} of them background senders in direct pairs`);
  const warm = new Set<number>();
  const conversationOf = await createDirectPairs(servers.A.url, members.slice(0, SENDERS));
  const groupId = await createGroup(servers.A.url, members.at(-1)!, members.slice(0, -1), 'A/B group');

  const delivery = async (targets: BuildServer[], pid: number) => {
    // Untimed first, so connections, prepared statements and compiled code are warm on every process.
    if (!warm.has(pid)) {
      warm.add(pid);
      await measureDelivery({
        servers: targets.map((server, i) => handle(server, `server ${i}`)),
        members,
        groupId,
        backgroundSenders: SENDERS,
        conversationOf,
        backgroundRate: rate,
        seconds: 3,
        probesPerSecond: PROBES_PER_SECOND,
      });
    }
    await untilIdle(pid);
    const window = await startCpuWindow(pid, databaseUrl);
    const result = await measureDelivery({
      servers: targets.map((server, i) => handle(server, `server ${i}`)),
      members,
      groupId,
      backgroundSenders: SENDERS,
      conversationOf,
      backgroundRate: rate,
      seconds,
      probesPerSecond: PROBES_PER_SECOND,
    });
    return { result, cores: await window.stop() };
  };

  const capacity = async (server: BuildServer) => {
    const population = new ChatPopulation(
      server.url,
      users.slice(nextCapacityUser, nextCapacityUser + capacityUsers),
      { sendInterval: [10, 30], readDelay: [1, 5] },
    );
    nextCapacityUser += capacityUsers;
    try {
      await population.grow(capacityUsers);
      await untilIdle(server.pid);
      const window = await startCpuWindow(server.pid, databaseUrl);
      population.startSending();
      await sleep(stepSeconds * 1000);
      const cores = await window.stop();
      await population.stopSending(5000);
      return { step: population.takeStep(cores.seconds), cores };
    } finally {
      await population.close();
    }
  };

  const f = (value: number | null | undefined, digits = 1) =>
    value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
  const showDelivery = (r: DeliveryResult, cores: number | null) =>
    `p50 ${f(r.all.p50)} p90 ${f(r.all.p90)} p99 ${f(r.all.p99)} max ${f(r.all.max)} ms` +
    ` (bg ${f(r.background.rate, 0)}/s, ${r.received}/${r.expected}, server ${f(cores, 2)} cores)`;
  const ratios: Record<string, number[]> = {};
  const note = (key: string, a: number, b: number) => {
    ratios[key] ??= [];
    ratios[key].push(b / a);
  };

  console.log(`A = ${builds.A}\nB = ${builds.B}`);
  console.log(
    `${only.join(', ')}; delivery: background ${rate}/s, ${seconds} s; capacity: ${capacityUsers} users, ${stepSeconds} s`,
  );
  for (let round = 1; round <= rounds; round += 1) {
    const order = round % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const);
    if (only.includes('delivery')) {
      const results: Partial<Record<'A' | 'B', Awaited<ReturnType<typeof delivery>>>> = {};
      for (const which of order) {
        progress(`round ${round}: delivery on ${which}`);
        results[which] = await delivery([servers[which]], servers[which].pid);
      }
      for (const which of ['A', 'B'] as const) {
        const { result, cores } = results[which]!;
        console.log(`${round} delivery ${which}: ${showDelivery(result, cores.server)}`);
      }
      for (const key of ['p50', 'p99', 'max'] as const) {
        note(`delivery ${key}`, results.A!.result.all[key], results.B!.result.all[key]);
      }
    }
    if (only.includes('capacity')) {
      const results: Partial<Record<'A' | 'B', Awaited<ReturnType<typeof capacity>>>> = {};
      for (const which of order) {
        progress(`round ${round}: capacity on ${which}`);
        results[which] = await capacity(servers[which]);
      }
      for (const which of ['A', 'B'] as const) {
        const { step, cores } = results[which]!;
        console.log(
          `${round} capacity ${which}: ${f(step.sendsPerSecond)} msg/s, delivery p50 ${f(step.delivery.p50)} ` +
            `p99 ${f(step.delivery.p99)} max ${f(step.delivery.max)} ms, send p99 ${f(step.send.p99)} ms, ` +
            `${step.errors} errors, cores: server ${f(cores.server, 2)} db ${f(cores.database, 2)} ` +
            `load ${f(cores.loadGenerator, 2)} machine ${f(cores.machine, 2)}` +
            (step.errors > 0 ? `; ${JSON.stringify(step.failures)}, first: ${step.firstError}` : ''),
        );
      }
      for (const key of ['p50', 'p99', 'max'] as const) {
        note(`capacity ${key}`, results.A!.step.delivery[key], results.B!.step.delivery[key]);
      }
    }
    if (only.includes('two')) {
      const results: Partial<Record<'A' | 'B', { one: DeliveryResult; two: DeliveryResult }>> = {};
      for (const which of order) {
        progress(`round ${round}: one and two processes with Redis on ${which}`);
        const first = await start(which, true);
        const second = await start(which, true);
        try {
          const one = (await delivery([first], first.pid)).result;
          const two = (await delivery([first, second], first.pid)).result;
          results[which] = { one, two };
        } finally {
          await second.stop();
          await first.stop();
        }
      }
      for (const which of ['A', 'B'] as const) {
        const { one, two } = results[which]!;
        console.log(`${round} redis ${which}, one process: ${showDelivery(one, null)}`);
        console.log(
          `${round} redis ${which}, two processes: ${showDelivery(two, null)}; p99 two/one ${f(two.all.p99 / one.all.p99, 2)}x`,
        );
        note(`two/one p99 ${which}`, 1, two.all.p99 / one.all.p99);
      }
      note('redis two-process p99', results.A!.two.all.p99, results.B!.two.all.p99);
    }
  }
  console.log('\nB / A, each round (lower is better for B):');
  for (const [key, values] of Object.entries(ratios)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `  ${key}: ${values.map((value) => `${f(value, 2)}x`).join(' ')} (median ${f(sorted[Math.floor(sorted.length / 2)], 2)}x)`,
    );
  }
}

cleanupOnExit();
main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanupAll();
    process.exit(process.exitCode ?? 0);
  });
