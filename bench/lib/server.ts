// The server under test: the production build (dist/main.js) as a child process, started and stopped here.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort } from '../../src/lib/free-port.js';
import { onCleanup } from './cleanup.js';
import { progress, sleep } from './progress.js';

export { freePort };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Settings the benchmark always gives its servers: quiet logs and limits that never throttle the load. */
export const BENCH_SERVER_ENV = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_IP: '1000000',
  LOGIN_FAILURE_LIMIT: '1000000',
  MESSAGE_RATE_LIMIT: '1000000',
  UPLOAD_RATE_LIMIT: '1000000',
  MESSAGE_SEARCH_RATE_LIMIT: '1000000',
  // Production answers /metrics only to this token; the connections scenario reads memory from it.
  METRICS_TOKEN: 'bench-metrics-token-not-secret',
  // Idle sockets in the connections scenario must not be dropped by a heartbeat mid-measurement.
  WS_HEARTBEAT_INTERVAL: '10m',
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm run build`, skipped when dist/main.js is newer than every file in src/. */
export function buildProduction(force: boolean): void {
  const main = path.join(ROOT, 'dist/main.js');
  if (!force && existsSync(main) && statSync(main).mtimeMs > newestMtime(path.join(ROOT, 'src'))) {
    progress('build: dist/ is up to date');
    return;
  }
  progress('build: npm run build');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed; fix the build first');
}

const MAX_LOG_LINES = 5;

/** A pino JSON line shortened to its message and error, so a warning is readable in the progress output. */
function summarizeLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as {
      msg?: string;
      err?: { message?: string; cause?: { message?: string } };
    };
    const cause = entry.err?.cause?.message ? ` (cause: ${entry.err.cause.message})` : '';
    return [entry.msg, entry.err?.message?.slice(0, 200)].filter(Boolean).join(': ') + cause;
  } catch {
    return line.slice(0, 300);
  }
}

export interface ServerOptions {
  name: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  jwtSecret: string;
  /** Write a V8 CPU profile of the server into this folder when it stops. */
  cpuProfDir?: string | null;
  /** Soft file-descriptor limit asked for in the child's shell (the hard limit caps it). */
  fdLimit?: number;
  /** How often /ready is asked while the server starts (default 250 ms). */
  readyPollMs?: number;
  /**
   * Open the V8 inspector on a loopback port, so `collectGarbage` can run a full collection in the
   * server before a memory reading (only the benchmark talks to it).
   */
  inspect?: boolean;
}

export interface ServerHandle {
  name: string;
  url: string;
  pid: number;
  /** The soft fd limit the child actually runs with. */
  fdLimit: number | null;
  /** From spawning the process to the first 200 from /ready. */
  readyMs: number;
  /** False once the process has exited (stopped, crashed or killed from outside). */
  alive(): boolean;
  /** A full garbage collection in the server (through the inspector; started with `inspect`). */
  collectGarbage?(): Promise<void>;
  stop(): Promise<void>;
}

/** Resolves once /ready answers 200; rejects with the server's own words when it exits first. */
export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  const port = await freePort();
  const env: Record<string, string> = {};
  // Only the basics of our own environment: no DATABASE_URL/REDIS_URL/SMTP_URL from the caller's shell.
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[key]) env[key] = process.env[key]!;
  Object.assign(env, BENCH_SERVER_ENV, {
    PORT: String(port),
    DATA_DIR: options.dataDir,
    JWT_SECRET: options.jwtSecret,
  });
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  const flags = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  if (options.inspect) flags.push('--inspect=127.0.0.1:0');
  let inspector: string | null = null;
  const main = path.join(ROOT, 'dist/main.js');
  const fdLimit = options.fdLimit ?? 65_536;
  // A shell raises the soft fd limit as far as the hard limit allows, reports it, then becomes node.
  const script = `ulimit -n ${fdLimit} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; echo "fd-limit $(ulimit -n)" >&2; exec node ${flags.join(' ')} "${main}"`;
  mkdirSync(options.dataDir, { recursive: true });
  const spawnedAt = performance.now();
  // cwd is the temp folder, so a .env file in the project cannot leak settings into the server.
  const child = spawn('bash', ['-c', script], {
    cwd: options.dataDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let fdLimitSeen: number | null = null;
  let logged = 0;
  let stopping = false;
  const logFile = process.env.BENCH_SERVER_LOG;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    if (logFile) appendFileSync(logFile, text);
    const match = /fd-limit (\d+|unlimited)/.exec(text);
    if (match) fdLimitSeen = match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
    output = (output + text).slice(-4000);
    inspector ??= /Debugger listening on (ws:\/\/\S+)/.exec(text)?.[1] ?? null;
    for (const line of text.split('\n')) {
      if (!line.trim() || line.startsWith('fd-limit')) continue;
      if (options.inspect && /Debugger listening|For help, see: https:\/\/nodejs.org/.test(line)) continue;
      logged += 1;
      if (logged <= MAX_LOG_LINES) progress(`${options.name} says: ${summarizeLogLine(line)}`);
      else if (logged === MAX_LOG_LINES + 1) progress(`${options.name}: further log lines are not shown`);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      if (!stopping) progress(`${options.name} exited unexpectedly (code ${code}, signal ${signal})`);
      resolve(code);
    });
    child.once('error', (error) => {
      output += `\n${error.message}`;
      resolve(null);
    });
  });
  const stop = onCleanup(`stop ${options.name}`, () => {
    stopping = true;
    return stopChild(child, exited);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  let done = false;
  void exited.then(() => {
    done = true;
  });
  while (!done) {
    try {
      const response = await fetch(`${url}/ready`);
      if (response.status === 200) {
        const readyMs = performance.now() - spawnedAt;
        const alive = () => child.exitCode === null && child.signalCode === null;
        const handle: ServerHandle = {
          name: options.name,
          url,
          pid: child.pid!,
          fdLimit: fdLimitSeen,
          readyMs,
          alive,
          stop,
        };
        if (inspector) {
          const address = inspector;
          handle.collectGarbage = () => inspectorCall(address, 'HeapProfiler.collectGarbage');
        }
        return handle;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) break;
    await sleep(options.readyPollMs ?? 250);
  }
  await stop();
  throw new Error(`${options.name} did not become ready:\n${output}`);
}

/** Sends one inspector command to the server and waits for its answer. */
function inspectorCall(address: string, method: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(address);
    socket.once('open', () => socket.send(JSON.stringify({ id: 1, method })));
    socket.on('message', (raw) => {
      if ((JSON.parse(raw.toString()) as { id?: number }).id !== 1) return;
      socket.close();
      resolve();
    });
    socket.once('error', reject);
  });
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Un-labelled samples of the server's Prometheus metrics, by name. */
export async function readMetrics(url: string): Promise<Record<string, number>> {
  const headers = { authorization: `Bearer ${BENCH_SERVER_ENV.METRICS_TOKEN}` };
  const text = await (await fetch(`${url}/metrics`, { headers })).text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*) ([0-9.eE+-]+)$/.exec(line);
    if (match) values[match[1]!] = Number(match[2]);
  }
  return values;
}
