// Two builds of the server on the delivery scenarios, in one run. Each round measures A and B at the same
// time, each with users, chats and background senders of its own on the same PostgreSQL, so a moment when
// the machine is busier (a shared machine's other work comes and goes within seconds) falls on both
// alike; the per-round ratio B/A is the figure to read, not the absolute values.
// - delivery: scenario 2 (a 100-member group, every member connected, 10 probes a second, background
//   senders at a fixed rate): time from the probe's POST to message.created at each other member;
// - capacity: one step of scenario 7 (N users chatting, acking and reading like clients), fresh users and
//   chats for every round;
// - two: scenario 2 on two processes of each build with Redis, against one process of it with Redis
//   (the builds one after the other: both would share Redis's channel).
//
//   npm run build                  # in each checkout (e.g. main and a worktree of it)
//   npx tsx bench/ab-delivery.ts ../main/dist/main.js dist/main.js [rounds=3] [--only=delivery,capacity,two]
//     [--rate=600] [--seconds=12] [--users=200] [--step=30]
//
// PostgreSQL: BENCH_DATABASE_URL, else 127.0.0.1:5432 (a temp database, dropped at the end); Redis for
// `two`: BENCH_REDIS_URL, else 127.0.0.1:6379. A build's dist/ must stay inside a checkout of the project
// (it finds its migrations from there).
import { randomBytes } from 'node:crypto';
import { createDirectPairs, createGroup } from './lib/api-client.js';
import { abStart, type BuildServer, startBuild } from './lib/builds.js';
import { ChatPopulation } from './lib/chat-population.js';
import { runWithCleanup } from './lib/cleanup.js';
import { startCpuWindow } from './lib/cpu-usage.js';
import { createTempDatabase, DEFAULT_REDIS_URL, LOCAL_POSTGRES_URL } from './lib/databases.js';
import { loadBenchUsers } from './lib/fixtures.js';
import { progress, sleep } from './lib/progress.js';
import type { ServerHandle } from './lib/server.js';
import { type DeliveryResult, measureDelivery } from './scenarios/delivery-latency.js';

const GROUP = 100;
const SENDERS = 64;
const PROBES_PER_SECOND = 10;
const BUILDS = ['A', 'B'] as const;
type Build = (typeof BUILDS)[number];

const flag = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];

/** measureDelivery reads the url of each server. */
const handle = (server: BuildServer, name: string) =>
  ({ ...server, name, fdLimit: null, readyMs: 0, alive: () => true }) as ServerHandle;

/** Both at once, each resolving to its own result. */
async function both<T>(run: (which: Build) => Promise<T>): Promise<Record<Build, T>> {
  const [A, B] = await Promise.all(BUILDS.map(run));
  return { A: A!, B: B! };
}

async function main() {
  const { mainA, mainB, rest, tmp } = abStart('ab-delivery', '[rounds] [--only=delivery,capacity,two]');
  const rounds = Number(rest[0] ?? 3);
  const only = (flag('only') ?? 'delivery,capacity').split(',');
  const rate = Number(flag('rate') ?? 600);
  const seconds = Number(flag('seconds') ?? 12);
  const capacityUsers = Number(flag('users') ?? 200);
  const stepSeconds = Number(flag('step') ?? 30);
  const builds: Record<Build, string> = { A: mainA, B: mainB };

  const databaseUrl = (await createTempDatabase(process.env.BENCH_DATABASE_URL ?? LOCAL_POSTGRES_URL)).url;
  const redisUrl = process.env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL;
  const jwtSecret = randomBytes(36).toString('base64url');
  // Bulk users with a session each: a group of members per build, then fresh capacity users per round.
  const capacityRuns = only.includes('capacity') ? rounds * 2 : 0;
  const users = await loadBenchUsers(databaseUrl, tmp, jwtSecret, 2 * GROUP + capacityRuns * capacityUsers);
  let nextUser = 0;
  const take = (count: number) => {
    nextUser += count;
    return users.slice(nextUser - count, nextUser);
  };

  let serial = 0;
  const start = (which: Build, withRedis = false) =>
    startBuild(`${which.toLowerCase()}${serial++}`, builds[which], {
      databaseUrl,
      jwtSecret,
      tmp,
      ...(withRedis ? { redisUrl } : {}),
    });
  const servers = { A: await start('A'), B: await start('B') };
  progress(`delivery groups: ${GROUP} members each, ${SENDERS} of them background senders in direct pairs`);
  const groups = await both(async (which) => {
    const members = take(GROUP);
    const url = servers[which].url;
    return {
      members,
      conversationOf: await createDirectPairs(url, members.slice(0, SENDERS)),
      groupId: await createGroup(url, members.at(-1)!, members.slice(0, -1), `${which} group`),
    };
  });

  const measure = (which: Build, targets: BuildServer[], forSeconds: number) =>
    measureDelivery({
      servers: targets.map((server, i) => handle(server, `${which} ${i}`)),
      ...groups[which],
      backgroundSenders: SENDERS,
      backgroundRate: rate,
      seconds: forSeconds,
      // Both builds run every round, so from the second round on both are warm; the first is the same for both.
      warmUpSeconds: 0,
      databaseUrl: null,
      probesPerSecond: PROBES_PER_SECOND,
    });

  const delivery = async (which: Build) => {
    const window = await startCpuWindow(servers[which].pid, databaseUrl);
    const result = await measure(which, [servers[which]], seconds);
    return { result, cores: await window.stop() };
  };

  const capacity = async (which: Build) => {
    const server = servers[which];
    const population = new ChatPopulation(server.url, take(capacityUsers), {
      sendInterval: [10, 30],
      readDelay: [1, 5],
    });
    try {
      await population.grow(capacityUsers);
      return population;
    } catch (error) {
      await population.close();
      throw error;
    }
  };

  const f = (value: number | null | undefined, digits = 1) =>
    value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
  const showDelivery = (r: DeliveryResult, cores: number | null) =>
    `p50 ${f(r.all.p50)} p90 ${f(r.all.p90)} p99 ${f(r.all.p99)} max ${f(r.all.max)} ms` +
    ` (bg ${f(r.background.rate, 0)}/s, ${r.received}/${r.expected}, server ${f(cores, 2)} cores)`;
  const ratios: Record<string, number[]> = {};
  const units: Record<string, string> = {};
  const note = (key: string, value: number, unit = 'x') => {
    ratios[key] ??= [];
    ratios[key].push(value);
    units[key] = unit;
  };

  console.log(`A = ${builds.A}\nB = ${builds.B}`);
  console.log(
    `${only.join(', ')}; delivery: background ${rate}/s on each, ${seconds} s; capacity: ${capacityUsers} users on each, ${stepSeconds} s`,
  );
  if (only.includes('delivery')) {
    progress('warm-up: an untimed delivery run on both');
    await both((which) => measure(which, [servers[which]], 3));
  }
  for (let round = 1; round <= rounds; round += 1) {
    if (only.includes('delivery')) {
      progress(`round ${round}: delivery on A and B at once`);
      const results = await both(delivery);
      for (const which of BUILDS) {
        const { result, cores } = results[which];
        console.log(`${round} delivery ${which}: ${showDelivery(result, cores.server)}`);
      }
      for (const key of ['p50', 'p99', 'max'] as const) {
        note(`delivery ${key}`, results.B.result.all[key] / results.A.result.all[key]);
      }
    }
    if (only.includes('capacity')) {
      progress(`round ${round}: capacity on A and B at once`);
      const populations = await both(capacity);
      try {
        await sleep(2000);
        const windows = await both((which) => startCpuWindow(servers[which].pid, databaseUrl));
        for (const which of BUILDS) populations[which].startSending();
        await sleep(stepSeconds * 1000);
        const cores = await both((which) => windows[which].stop());
        await both((which) => populations[which].stopSending(5000));
        for (const which of BUILDS) {
          const step = populations[which].takeStep(cores[which].seconds);
          const c = cores[which];
          console.log(
            `${round} capacity ${which}: ${f(step.sendsPerSecond)} msg/s, delivery p50 ${f(step.delivery.p50)} ` +
              `p99 ${f(step.delivery.p99)} max ${f(step.delivery.max)} ms, send p99 ${f(step.send.p99)} ms, ` +
              `${step.errors} errors, cores: server ${f(c.server, 2)} load ${f(c.loadGenerator, 2)} ` +
              `machine ${f(c.machine, 2)}` +
              (step.errors > 0 ? `; ${JSON.stringify(step.failures)}, first: ${step.firstError}` : ''),
          );
          note(`capacity p50 ${which}`, step.delivery.p50, ' ms');
          note(`capacity p99 ${which}`, step.delivery.p99, ' ms');
        }
        const ratio = (key: 'p50' | 'p99') =>
          ratios[`capacity ${key} B`]!.at(-1)! / ratios[`capacity ${key} A`]!.at(-1)!;
        note('capacity p50', ratio('p50'));
        note('capacity p99', ratio('p99'));
      } finally {
        await both((which) => populations[which].close());
      }
    }
    if (only.includes('two')) {
      const results: Partial<Record<Build, { one: DeliveryResult; two: DeliveryResult }>> = {};
      for (const which of round % 2 === 1 ? BUILDS : ([...BUILDS].reverse() as Build[])) {
        progress(`round ${round}: one and two processes with Redis on ${which}`);
        const first = await start(which, true);
        const second = await start(which, true);
        try {
          await measure(which, [first, second], 3);
          const one = await measure(which, [first], seconds);
          const two = await measure(which, [first, second], seconds);
          results[which] = { one, two };
        } finally {
          await second.stop();
          await first.stop();
        }
      }
      for (const which of BUILDS) {
        const { one, two } = results[which]!;
        console.log(`${round} redis ${which}, one process: ${showDelivery(one, null)}`);
        console.log(
          `${round} redis ${which}, two processes: ${showDelivery(two, null)}; p99 two/one ${f(two.all.p99 / one.all.p99, 2)}x`,
        );
        note(`two/one p99 on ${which}`, two.all.p99 / one.all.p99);
      }
    }
  }
  console.log('\nEach round (B/A: lower is better for B):');
  for (const [key, values] of Object.entries(ratios)) {
    const sorted = [...values].sort((a, b) => a - b);
    const median =
      sorted.length % 2 === 1
        ? sorted[(sorted.length - 1) / 2]!
        : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    const unit = units[key];
    console.log(
      `  ${key}: ${values.map((value) => `${f(value, 2)}${unit}`).join(' ')} (median ${f(median, 2)}${unit})`,
    );
  }
}

runWithCleanup(main);
