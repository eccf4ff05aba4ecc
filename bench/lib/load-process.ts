// Paced HTTP load (paced-load.ts) from a child process of its own, for scenarios that measure latency in
// this process: its work (hundreds of requests a second) then never delays the timestamps taken here, and
// the child's CPU is its own. The child is this file, run by the same Node.js with the same loader (tsx).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.js';
import type { LoadRequest, LoadResult } from './load.js';
import { runPacedLoad } from './paced-load.js';

export interface ChildLoadOptions {
  url: string;
  durationSeconds: number;
  /** Taken in turn for the whole run. */
  requests: LoadRequest[];
  /** Requests per second, evenly spread. */
  rate: number;
}

type FromChild = { started: true } | { result: LoadResult } | { error: string };

/**
 * Starts the load in a child process; resolves once it runs (the child has loaded and begun), with what
 * runLoad would have resolved with to come.
 */
export function startLoadInChild(options: ChildLoadOptions): Promise<{ result: Promise<LoadResult> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = onCleanup('stop the load process', async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let started: () => void = () => {};
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (message: FromChild) => {
      if ('started' in message) return started();
      void stop();
      if ('result' in message) resolve(message.result);
      else reject(new Error(`load process: ${message.error}`));
    });
    child.once('exit', (code) => {
      void stop();
      reject(new Error(`load process exited with code ${code} before answering`));
    });
  });
  child.send(options);
  return new Promise((resolve, reject) => {
    started = () => resolve({ result });
    result.catch(reject);
  });
}

if (process.argv.includes('--child')) {
  process.once('message', (options: ChildLoadOptions) => {
    const running = runPacedLoad(options);
    process.send!({ started: true } satisfies FromChild);
    running
      .then((result): FromChild => ({ result }))
      .catch(
        (error: unknown): FromChild => ({ error: error instanceof Error ? error.message : String(error) }),
      )
      .then((message) => process.send!(message, () => process.exit(0)));
  });
}
