// Reads a V8 .cpuprofile (from --cpu-prof) and says where the server's CPU time went: by package or
// source folder, and by hottest function. Self time only, so nothing is counted twice. The server is one
// bundle (dist/main.js and its chunks): each frame is traced back to its source file through the bundle's
// source map, so the time is still charged to the package or folder it came from.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

/** The source file a frame's code came from: the bundle's source map answers for bundled code. */
export type SourceOf = (frame: CallFrame) => string;

const asIs: SourceOf = (frame) => frame.url;

/** Reads `<file>.map` beside each bundled script the first time one of its frames is seen. */
export function sourceMapResolver(): SourceOf {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string) => {
    if (!maps.has(url)) {
      let map: SourceMap | null = null;
      if (url.startsWith('file://')) {
        const file = `${fileURLToPath(url)}.map`;
        if (existsSync(file)) map = new SourceMap(JSON.parse(readFileSync(file, 'utf8')));
      }
      maps.set(url, map);
    }
    return maps.get(url) ?? null;
  };
  return (frame) => {
    const map = frame.url ? mapFor(frame.url) : null;
    if (!map) return frame.url;
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber ?? 0) as { originalSource?: string };
    // Sources are relative to the map ("../node_modules/...", "../src/..."): a path, whatever the prefix.
    // Code esbuild wrote itself (module wrappers, the banner) maps to no source.
    return entry.originalSource ? `/${entry.originalSource.replace(/^(\.\.\/)+/, '')}` : '(bundle glue)';
  };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  percent: number;
}

/** "drizzle-orm", "src/modules/messages", "node:internal", "(garbage collector)"... */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node internals';
  if (url.startsWith('wasm://')) return 'wasm';
  const own = /\/(dist|src)\/(.+)\/[^/]+$/.exec(url);
  if (own) return `src/${own[2]}`;
  return path.basename(url);
}

/** Areas the server's time is read by: what a change to the hot paths would have to shrink. */
const AREA_OF_OWNER: Record<string, string> = {
  'drizzle-orm': 'Drizzle query building',
  pg: 'pg protocol',
  'pg-protocol': 'pg protocol',
  'pg-pool': 'pg protocol',
  'pg-types': 'pg protocol',
  'postgres-date': 'pg protocol',
  'postgres-array': 'pg protocol',
  '@node-rs/argon2': 'argon2',
  ws: 'ws',
  '@fastify/websocket': 'ws',
  'fast-json-stringify': 'JSON',
  'secure-json-parse': 'JSON',
  fastify: 'Fastify',
  'find-my-way': 'Fastify',
  avvio: 'Fastify',
  'light-my-request': 'Fastify',
  '@fastify/ajv-compiler': 'Fastify',
  ajv: 'Fastify',
  pino: 'logging',
  'sonic-boom': 'logging',
  jose: 'JWT',
  'prom-client': 'metrics',
  ioredis: 'Redis',
  '(garbage collector)': 'GC',
  '(program)': 'V8 (program)',
};

/** Native functions that are socket writes and reads, whoever called them. */
const SOCKET_IO = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'onStreamRead']);
const JSON_FUNCTIONS = new Set(['stringify', 'parse', 'JSONStringify', 'JSONParse']);

export function areaOf(owner: string, functionName: string, url = ''): string {
  if (SOCKET_IO.has(functionName)) return 'socket I/O (writev, reads)';
  // WebCrypto's JS side: the HMAC of every access token check (jose).
  if (url.includes('internal/crypto/')) return 'JWT';
  // Builtins have no script: a `parse` with a package behind it is that package's own parser.
  if (owner === '(native)' && JSON_FUNCTIONS.has(functionName)) return 'JSON';
  if (AREA_OF_OWNER[owner]) return AREA_OF_OWNER[owner];
  if (owner.startsWith('src/')) return 'server code (src/)';
  if (owner.startsWith('@fastify/')) return 'Fastify';
  if (owner === 'node internals') return 'node internals';
  return 'other';
}

function top(totals: Map<string, number>, all: number, count: number): ProfileShare[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => ({ name, percent: Math.round((1000 * time) / all) / 10 }));
}

export function summarizeProfile(
  profile: CpuProfile,
  count = 8,
  sourceOf: SourceOf = asIs,
): { byOwner: ProfileShare[]; byFunction: ProfileShare[]; byArea: ProfileShare[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byOwner = new Map<string, number>();
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const time = profile.timeDeltas[i] ?? 0;
    // Waiting for I/O is not a cost of the server's code.
    if (frame.functionName === '(idle)') return;
    all += time;
    const url = sourceOf(frame);
    const owner = ownerOf(url, frame.functionName);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + time);
    const area = areaOf(owner, frame.functionName, url);
    byArea.set(area, (byArea.get(area) ?? 0) + time);
    const fn = `${frame.functionName || '(anonymous)'} (${owner})`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + time);
  });
  return {
    byOwner: top(byOwner, all || 1, count),
    byFunction: top(byFunction, all || 1, count),
    byArea: top(byArea, all || 1, byArea.size),
  };
}

/** Every profile in the folder (one per server process), summarized. */
export function summarizeProfiles(
  dir: string,
): { file: string; summary: ReturnType<typeof summarizeProfile> }[] {
  const sourceOf = sourceMapResolver();
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => ({
      file,
      summary: summarizeProfile(
        JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile,
        8,
        sourceOf,
      ),
    }));
}

export function formatShares(shares: ProfileShare[]): string {
  return shares.map((share) => `${share.percent.toFixed(1)}% ${share.name}`).join(', ');
}
