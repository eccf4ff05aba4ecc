// Everything the run starts registers how to undo it here; it all runs on success, error and Ctrl-C.
import { progress } from './progress.js';

type Task = { name: string; undo: () => Promise<void> | void };

const tasks: Task[] = [];
let running: Promise<void> | null = null;

/** Registers an undo step; the returned function runs it early (and removes it from the list). */
export function onCleanup(name: string, undo: Task['undo']): () => Promise<void> {
  const task = { name, undo };
  tasks.push(task);
  return async () => {
    const index = tasks.indexOf(task);
    if (index === -1) return;
    tasks.splice(index, 1);
    await undo();
  };
}

/** Undoes everything, newest first; a failing step is reported and the rest still run. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      try {
        await task.undo();
      } catch (error) {
        progress(`cleanup: ${task.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return running;
}

/** Ctrl-C, a kill or a crash still stops the servers and deletes the temp folders and databases. */
export function cleanupOnExit(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress(`${signal}: stopping everything the benchmark started`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  process.once('uncaughtException', (error) => {
    progress(`crashed: ${error.stack ?? error.message}`);
    void cleanupAll().finally(() => process.exit(1));
  });
}

/**
 * Runs a script's main function with cleanup armed: a failure is printed and sets exit code 1, and the
 * process exits once everything it started is stopped (open sockets, pools and timers must not keep it).
 */
export function runWithCleanup(main: () => Promise<void>): void {
  cleanupOnExit();
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    })
    .finally(async () => {
      await cleanupAll();
      process.exit(process.exitCode ?? 0);
    });
}
