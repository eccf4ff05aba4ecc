// The project's folder (the one holding package.json and src/db/migrations), found by walking up from this
// module: the same answer from src/ (tsx), from a tsc build, and from the single-file bundle in dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src/db/migrations')))
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`no project folder (package.json and src/db/migrations) above ${start}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
