// CPU time as Linux accounts it (/proc), so a scenario can say how many cores the server, the database
// backends, the load generator (this process) and the whole machine used while it ran.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Clock ticks per second of /proc figures (USER_HZ, almost always 100). */
const TICKS_PER_SECOND = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim();
  return Number(out) > 0 ? Number(out) : 100;
})();

/** utime + stime in seconds from the text of /proc/<pid>/stat (the command name may hold spaces). */
export function processCpuSeconds(statText: string): number {
  const fields = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  // After ") " the fields start at "state" (field 3): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Busy and total CPU seconds of the whole machine (all cores) from the first line of /proc/stat. */
export function machineCpuSeconds(procStat: string): { busy: number; total: number } {
  const values = procStat.split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

function cpuOfPid(pid: number): number | null {
  try {
    return processCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null; // gone, or not Linux
  }
}

function readMachine(): { busy: number; total: number } | null {
  try {
    return machineCpuSeconds(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** Cores used over a window: each figure is CPU seconds divided by wall seconds; null where unknown. */
export interface CoresUsed {
  seconds: number;
  server: number | null;
  database: number | null;
  loadGenerator: number;
  machine: number | null;
}

/**
 * Measures from `start()` to `stop()`. The database share is the CPU of the backends serving the
 * benchmark's database (from pg_stat_activity, sampled every second so backends that come and go
 * are counted); it is left out when there is no database URL (an embedded database) or no /proc.
 */
export async function startCpuWindow(serverPid: number, databaseUrl: string | null) {
  const startedAt = performance.now();
  const ownStart = process.cpuUsage();
  const serverStart = cpuOfPid(serverPid);
  const machineStart = readMachine();
  const backends = new Map<number, { first: number; last: number }>();
  let client: pg.Client | null = null;
  if (databaseUrl) {
    client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
    } catch {
      client = null;
    }
  }
  const sampleBackends = async (isStart: boolean) => {
    if (!client) return;
    const result = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    for (const { pid } of result.rows) {
      const cpu = cpuOfPid(pid);
      if (cpu === null) continue;
      const known = backends.get(pid);
      // A backend seen at the start counts from then; one that appears later counts from its birth.
      if (known) known.last = cpu;
      else backends.set(pid, { first: isStart ? cpu : 0, last: cpu });
    }
  };
  await sampleBackends(true).catch(() => {});
  const timer = setInterval(() => void sampleBackends(false).catch(() => {}), 1000);
  return {
    async stop(): Promise<CoresUsed> {
      clearInterval(timer);
      await sampleBackends(false).catch(() => {});
      await client?.end().catch(() => {});
      const seconds = (performance.now() - startedAt) / 1000;
      const own = process.cpuUsage(ownStart);
      const serverEnd = cpuOfPid(serverPid);
      const machineEnd = readMachine();
      let database: number | null = null;
      if (client) {
        database = 0;
        for (const { first, last } of backends.values()) database += last - first;
        database /= seconds;
      }
      return {
        seconds,
        server: serverStart !== null && serverEnd !== null ? (serverEnd - serverStart) / seconds : null,
        database,
        loadGenerator: (own.user + own.system) / 1e6 / seconds,
        machine: machineStart && machineEnd ? (machineEnd.busy - machineStart.busy) / seconds : null,
      };
    },
  };
}
