// Scenario 8: cold start of the built server. Time from spawning `node dist/main.js` on an empty DATA_DIR to
// the first 200 from /ready (on the embedded database this includes initdb and the migrations), then again on
// the same DATA_DIR; and the memory of the server and of its PostgreSQL processes once ready.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { progress } from '../lib/progress.js';
import { type ServerHandle, startServer } from '../lib/server.js';
import { formatBytes, formatCount, formatMs } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

/** Start-up targets: a first start may run initdb; later ones only start the cluster and check migrations. */
export const FIRST_START_TARGET_MS = 3000;
export const LATER_START_TARGET_MS = 1500;

export interface ProcessMemory {
  processes: number;
  rss: number;
  /** Proportional set size: shared pages (PostgreSQL's shared buffers) split between the processes using them. */
  pss: number;
}

function procNumber(file: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** RSS and PSS summed over the given processes, from /proc (Linux). */
export function memoryOf(pids: number[]): ProcessMemory {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const pid of pids) {
    try {
      rss += procNumber(`/proc/${pid}/status`, 'VmRSS');
      pss += procNumber(`/proc/${pid}/smaps_rollup`, 'Pss');
      processes += 1;
    } catch {
      // exited meanwhile
    }
  }
  return { processes, rss, pss };
}

/** The postmaster running on `clusterDir` and its children (backends, checkpointer, WAL writer...). */
export function postgresProcesses(clusterDir: string): number[] {
  const stats = new Map<number, { ppid: number; args: string[] }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      stats.set(pid, { ppid, args });
    } catch {
      // gone, or not ours to read
    }
  }
  const postmaster = [...stats].find(([, { args }]) => {
    const at = args.indexOf('-D');
    return path.basename(args[0] ?? '') === 'postgres' && at >= 0 && args[at + 1] === clusterDir;
  })?.[0];
  if (postmaster === undefined) return [];
  return [postmaster, ...[...stats].filter(([, { ppid }]) => ppid === postmaster).map(([pid]) => pid)];
}

interface StartFigures {
  readyMs: number;
  server: ProcessMemory;
  postgres: ProcessMemory | null;
}

async function startOnce(
  name: string,
  dataDir: string,
  databaseUrl: string | null,
  jwtSecret: string,
): Promise<StartFigures> {
  const server: ServerHandle = await startServer({
    name,
    dataDir,
    databaseUrl,
    redisUrl: null,
    jwtSecret,
    readyPollMs: 10,
  });
  try {
    const figures = {
      readyMs: server.readyMs,
      server: memoryOf([server.pid]),
      postgres: databaseUrl ? null : memoryOf(postgresProcesses(path.join(dataDir, 'postgres'))),
    };
    progress(`8 cold start: ${name} ready in ${formatMs(figures.readyMs)}`);
    return figures;
  } finally {
    await server.stop();
  }
}

export async function coldStart(options: {
  dataDir: string;
  databaseUrl: string | null;
  jwtSecret: string;
}): Promise<ScenarioOutcome> {
  const scenario = '8 cold start';
  const { dataDir, databaseUrl, jwtSecret } = options;
  progress(`8 cold start: node dist/main.js on an empty DATA_DIR, then again on the same one`);
  const first = await startOnce('first start', dataDir, databaseUrl, jwtSecret);
  const second = await startOnce('second start', dataDir, databaseUrl, jwtSecret);
  const what = databaseUrl ? 'migrations on an empty database' : 'initdb and migrations';
  const memoryRows = (label: string, memory: ProcessMemory | null) =>
    memory
      ? [
          {
            scenario,
            figure: `${label} RSS (${formatCount(memory.processes)} process${memory.processes === 1 ? '' : 'es'})`,
            value: formatBytes(memory.rss),
            ceiling: '-',
            ratio: null,
          },
          { scenario, figure: `${label} PSS`, value: formatBytes(memory.pss), ceiling: '-', ratio: null },
        ]
      : [];
  return {
    rows: [
      {
        scenario,
        figure: `spawn to /ready, empty DATA_DIR (${what})`,
        value: formatMs(first.readyMs),
        ceiling: `target ${formatMs(FIRST_START_TARGET_MS)}`,
        ratio: first.readyMs / FIRST_START_TARGET_MS,
      },
      {
        scenario,
        figure: 'spawn to /ready, same DATA_DIR again',
        value: formatMs(second.readyMs),
        ceiling: `target ${formatMs(LATER_START_TARGET_MS)}`,
        ratio: second.readyMs / LATER_START_TARGET_MS,
      },
      ...memoryRows('server', second.server),
      ...memoryRows('PostgreSQL', second.postgres),
    ],
    details: { first, second },
    notes: [
      `${scenario}: memory read right after the second start; PostgreSQL's RSS counts its shared buffers once per process, PSS splits them`,
      ...(databaseUrl
        ? [`${scenario}: on BENCH_DATABASE_URL there is no embedded PostgreSQL to start or measure`]
        : []),
    ],
  };
}
