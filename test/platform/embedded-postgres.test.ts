// The embedded PostgreSQL after an unclean end: the next start clears what was left and runs; a live owner's
// server is never taken over. Each test runs its own cluster in its own temp folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresReachable } from '../../bench/lib/databases.js';
import { openDatabase } from '../../src/db/client.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';

const HOLDER = path.join(import.meta.dirname, '../helpers/hold-embedded-postgres.ts');

/** Another process that starts the cluster on `dir` and keeps it until killed. */
async function holdInAnotherProcess(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`the holder exited (${code}): ${output}`)));
  });
  return { child, port };
}

/** Alive and not a zombie (a reparented child may wait for a parent that never reaps it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', () => {
  let folder: string;
  let dir: string;
  let started: EmbeddedPostgres[];
  let holders: ChildProcess[];
  const notices: string[] = [];
  const start = async (options: { shareRunning?: boolean } = {}) => {
    const server = await startEmbeddedPostgres({
      dir,
      port: null,
      settings: { fsync: 'off' },
      onNotice: (message) => notices.push(message),
      ...options,
    });
    started.push(server);
    return server;
  };

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'chat-embedded-'));
    chmodSync(folder, 0o755);
    dir = path.join(folder, 'postgres');
    started = [];
    holders = [];
    notices.length = 0;
  });

  afterEach(async () => {
    for (const server of started.reverse()) await server.stop();
    for (const holder of holders) holder.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates the cluster on first start in a folder only its owner may open, and reuses it next time', async () => {
    const first = await start();
    expect(first.created).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(await postgresReachable(first.url())).toBe(true);
    await first.stop();
    expect(await postgresReachable(first.url())).toBe(false);
    const second = await start();
    expect(second.created).toBe(false);
    expect(await postgresReachable(second.url())).toBe(true);
  });

  it('closes every connection before stopping its server, so a clean stop logs no lost connection', async () => {
    const lines: { level: string; message: string }[] = [];
    const log = {
      info: (_: object, message: string) => lines.push({ level: 'info', message }),
      warn: (_: object, message: string) => lines.push({ level: 'warn', message }),
      error: (_: object, message: string) => lines.push({ level: 'error', message }),
    };
    const database = await openDatabase({
      databaseUrl: null,
      embedded: { dir, port: null, settings: { fsync: 'off' } },
      poolSize: 20,
      log,
    });
    // Twenty connections at once, each kept by the pool.
    await Promise.all(Array.from({ length: 20 }, () => database.db.execute(sql`select pg_sleep(0.05)`)));
    expect(database.db.$client.totalCount).toBe(20);
    await database.close();
    expect(lines.filter((line) => line.level !== 'info')).toEqual([]);
  });

  it('stops the server a killed process left running, then starts its own', async () => {
    const holder = await holdInAnotherProcess(dir);
    holders.push(holder.child);
    const orphanPid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    holder.child.kill('SIGKILL');
    await new Promise((resolve) => holder.child.once('exit', resolve));

    const server = await start();
    expect(notices.join('\n')).toMatch(new RegExp(`stopping PostgreSQL \\(pid ${orphanPid}\\) left running`));
    expect(isRunning(orphanPid)).toBe(false);
    expect(await postgresReachable(server.url())).toBe(true);
  });

  it('removes a postmaster.pid naming a process that is not PostgreSQL', async () => {
    const first = await start();
    await first.stop();
    writeFileSync(
      path.join(dir, 'postmaster.pid'),
      `${process.pid}\n${dir}\n0\n5432\n\n127.0.0.1\n\nready\n`,
    );
    const server = await start();
    expect(notices.join('\n')).toMatch(/removed a stale .*postmaster\.pid/);
    expect(await postgresReachable(server.url())).toBe(true);
  });

  it('refuses a server that a live process owns, unless asked to share it (and then leaves it running)', async () => {
    const holder = await holdInAnotherProcess(dir);
    holders.push(holder.child);
    await expect(start()).rejects.toThrow(/in use by another server process/);
    const shared = await start({ shareRunning: true });
    expect(shared.owned).toBe(false);
    expect(shared.port).toBe(holder.port);
    await shared.stop();
    expect(await postgresReachable(shared.url())).toBe(true);
  });
});
