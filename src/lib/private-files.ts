// DATA_DIR holds secrets (the signing key, outbox mails with live links, the embedded database's files):
// its folders are 0700 and its files 0600, whatever the process umask.
import { chmodSync, mkdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) for the owner only, and tightens it if it already existed. */
export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates `dir` (and missing parents) for the owner only, and leaves a folder that exists as it is. For
 * files written straight into DATA_DIR: the runtime has tightened it at start, and then let the embedded
 * PostgreSQL's user pass through it when the server runs as root (db/embedded-cluster.ts); tightening it
 * again would lock the running database out of its own files.
 */
export function createPrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}
