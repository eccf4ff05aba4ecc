// Entry of `npm run bench`: builds and starts the production server, loads data, runs the nine
// scenarios against their ceilings, prints the table and writes bench/results/<timestamp>.json.
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BenchUser, createDirectPairs, createGroup, createUsers, login } from './lib/api-client.js';
import { rampSteps } from './lib/capacity-plan.js';
import { cleanupAll, cleanupOnExit, onCleanup } from './lib/cleanup.js';
import { createTempDatabase } from './lib/databases.js';
import { loadFixtures, signTokens } from './lib/fixtures.js';
import { describeMachine, machineInfo } from './lib/machine.js';
import { FIXED_USERS, userEmail, userId } from './lib/preload.js';
import { formatShares, summarizeProfiles } from './lib/profile.js';
import { progress } from './lib/progress.js';
import { renderReport, resultFileName, writeResults } from './lib/report.js';
import { buildProduction, ROOT, startServer } from './lib/server.js';
import { parseSettings, type Settings, USAGE } from './lib/settings.js';
import { capacity } from './scenarios/capacity.js';
import { coldStart } from './scenarios/cold-start.js';
import { connections } from './scenarios/connections.js';
import { deliveryRows, measureDelivery } from './scenarios/delivery-latency.js';
import { deliveryAcrossProcesses } from './scenarios/delivery-two-processes.js';
import { historyDepth } from './scenarios/history-depth.js';
import { httpOverhead } from './scenarios/http-overhead.js';
import { inbox } from './scenarios/inbox.js';
import { search } from './scenarios/search.js';
import { SEND_CONTENT, sendThroughput } from './scenarios/send-throughput.js';
import type { ScenarioOutcome } from './scenarios/types.js';

const RESULTS_DIR = path.join(ROOT, 'bench/results');

/** Runs one scenario; a failure becomes a row and a note, and the other scenarios still run. */
async function attempt(
  outcomes: ScenarioOutcome[],
  name: string,
  scenario: () => Promise<ScenarioOutcome>,
): Promise<ScenarioOutcome | null> {
  try {
    const outcome = await scenario();
    outcomes.push(outcome);
    return outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`${name} failed: ${message}`);
    outcomes.push({
      rows: [{ scenario: name, figure: 'failed', value: '-', ceiling: '-', ratio: null }],
      details: { error: message },
      notes: [`${name}: failed: ${message.split('\n')[0]}`],
    });
    return null;
  }
}

async function main(settings: Settings): Promise<void> {
  const startedAt = new Date();
  const machine = machineInfo();
  const wants = (n: number) => settings.only.has(n);
  const outcomes: ScenarioOutcome[] = [];
  progress(`chat server benchmark${settings.quick ? ' (quick)' : ''}: ${describeMachine(machine)}`);
  buildProduction(settings.rebuild);

  const tmp = mkdtempSync(path.join(tmpdir(), 'chat-bench-'));
  // Run as root, the embedded PostgreSQL runs as the user "postgres", which must be able to enter the folder.
  chmodSync(tmp, 0o755);
  onCleanup(`delete ${tmp}`, () => rmSync(tmp, { recursive: true, force: true }));
  const jwtSecret = randomBytes(36).toString('base64url');
  const databaseUrl = settings.databaseUrl ? (await createTempDatabase(settings.databaseUrl)).url : null;
  const kind = databaseUrl ? 'postgres' : 'embedded';
  const dataDir = path.join(tmp, 'main');
  const serverLog = process.env.BENCH_SERVER_LOG;
  if (serverLog && !databaseUrl) {
    // The embedded PostgreSQL's own log (crashes, terminations) goes with the servers' lines; runs before
    // the temp folder is deleted.
    const postgresLog = path.join(dataDir, 'postgres.log');
    onCleanup(`copy ${postgresLog}`, () => {
      if (existsSync(postgresLog)) copyFileSync(postgresLog, `${serverLog}.postgres`);
    });
  }

  // First, while nothing else of the run is loaded: its own empty DATA_DIR (and database).
  if (wants(8)) {
    await attempt(outcomes, '8 cold start', async () =>
      coldStart({
        dataDir: path.join(tmp, 'cold'),
        databaseUrl: settings.databaseUrl ? (await createTempDatabase(settings.databaseUrl)).url : null,
        jwtSecret,
      }),
    );
  }

  const fixtures = await loadFixtures({
    databaseUrl,
    embeddedDir: path.join(dataDir, 'postgres'),
    history:
      wants(3) || wants(9) ? { size: settings.historySize, smallSize: settings.smallHistorySize } : null,
    inbox: wants(4)
      ? {
          conversations: settings.inboxConversations,
          perConversation: 20,
          owners: settings.inboxOwners,
          ownerConversations: settings.inboxOwnerConversations,
        }
      : null,
    sockets: Math.max(wants(5) ? settings.sockets : 0, wants(7) ? settings.capacityMaxUsers : 0),
    ceiling: wants(1)
      ? {
          workers: settings.senders,
          conversations: settings.senders / 2,
          seconds: settings.ceilingSeconds,
          content: SEND_CONTENT,
        }
      : null,
  });
  const database = { kind, version: fixtures.databaseVersion, loadSeconds: fixtures.loadSeconds };
  progress(
    `database: ${kind === 'embedded' ? 'embedded PostgreSQL (temp folder)' : 'PostgreSQL (temp database)'}, ${database.version}`,
  );

  const cpuProfDir = settings.cpuProfile
    ? path.join(RESULTS_DIR, `cpu-${resultFileName(startedAt).replace(/\.json$/, '')}`)
    : null;
  // The connections scenario runs a full collection in the server before each memory reading.
  const serverOptions = {
    name: 'server',
    dataDir,
    databaseUrl,
    redisUrl: null,
    jwtSecret,
    cpuProfDir,
    inspect: wants(5),
  };
  let server = await startServer(serverOptions);
  progress(`server ready at ${server.url} (pid ${server.pid})`);
  const restartNotes: string[] = [];
  // A server that died (a crash, or a signal from outside) is started again on the same data, so one
  // failure costs one scenario, not the rest of the run; the table says so.
  const ensureServer = async (before: string) => {
    if (server.alive()) return;
    restartNotes.push(`the server had exited before ${before} and was restarted on the same data`);
    server = await startServer(serverOptions);
  };

  // Idle sockets first, on a fresh process: its heap is small and steady, so the per-socket delta is clean.
  if (wants(5)) {
    await attempt(outcomes, '5 connections', async () =>
      connections(server, await signTokens(jwtSecret, fixtures.socketUsers), settings.sockets),
    );
  }

  let users: BenchUser[] = [];
  let conversationOf: string[] = [];
  if (wants(1) || wants(2) || wants(4) || wants(6)) {
    const count = wants(2) ? settings.groupSize : settings.senders;
    progress(`users: signing up and logging in ${count} users through the API`);
    users = await createUsers(server.url, count, 'bench');
    conversationOf = await createDirectPairs(server.url, users.slice(0, settings.senders));
  }
  const senders = users.slice(0, settings.senders);

  if (wants(6)) {
    await ensureServer('6 http overhead');
    await attempt(outcomes, '6 http overhead', () =>
      httpOverhead(server, senders, settings.overheadConnections, settings.overheadSeconds),
    );
  }
  let sendRate: number | null = null;
  if (wants(1)) {
    await ensureServer('1 send throughput');
    const outcome = await attempt(outcomes, '1 send throughput', () =>
      sendThroughput(server, senders, conversationOf, settings.sendSeconds, fixtures.ceiling),
    );
    sendRate = (outcome?.details.send as { throughput: number } | undefined)?.throughput ?? null;
  }
  if (wants(3) && fixtures.history) {
    const history = fixtures.history;
    await ensureServer('3 history');
    await attempt(outcomes, '3 history', async () => {
      const tokens = {
        viewer: await login(server.url, userEmail(FIXED_USERS.historyViewer)),
        joiner: await login(server.url, userEmail(FIXED_USERS.historyJoiner)),
      };
      return historyDepth(server, history.big, history.small, tokens, settings.pageSeconds);
    });
  }
  if (wants(9) && fixtures.history) {
    const history = fixtures.history;
    await ensureServer('9 search');
    await attempt(outcomes, '9 search', async () => {
      const tokens = {
        viewer: await login(server.url, userEmail(FIXED_USERS.historyViewer)),
        joiner: await login(server.url, userEmail(FIXED_USERS.historyJoiner)),
      };
      return search(server, history.big, tokens, settings.searchSeconds);
    });
  }
  if (wants(4)) {
    await ensureServer('4 inbox');
    await attempt(outcomes, '4 inbox', async () => {
      const crowded = await login(server.url, userEmail(FIXED_USERS.inboxOwner));
      const owners = await signTokens(jwtSecret, fixtures.inboxOwners);
      return inbox(
        server,
        fixtures.inboxConversations,
        { crowded, single: senders[0]!.token, owners },
        { single: settings.inboxSeconds, concurrent: settings.inboxConcurrentSeconds },
        settings.inboxOwnerConversations,
      );
    });
  }
  // Background load for delivery: a quarter of what the server sustained in scenario 1, so it is busy, not
  // saturated; or the rate asked for, to compare runs at the same load.
  const backgroundRate = settings.backgroundRate ?? Math.max(20, Math.round((sendRate ?? 80) / 4));
  if (wants(2)) {
    await ensureServer(`2 delivery (${kind}, 1 process)`);
    await attempt(outcomes, `2 delivery (${kind}, 1 process)`, async () => {
      const groupId = await createGroup(server.url, users.at(-1)!, users.slice(0, -1), 'Delivery group');
      const singleProcess = await measureDelivery({
        servers: [server],
        members: users,
        groupId,
        backgroundSenders: settings.senders,
        conversationOf,
        backgroundRate,
        seconds: settings.deliverySeconds,
        warmUpSeconds: settings.deliveryWarmUpSeconds,
        probesPerSecond: settings.probesPerSecond,
        databaseUrl,
      });
      const { rows, notes } = deliveryRows(`2 delivery (${kind}, 1 process)`, singleProcess, null);
      notes.push(`2 delivery: background load ${backgroundRate} messages/s from ${settings.senders} senders`);
      return { rows, notes, details: { ...singleProcess, backgroundRate } };
    });
  }
  if (wants(7)) {
    await ensureServer('7 capacity');
    await attempt(outcomes, '7 capacity', async () => {
      const numbers = fixtures.socketUsers.slice(0, settings.capacityMaxUsers);
      const tokens = await signTokens(jwtSecret, numbers);
      const capacityUsers = numbers.map((n, i) => ({
        id: userId(n),
        email: userEmail(n),
        token: tokens[i]!,
      }));
      return capacity({
        server,
        users: capacityUsers,
        steps: rampSteps(settings.capacityFirstStep, capacityUsers.length, 10),
        stepSeconds: settings.capacityStepSeconds,
        maxSeconds: settings.capacityMaxSeconds,
        behaviour: { sendInterval: settings.capacitySendInterval, readDelay: settings.capacityReadDelay },
        p99LimitMs: 100,
        databaseUrl,
      });
    });
  }
  progress('stopping the server');
  await server.stop();
  const profiles = cpuProfDir ? summarizeProfiles(cpuProfDir) : [];
  if (wants(2)) {
    await attempt(outcomes, '2 delivery (PG, 2 procs + Redis)', () =>
      deliveryAcrossProcesses({
        postgresUrl: settings.databaseUrl,
        redisUrl: settings.redisUrl,
        jwtSecret,
        dataDirs: [path.join(tmp, 'a'), path.join(tmp, 'b')],
        groupSize: settings.groupSize,
        senders: settings.senders,
        backgroundRate,
        seconds: settings.deliverySeconds,
        warmUpSeconds: settings.deliveryWarmUpSeconds,
        probesPerSecond: settings.probesPerSecond,
      }),
    );
  }

  const rows = outcomes.flatMap((outcome) => outcome.rows);
  const notes = [
    ...outcomes.flatMap((outcome) => outcome.notes),
    ...restartNotes,
    'Numbers are noisy on a shared machine: the load generator, the server and the database share the same cores.',
  ];
  const header = [
    `Chat server benchmark, ${startedAt.toISOString()}${settings.quick ? ' (--quick)' : ''}`,
    `Machine: ${describeMachine(machine)}`,
    `Database: ${kind === 'embedded' ? 'embedded PostgreSQL' : 'PostgreSQL'}: ${database.version}`,
  ];
  console.log(renderReport(header, rows, notes));
  for (const profile of profiles) {
    console.log(
      `\nServer CPU (${profile.file}), self time by owner: ${formatShares(profile.summary.byOwner)}`,
    );
    console.log(`By area: ${formatShares(profile.summary.byArea)}`);
    console.log(`Hottest functions: ${formatShares(profile.summary.byFunction)}`);
  }
  const file = writeResults(RESULTS_DIR, startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: { ...settings, only: [...settings.only], databaseUrl: Boolean(settings.databaseUrl) },
    machine,
    database,
    rows,
    notes,
    scenarios: outcomes.map((outcome) => outcome.details),
    cpuProfiles: profiles,
  });
  console.log(`\nResults written to ${path.relative(process.cwd(), file)}`);
  if (cpuProfDir)
    console.log(
      `Server CPU profile in ${path.relative(process.cwd(), cpuProfDir)} (open in Chrome DevTools)`,
    );
}

let settings: Settings;
try {
  settings = parseSettings(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
cleanupOnExit();
main(settings)
  .catch((error: unknown) => {
    console.error(
      `\nThe benchmark stopped: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanupAll();
    // Sockets, pools and timers of finished scenarios must not keep the process alive.
    process.exit(process.exitCode ?? 0);
  });
