// Scenario 2, second half: the same delivery measurement through two server processes sharing one
// PostgreSQL and one Redis; half the members are connected to each process.
import { createDirectPairs, createGroup, createUsers } from '../lib/api-client.js';
import {
  createTempDatabase,
  DEFAULT_REDIS_URL,
  LOCAL_POSTGRES_URL,
  postgresReachable,
  redisReachable,
} from '../lib/databases.js';
import { progress } from '../lib/progress.js';
import { type ServerHandle, startServer } from '../lib/server.js';
import { type DeliveryResult, deliveryRows, meanOfDeliveries, measureDelivery } from './delivery-latency.js';
import { type ScenarioOutcome, skipped } from './types.js';

export interface TwoProcessInput {
  /** BENCH_DATABASE_URL: the PostgreSQL server to create the shared temp database on (else the local one). */
  postgresUrl: string | null;
  redisUrl: string | null;
  jwtSecret: string;
  dataDirs: [string, string];
  groupSize: number;
  senders: number;
  backgroundRate: number;
  seconds: number;
  warmUpSeconds: number;
  probesPerSecond: number;
}

export async function deliveryAcrossProcesses(input: TwoProcessInput): Promise<ScenarioOutcome> {
  const scenario = '2 delivery (PG, 2 procs + Redis)';
  const redisUrl = input.redisUrl ?? DEFAULT_REDIS_URL;
  if (!(await redisReachable(redisUrl)))
    return skipped(scenario, `no Redis at ${redisUrl} (set BENCH_REDIS_URL)`);
  // A fresh database (not the main run's, where autovacuum may still be digesting the bulk load).
  const postgresServer = input.postgresUrl ?? LOCAL_POSTGRES_URL;
  if (!input.postgresUrl && !(await postgresReachable(LOCAL_POSTGRES_URL))) {
    return skipped(scenario, 'two processes need a shared PostgreSQL: set BENCH_DATABASE_URL');
  }
  const temp = await createTempDatabase(postgresServer);
  const databaseUrl = temp.url;
  const where = `${temp.owned ? 'a temp database' : 'the database'} on ${input.postgresUrl ? 'BENCH_DATABASE_URL' : `the local PostgreSQL (${new URL(LOCAL_POSTGRES_URL).host})`}`;
  progress(`2 delivery, two processes: PostgreSQL = ${where}; Redis = ${redisUrl}`);
  const common = { databaseUrl, redisUrl, jwtSecret: input.jwtSecret };
  const first = await startServer({ name: 'server A', dataDir: input.dataDirs[0], ...common });
  const second = await startServer({ name: 'server B', dataDir: input.dataDirs[1], ...common });
  try {
    progress(`2 delivery, two processes: signing up ${input.groupSize} members`);
    const members = await createUsers(first.url, input.groupSize, 'relay');
    const conversationOf = await createDirectPairs(first.url, members.slice(0, input.senders));
    const groupId = await createGroup(first.url, members.at(-1)!, members.slice(0, -1), 'Relay group');
    const measure = (servers: ServerHandle[]) =>
      measureDelivery({
        servers,
        // With every member on A, B still runs (and hears every event through Redis): its CPU counts too.
        idle: servers.includes(second) ? [] : [second],
        members,
        groupId,
        backgroundSenders: input.senders,
        conversationOf,
        backgroundRate: input.backgroundRate,
        seconds: input.seconds,
        warmUpSeconds: input.warmUpSeconds,
        databaseUrl,
        probesPerSecond: input.probesPerSecond,
      });
    // The fair baseline: one process on the same PostgreSQL and Redis. Of two runs here, the later one is
    // slower (the tables grow; autovacuum may wake): 2.3-2.5x at p50 with the baseline first, 1.0-1.2x
    // with it last. So the order is balanced (one, two, two, one) and each side is the mean of its runs.
    const runs: { one: DeliveryResult[]; two: DeliveryResult[] } = { one: [], two: [] };
    for (const [n, side] of (['one', 'two', 'two', 'one'] as const).entries()) {
      progress(
        `2 delivery: run ${n + 1} of 4, ${side === 'one' ? 'every member on server A' : 'members split over servers A and B'}`,
      );
      runs[side].push(await measure(side === 'one' ? [first] : [first, second]));
    }
    const oneProcess = meanOfDeliveries(runs.one[0]!, runs.one[1]!);
    const twoProcesses = meanOfDeliveries(runs.two[0]!, runs.two[1]!);
    const { rows, notes } = deliveryRows(scenario, twoProcesses, oneProcess);
    notes.push(
      `${scenario}: PostgreSQL = ${where}; baseline = the same run with all members on one of the two processes; ` +
        'runs in the order one, two, two, one process(es), each figure the mean of its two runs',
    );
    return { rows, details: { oneProcess, twoProcesses, runs, database: where, redisUrl }, notes };
  } finally {
    await second.stop();
    await first.stop();
    await temp.drop();
  }
}
