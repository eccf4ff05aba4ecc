// HTTP load at an even pace: request k leaves at start + k / rate, whether or not earlier ones are back
// (an open loop, as people send), taking the request shapes in turn. autocannon's rate is not that: it is
// a budget per second that every connection spends as fast as it is answered when the second begins, so
// "500 a second" arrives as a burst of 500 at the top of each second and nothing after it.
import http from 'node:http';
import type { LoadRequest, LoadResult } from './load.js';
import { sleep } from './progress.js';
import { summarize } from './stats.js';

export interface PacedLoadOptions {
  url: string;
  durationSeconds: number;
  /** Requests per second, spread evenly. */
  rate: number;
  /** Taken in turn, over keep-alive connections (a new one only when every open one is busy). */
  requests: LoadRequest[];
}

/** A request not answered in this long counts as failed. */
const TIMEOUT_MS = 30_000;

export async function runPacedLoad(options: PacedLoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true });
  const shapes = options.requests.map((request) => {
    const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
    const headers: Record<string, string | number> = {};
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = body.length;
    }
    return { method: request.method, path: request.path, headers, body };
  });
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;

  const send = (shape: (typeof shapes)[number]) =>
    new Promise<void>((resolve) => {
      const startedAt = performance.now();
      let settled = false;
      // A response that fails half way also fails its request: count it once.
      const settle = (status: string) => {
        if (settled) return;
        settled = true;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status.startsWith('2')) {
          ok += 1;
          samples.push(performance.now() - startedAt);
        } else {
          failed += 1;
        }
        resolve();
      };
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: shape.method,
          path: shape.path,
          headers: shape.headers,
          agent,
        },
        (response) => {
          response.resume();
          response.once('end', () => settle(String(response.statusCode)));
          response.once('error', () => settle('error'));
        },
      );
      request.setTimeout(TIMEOUT_MS, () => request.destroy(new Error('timed out')));
      request.once('error', () => settle('error'));
      request.end(shape.body);
    });

  const total = Math.round(options.rate * options.durationSeconds);
  const startedAt = performance.now();
  const outstanding: Promise<void>[] = [];
  await pace(total, options.rate, (k) => outstanding.push(send(shapes[k % shapes.length]!)));
  await Promise.all(outstanding);
  agent.destroy();
  const seconds = (performance.now() - startedAt) / 1000;
  return { ok, failed, statuses, seconds, throughput: ok / seconds, latency: summarize(samples) };
}

/**
 * Calls `start(k)` for k = 0 .. count-1 at start + k / perSecond, not waiting for what it starts. Timers
 * fire a millisecond or so late; the schedule is absolute, so a late one is caught up at once.
 */
export async function pace(count: number, perSecond: number, start: (k: number) => void): Promise<void> {
  const startedAt = performance.now();
  for (let k = 0; k < count; k++) {
    const wait = startedAt + (k * 1000) / perSecond - performance.now();
    if (wait >= 1) await sleep(wait);
    start(k);
  }
}
