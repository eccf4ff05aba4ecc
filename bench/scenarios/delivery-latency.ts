// Scenario 2: a group of 100 members, every one connected by WebSocket, while background senders post
// at a fixed rate; the time from a probe POST being sent to its message.created reaching each member.
import os from 'node:os';
import type WebSocket from 'ws';
import { type BenchUser, call, messagesPath } from '../lib/api-client.js';
import { startCpuWindow } from '../lib/cpu-usage.js';
import { startLoadInChild } from '../lib/load-process.js';
import { pace } from '../lib/paced-load.js';
import { progress, sleep } from '../lib/progress.js';
import type { ServerHandle } from '../lib/server.js';
import { meanOfRuns, ratio, type Summary, summarize } from '../lib/stats.js';
import { formatMs } from '../lib/table.js';
import { closeSockets, openSockets, wsUrlOf } from '../lib/ws-clients.js';
import { SEND_CONTENT } from './send-throughput.js';

export interface DeliveryInput {
  /** Member i connects to servers[i % servers.length]; probes and background load go to all of them. */
  servers: ServerHandle[];
  members: BenchUser[];
  groupId: string;
  /** Background senders (the first members) and the direct conversation each posts into. */
  backgroundSenders: number;
  conversationOf: string[];
  backgroundRate: number;
  seconds: number;
  probesPerSecond: number;
  /**
   * Probes sent at the same pace, with the background running, before the measured ones and not counted:
   * a process's first traffic (code not yet optimised, pools and caches filling) is cold start, which
   * scenario 8 measures, not delivery.
   */
  warmUpSeconds: number;
  /** The database the servers use, to count its backends' CPU; null: not counted (embedded). */
  databaseUrl: string | null;
  /** Servers running beside these with no member and no load (their CPU is counted too). */
  idle?: ServerHandle[];
}

/** One probe, in ms from its POST leaving: the answer, and the first and last member to hear of it. */
export interface ProbeTimes {
  sentAt: number;
  answered: number | null;
  first: number | null;
  last: number | null;
}

export interface DeliveryResult {
  probes: number;
  expected: number;
  received: number;
  all: Summary;
  /** Members whose socket is on another process than the one the probe was posted to. */
  otherProcess: Summary | null;
  background: { ok: number; failed: number; rate: number };
  /** Every probe, in order: where a slow one lost its time (the send, or the way to the sockets). */
  probeTimes: ProbeTimes[];
  /**
   * Cores busy while the measured probes went out: each server process, the database's backends (when
   * databaseUrl is given), and the whole machine (servers, database, Redis, the load process and this
   * one). Null where /proc cannot tell.
   */
  cores: {
    servers: (number | null)[];
    /** Each of `idle`, in order. */
    idle: (number | null)[];
    database: number | null;
    machine: number | null;
  };
}

export async function measureDelivery(input: DeliveryInput): Promise<DeliveryResult> {
  const { servers, members, groupId } = input;
  const sentAt = new Map<number, { at: number; n: number; sender: number; server: number }>();
  const probeTimes: ProbeTimes[] = [];
  const all: number[] = [];
  const otherProcess: number[] = [];
  const serverOf = (member: number) => member % servers.length;

  const onFrame = (member: number, raw: string) => {
    // Cheap filter first: most frames are background traffic.
    if (!raw.includes('"message.created"') || !raw.includes('Probe ')) return;
    const arrivedAt = performance.now();
    const frame = JSON.parse(raw) as { type: string; data: { conversationId: string; content: string } };
    if (frame.type !== 'message.created' || frame.data.conversationId !== groupId) return;
    const probe = sentAt.get(Number(/^Probe (\d+)/.exec(frame.data.content)?.[1]));
    if (!probe || probe.sender === member) return;
    const took = arrivedAt - probe.at;
    all.push(took);
    if (serverOf(member) !== probe.server) otherProcess.push(took);
    const times = probeTimes[probe.n]!;
    times.first = Math.min(times.first ?? took, took);
    times.last = Math.max(times.last ?? took, took);
  };

  progress(`2 delivery: connecting ${members.length} members to ${servers.length} process(es)`);
  const sockets: WebSocket[] = [];
  for (let s = 0; s < servers.length; s++) {
    const mine = members.map((member, i) => ({ member, i })).filter(({ i }) => serverOf(i) === s);
    const batch = await openSockets(
      wsUrlOf(servers[s]!.url),
      mine.map(({ member }) => member.token),
      // openSockets numbers its own sockets; map them back to member indexes.
      { concurrency: 20, onFrame: (j, raw) => onFrame(mine[j]!.i, raw) },
    );
    if (batch.failures > 0) throw new Error(`members could not connect: ${batch.firstError}`);
    sockets.push(...batch.sockets);
  }

  // From a process of its own: hundreds of requests a second here would delay the arrival times taken here.
  const backgroundRuns = await Promise.all(
    servers.map((server) =>
      startLoadInChild({
        url: server.url,
        durationSeconds: input.warmUpSeconds + input.seconds + 2,
        rate: Math.max(1, Math.round(input.backgroundRate / servers.length)),
        requests: members.slice(0, input.backgroundSenders).map((member, i) => ({
          method: 'POST' as const,
          path: messagesPath(input.conversationOf[i]!),
          token: member.token,
          body: { content: SEND_CONTENT },
        })),
      }),
    ),
  );
  progress(
    `2 delivery: background ${input.backgroundRate} msg/s; ${input.probesPerSecond} probes/s for ${input.seconds}s after ${input.warmUpSeconds}s not counted`,
  );
  await sleep(1000);
  // Probes come from the members who are not background senders, in turn, at a fixed pace.
  const probers = members.map((_, i) => i).filter((i) => i >= input.backgroundSenders);
  const paced = (count: number, send: (n: number, sender: number) => void) =>
    pace(count, input.probesPerSecond, (n) => send(n, probers[n % probers.length]!));
  // Warm-up probes say "Warm-up", which onFrame does not count; their answers are awaited with the rest.
  const warmUps: Promise<unknown>[] = [];
  const warmUpCount = Math.round(input.warmUpSeconds * input.probesPerSecond);
  await paced(warmUpCount, (n, sender) => {
    warmUps.push(
      call(servers[serverOf(sender)]!.url, 'POST', messagesPath(groupId), {
        token: members[sender]!.token,
        body: { content: `Warm-up ${n}` },
      }),
    );
  });
  if (warmUpCount > 0) await sleep(1000 / input.probesPerSecond);
  const total = Math.round(input.seconds * input.probesPerSecond);
  const requests: Promise<unknown>[] = [...warmUps];
  const idle = input.idle ?? [];
  const windows = await Promise.all(
    [...servers, ...idle].map((server, i) => startCpuWindow(server.pid, i === 0 ? input.databaseUrl : null)),
  );
  const startedAt = performance.now();
  await paced(total, (n, sender) => {
    const server = serverOf(sender);
    const at = performance.now();
    sentAt.set(n, { at, n, sender, server });
    const times: ProbeTimes = { sentAt: at - startedAt, answered: null, first: null, last: null };
    probeTimes.push(times);
    requests.push(
      call(servers[server]!.url, 'POST', messagesPath(groupId), {
        token: members[sender]!.token,
        body: { content: `Probe ${n}: how long until everyone sees this?` },
      }).then(() => {
        times.answered = performance.now() - at;
      }),
    );
  });
  const used = await Promise.all(windows.map((window) => window.stop()));
  await Promise.all(requests);
  const expected = total * (members.length - 1);
  const deadline = performance.now() + 10_000;
  while (all.length < expected && performance.now() < deadline) await sleep(100);
  const background = await Promise.all(backgroundRuns.map((run) => run.result));
  await closeSockets(sockets);
  // Give the server a moment to record the closes, so a shutdown right after finds nothing in flight.
  await sleep(1500);
  const ok = background.reduce((sum, run) => sum + run.ok, 0);
  const failed = background.reduce((sum, run) => sum + run.failed, 0);
  const seconds = Math.max(...background.map((run) => run.seconds));
  return {
    probes: total,
    expected,
    received: all.length,
    all: summarize(all),
    otherProcess: servers.length > 1 ? summarize(otherProcess) : null,
    background: { ok, failed, rate: ok / seconds },
    probeTimes,
    cores: {
      servers: used.slice(0, servers.length).map((cores) => cores.server),
      idle: used.slice(servers.length).map((cores) => cores.server),
      database: used[0]?.database ?? null,
      machine: used[0]?.machine ?? null,
    },
  };
}

/** Two runs of the same setup as one (stats.ts meanOfRuns), for runs taken in a balanced order. */
export function meanOfDeliveries(a: DeliveryResult, b: DeliveryResult): DeliveryResult {
  return {
    probes: a.probes + b.probes,
    expected: a.expected + b.expected,
    received: a.received + b.received,
    all: meanOfRuns(a.all, b.all),
    otherProcess: a.otherProcess && b.otherProcess ? meanOfRuns(a.otherProcess, b.otherProcess) : null,
    background: {
      ok: a.background.ok + b.background.ok,
      failed: a.background.failed + b.background.failed,
      rate: (a.background.rate + b.background.rate) / 2,
    },
    probeTimes: [...a.probeTimes, ...b.probeTimes],
    cores: {
      servers: a.cores.servers.map((cores, i) => meanOf(cores, b.cores.servers[i] ?? null)),
      idle: a.cores.idle.map((cores, i) => meanOf(cores, b.cores.idle[i] ?? null)),
      database: meanOf(a.cores.database, b.cores.database),
      machine: meanOf(a.cores.machine, b.cores.machine),
    },
  };
}

function meanOf(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : (a + b) / 2;
}

/** Table rows: p50/p99/max; a baseline (the single-process run) turns them into ratios. */
export function deliveryRows(scenario: string, result: DeliveryResult, baseline: DeliveryResult | null) {
  const base = baseline?.all;
  const rows = (['p50', 'p99', 'max'] as const).map((key) => ({
    scenario,
    figure: `POST to message.created, ${key}`,
    value: formatMs(result.all[key]),
    ceiling: base ? `${formatMs(base[key])} 1 proc` : '-',
    ratio: base ? ratio(result.all[key], base[key]) : null,
  }));
  if (result.otherProcess) {
    rows.push({
      scenario,
      figure: 'p99, member on the other process',
      value: formatMs(result.otherProcess.p99),
      ceiling: '-',
      ratio: null,
    });
  }
  const notes: string[] = [];
  if (result.received < result.expected) {
    notes.push(
      `${scenario}: ${result.expected - result.received} of ${result.expected} deliveries never arrived`,
    );
  }
  if (result.background.failed > 0) {
    notes.push(`${scenario}: ${result.background.failed} background sends failed`);
  }
  const slowest = result.probeTimes.reduce<ProbeTimes | null>(
    (worst, probe) => ((probe.last ?? 0) > (worst?.last ?? 0) ? probe : worst),
    null,
  );
  const { servers, idle, database, machine } = result.cores;
  if (machine !== null) {
    const list = (cores: (number | null)[]) =>
      cores.map((c) => (c === null ? '?' : c.toFixed(2))).join(' + ');
    const beside = idle.length > 0 ? `, idle process beside ${list(idle)}` : '';
    const backends = database === null ? '' : `, database backends ${database.toFixed(2)}`;
    notes.push(
      `${scenario}: cores busy while probing: ${machine.toFixed(2)} of ${os.availableParallelism()} ` +
        `(server process${servers.length > 1 ? 'es' : ''} ${list(servers)}${beside}${backends})`,
    );
  }
  if (slowest) {
    const ms = (value: number | null) => (value === null ? 'never' : formatMs(value));
    notes.push(
      `${scenario}: slowest probe (${(slowest.sentAt / 1000).toFixed(1)} s in): answered in ` +
        `${ms(slowest.answered)}, first member ${ms(slowest.first)}, last ${ms(slowest.last)}`,
    );
  }
  return { rows, notes };
}
