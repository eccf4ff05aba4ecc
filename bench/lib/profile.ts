// Reads a V8 .cpuprofile (from --cpu-prof) and says where the server's CPU time went: by package or
// source folder, and by hottest function. Self time only, so nothing is counted twice.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
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
  // The only WebAssembly in the server is PGlite's PostgreSQL.
  if (url.startsWith('wasm://')) return 'wasm (PGlite)';
  const own = /\/(dist|src)\/(.+)\/[^/]+$/.exec(url);
  if (own) return `src/${own[2]}`;
  return path.basename(url);
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
): { byOwner: ProfileShare[]; byFunction: ProfileShare[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const time = profile.timeDeltas[i] ?? 0;
    // Waiting for I/O is not a cost of the server's code.
    if (frame.functionName === '(idle)') return;
    all += time;
    const owner = ownerOf(frame.url, frame.functionName);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + time);
    const fn = `${frame.functionName || '(anonymous)'} (${owner})`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + time);
  });
  return { byOwner: top(byOwner, all || 1, count), byFunction: top(byFunction, all || 1, count) };
}

/** Every profile in the folder (one per server process), summarized. */
export function summarizeProfiles(
  dir: string,
): { file: string; summary: ReturnType<typeof summarizeProfile> }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => ({
      file,
      summary: summarizeProfile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile),
    }));
}

export function formatShares(shares: ProfileShare[]): string {
  return shares.map((share) => `${share.percent.toFixed(1)}% ${share.name}`).join(', ');
}
