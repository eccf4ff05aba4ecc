// Where media files live: a small interface so an S3-compatible store can replace the local disk later.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

export interface MediaStorage {
  /** Stores `data` under `name`; readers never see a half-written file. */
  put(name: string, data: Buffer): Promise<void>;
  /** Removes `name`; a missing file is not an error. */
  delete(name: string): Promise<void>;
  /** A stream of the file and its size, or null when there is no such file. */
  open(name: string): Promise<{ stream: Readable; size: number } | null>;
}

/** Files under one folder (DATA_DIR/media). Names are checked by the callers and again here. */
export class LocalDiskStorage implements MediaStorage {
  private ready: Promise<unknown> | null = null;

  constructor(readonly dir: string) {}

  private pathOf(name: string): string {
    // Defence in depth: the routes already validate names, but no name may leave the folder.
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) throw new Error(`Bad media name: ${name}`);
    return path.join(this.dir, name);
  }

  async put(name: string, data: Buffer): Promise<void> {
    const target = this.pathOf(name);
    this.ready ??= ensurePrivateDir(this.dir);
    await this.ready;
    // Write to a temporary name, then rename: rename is atomic within one folder.
    const temp = path.join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      await writeFile(temp, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  async open(name: string): Promise<{ stream: Readable; size: number } | null> {
    const file = this.pathOf(name);
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      return { stream: createReadStream(file), size: info.size };
    } catch {
      return null;
    }
  }
}
