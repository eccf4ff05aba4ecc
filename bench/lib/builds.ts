// Servers of a given build (any dist/main.js) for the A/B scripts: started on a shared database with the
// benchmark's settings, stopped at cleanup (or earlier, by the caller).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/lib/free-port.js';
import { onCleanup } from './cleanup.js';
import { startCpuWindow } from './cpu-usage.js';
import { sleep } from './progress.js';
import { BENCH_SERVER_ENV } from './server.js';

export interface BuildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface BuildOptions {
  databaseUrl: string;
  jwtSecret: string;
  /** DATA_DIR is <tmp>/<name>. */
  tmp: string;
  redisUrl?: string;
  /** Writes a CPU profile of the server into this folder. */
  profileDir?: string;
}

export async function startBuild(name: string, main: string, options: BuildOptions): Promise<BuildServer> {
  const port = await freePort();
  const flags = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const child: ChildProcess = spawn('node', [...flags, main], {
    cwd: options.tmp,
    env: {
      PATH: process.env.PATH ?? '',
      ...BENCH_SERVER_ENV,
      PORT: String(port),
      DATA_DIR: path.join(options.tmp, name),
      JWT_SECRET: options.jwtSecret,
      DATABASE_URL: options.databaseUrl,
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    },
    stdio: 'ignore',
  });
  const stop = onCleanup(`stop ${name}`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 600; tries += 1) {
    if (child.exitCode !== null) throw new Error(`${name} (${main}) exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return { url, pid: child.pid!, stop };
    } catch {}
    await sleep(100);
  }
  throw new Error(`${name} (${main}) was not ready after 60 s`);
}

/** Waits until the server has used under 5 % of a core for three 300 ms windows in a row. */
export async function untilIdle(pid: number): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    const window = await startCpuWindow(pid, null);
    await sleep(300);
    quiet = ((await window.stop()).server ?? 0) < 0.05 ? quiet + 1 : 0;
  }
}

/**
 * What every A/B script starts from: the two builds named first on its command line, the rest of its
 * positional arguments, and a temp folder of its own, deleted at cleanup.
 */
export function abStart(
  script: string,
  usage: string,
): { mainA: string; mainB: string; rest: string[]; tmp: string } {
  const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const [mainA, mainB, ...rest] = args;
  if (!mainA || !mainB) throw new Error(`usage: tsx bench/${script}.ts <A main.js> <B main.js> ${usage}`);
  const tmp = mkdtempSync(path.join(tmpdir(), `${script}-`));
  onCleanup(`delete ${tmp}`, () => rmSync(tmp, { recursive: true, force: true }));
  return { mainA: path.resolve(mainA), mainB: path.resolve(mainB), rest, tmp };
}

/** startBuild's options for server `name`; with AB_PROFILE_DIR, its CPU profile goes to a folder of its own. */
export function abBuildOptions(
  name: string,
  shared: { databaseUrl: string; jwtSecret: string; tmp: string },
): BuildOptions {
  const profileDir = process.env.AB_PROFILE_DIR;
  return { ...shared, ...(profileDir ? { profileDir: path.join(profileDir, name) } : {}) };
}
