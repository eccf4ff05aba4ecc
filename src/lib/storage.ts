// Where media files live: a small interface so an S3-compatible store can replace the local disk later.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

/** Bytes start..end of a file, both inclusive (as in an HTTP Range header). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface MediaStorage {
  /** Stores `data` under `name`; readers never see a half-written file. */
  put(name: string, data: Buffer): Promise<void>;
  /**
   * Streams `source` into `name` and answers the bytes written. The bytes go to a temporary place first
   * and appear under `name` only once all of them are written: if the stream fails (too large, cut
   * off), nothing is left behind and `name` is untouched.
   */
  write(name: string, source: Readable): Promise<number>;
  /** Renames a stored file (replacing `to`); readers see the old name or the new one, never neither. */
  move(from: string, to: string): Promise<void>;
  /** Removes `name`; a missing file is not an error. */
  delete(name: string): Promise<void>;
  /**
   * A stream of the file (or of `range` within it) and the whole file's size, or null when there is no
   * such file. The caller checks the range against the size it got from `stat`.
   */
  open(name: string, range?: ByteRange): Promise<{ stream: Readable; size: number } | null>;
  /** The file's size, or null when there is no such file. */
  stat(name: string): Promise<{ size: number } | null>;
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

  private tempPath(): string {
    return path.join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
  }

  private async ensureDir(): Promise<void> {
    this.ready ??= ensurePrivateDir(this.dir);
    await this.ready;
  }

  async put(name: string, data: Buffer): Promise<void> {
    const target = this.pathOf(name);
    await this.ensureDir();
    // Write to a temporary name, then rename: rename is atomic within one folder.
    const temp = this.tempPath();
    try {
      await writeFile(temp, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async write(name: string, source: Readable): Promise<number> {
    const target = this.pathOf(name);
    await this.ensureDir();
    const temp = this.tempPath();
    try {
      const sink = createWriteStream(temp, { flags: 'wx', mode: PRIVATE_FILE_MODE });
      await pipeline(source, sink);
      const written = sink.bytesWritten;
      await rename(temp, target);
      return written;
    } catch (error) {
      source.destroy();
      await rm(temp, { force: true });
      throw error;
    }
  }

  async move(from: string, to: string): Promise<void> {
    await rename(this.pathOf(from), this.pathOf(to));
  }

  async delete(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  async stat(name: string): Promise<{ size: number } | null> {
    try {
      const info = await stat(this.pathOf(name));
      return info.isFile() ? { size: info.size } : null;
    } catch {
      return null;
    }
  }

  async open(name: string, range?: ByteRange): Promise<{ stream: Readable; size: number } | null> {
    const file = this.pathOf(name);
    const info = await this.stat(name);
    if (!info) return null;
    try {
      return { stream: createReadStream(file, range ?? {}), size: info.size };
    } catch {
      return null;
    }
  }
}
