// Scenario 5: many idle authenticated sockets on one process: server memory per socket (RSS and heap
// from /metrics, the slope between half and all of them open) and the time to connect them all.
import { spawnSync } from 'node:child_process';
import { startCpuWindow } from '../lib/cpu-usage.js';
import { closeLeanSockets, openLeanSockets } from '../lib/lean-sockets.js';
import { runLoad } from '../lib/load.js';
import { progress, sleep } from '../lib/progress.js';
import { readMetrics, type ServerHandle } from '../lib/server.js';
import { median, ratio } from '../lib/stats.js';
import { formatBytes, formatCount, formatMs, formatRate } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

/** The budget: more than this per idle socket is worth explaining. */
export const SOCKET_BUDGET_BYTES = 20 * 1024;
const WARM_UP_SOCKETS = 300;
/** Descriptors the processes need besides the sockets (database, Redis, files, stdio). */
const FD_HEADROOM = 200;

/** This process's soft fd limit, as a child shell inherits it. */
export function ownFdLimit(): number {
  const out = spawnSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out) || 1024;
}

async function memory(server: ServerHandle): Promise<{ rss: number; heap: number }> {
  const { url } = server;
  // A burst of cheap requests makes V8 collect the young garbage left by the handshakes (an idle process
  // never does), and a full collection through the inspector the older garbage, so the readings count
  // what the sockets keep, not what they dropped and V8 had not yet collected.
  await runLoad({
    url,
    connections: 10,
    durationSeconds: 1,
    requestFor: () => ({ method: 'GET', path: '/health' }),
  });
  await server.collectGarbage?.();
  const readings = [];
  for (let i = 0; i < 3; i++) {
    readings.push(await readMetrics(url));
    await sleep(300);
  }
  return {
    rss: median(readings.map((m) => m.process_resident_memory_bytes ?? Number.NaN)),
    heap: median(readings.map((m) => m.nodejs_heap_size_used_bytes ?? Number.NaN)),
  };
}

export async function connections(
  server: ServerHandle,
  tokens: string[],
  wanted: number,
): Promise<ScenarioOutcome> {
  const notes: string[] = [];
  const scenario = '5 connections';
  let count = Math.min(wanted, tokens.length);
  const clientLimit = ownFdLimit();
  const serverLimit = server.fdLimit ?? Number.POSITIVE_INFINITY;
  const limit = Math.min(clientLimit, serverLimit) - FD_HEADROOM;
  if (count > limit) {
    const who = clientLimit <= serverLimit ? 'the benchmark process' : 'the server process';
    notes.push(
      `${scenario}: ${formatCount(count)} sockets need more file descriptors than ${who} may open ` +
        `(ulimit -n ${Math.min(clientLimit, serverLimit)}); measured ${formatCount(limit)} instead. Raise it with ulimit -n.`,
    );
    count = Math.max(0, limit);
  }
  progress(`5 connections: server fd limit ${serverLimit}, benchmark fd limit ${clientLimit}`);
  // Warm-up: the first sockets also pay one-time costs (JIT, lazily loaded code, pools growing) that
  // would otherwise be charged to every socket of a small run.
  const warmUp = await openLeanSockets(server.url, tokens.slice(0, Math.min(count, WARM_UP_SOCKETS)), {
    concurrency: 100,
  });
  await closeLeanSockets(warmUp.sockets);
  await sleep(2000);
  const before = await memory(server);
  // Two halves: memory is read after each, and the per-socket figure is the slope between the readings,
  // so fixed costs that come with the first connections (heap growth, caches) do not count per socket.
  const half = Math.floor(count / 2);
  const open = (from: number, to: number) =>
    openLeanSockets(server.url, tokens.slice(from, to), {
      concurrency: 100,
      onProgress: (opened) => progress(`5 connections: ${formatCount(from + opened)} open`),
    });
  progress(`5 connections: opening ${formatCount(count)} sockets in two halves`);
  const first = await open(0, half);
  await sleep(2000);
  const middle = await memory(server);
  // What each handshake of the second half cost the server and the benchmark's own clients: on a small
  // machine the two share the cores, and the clients' share bounds the rate as much as the server's.
  const window = await startCpuWindow(server.pid, null);
  const second = await open(half, count);
  const cores = await window.stop();
  const perHandshakeUs = (share: number | null) =>
    ((share ?? Number.NaN) * cores.seconds * 1e6) / Math.max(1, second.sockets.length);
  const failures = first.failures + second.failures;
  if (failures > 0) {
    notes.push(
      `${scenario}: ${failures} sockets failed to connect (first: ${first.firstError ?? second.firstError})`,
    );
  }
  await sleep(2000);
  const after = await memory(server);
  const opened = first.sockets.length + second.sockets.length;
  const seconds = first.seconds + second.seconds;
  progress(`5 connections: ${formatCount(opened)} open in ${seconds.toFixed(1)}s; closing`);
  await closeLeanSockets([...first.sockets, ...second.sockets]);
  const rssPer = (after.rss - middle.rss) / second.sockets.length;
  const heapPer = (after.heap - middle.heap) / second.sockets.length;
  const overall = { rssPer: (after.rss - before.rss) / opened, heapPer: (after.heap - before.heap) / opened };
  if (second.sockets.length < 2_500) {
    notes.push(
      `${scenario}: with ${formatCount(opened)} sockets the per-socket figures mostly show when V8 happened to ` +
        'collect garbage; the default 10,000 gives a usable slope',
    );
  }
  const budget = `${formatBytes(SOCKET_BUDGET_BYTES)} budget`;
  return {
    rows: [
      {
        scenario,
        figure: `RSS per idle socket (${formatCount(opened)})`,
        value: formatBytes(rssPer),
        ceiling: budget,
        ratio: ratio(rssPer, SOCKET_BUDGET_BYTES),
      },
      {
        scenario,
        figure: 'JS heap per idle socket',
        value: formatBytes(heapPer),
        ceiling: budget,
        ratio: ratio(heapPer, SOCKET_BUDGET_BYTES),
      },
      {
        scenario,
        figure: 'CPU per handshake (second half): server, benchmark clients',
        value: `${perHandshakeUs(cores.server).toFixed(0)} µs, ${perHandshakeUs(cores.loadGenerator).toFixed(0)} µs`,
        ceiling: '-',
        ratio: null,
      },
      {
        scenario,
        figure: `time to connect ${formatCount(opened)}`,
        value: `${formatMs(seconds * 1000)} (${formatRate(opened / seconds, ' sockets/s')})`,
        ceiling: '-',
        ratio: null,
      },
    ],
    details: {
      wanted,
      opened,
      failures,
      seconds,
      before,
      middle,
      after,
      rssPer,
      heapPer,
      overall,
      cpuSecondHalf: cores,
      clientLimit,
      serverLimit,
    },
    notes,
  };
}
