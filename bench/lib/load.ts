// HTTP load with autocannon: one request shape per connection (its own token and path), and our own
// sub-millisecond latency samples (autocannon's histogram rounds to whole milliseconds).
import autocannon from 'autocannon';
import { type Summary, summarize } from './stats.js';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** The request connection `i` repeats for the whole run. */
  requestFor: (connection: number) => LoadRequest;
}

export interface LoadResult {
  /** Answers with a 2xx status. */
  ok: number;
  /** Other statuses and transport errors. */
  failed: number;
  statuses: Record<string, number>;
  seconds: number;
  /** 2xx answers per second. */
  throughput: number;
  latency: Summary;
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  let next = 0;
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 30,
        setupClient: (client: any) => {
          const request = options.requestFor(next++ % options.connections);
          const headers: Record<string, string> = {};
          if (request.token) headers.authorization = `Bearer ${request.token}`;
          if (request.body !== undefined) headers['content-type'] = 'application/json';
          // setRequests replaces this connection's whole request list (setRequest only the current one).
          client.setRequests([
            {
              method: request.method,
              path: request.path,
              headers,
              body: request.body === undefined ? undefined : JSON.stringify(request.body),
            },
          ]);
        },
      },
      (error: unknown, result: any) => {
        if (error) return reject(error);
        const seconds = (performance.now() - startedAt) / 1000;
        failed += result?.errors ?? 0;
        resolve({ ok, failed, statuses, seconds, throughput: ok / seconds, latency: summarize(samples) });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        ok += 1;
        samples.push(responseTime);
      } else {
        failed += 1;
      }
    });
  });
}

/** A short untimed run first, so JIT warm-up and first-connection costs stay out of the figures. */
export async function warmUp(options: LoadOptions, seconds = 2): Promise<void> {
  await runLoad({ ...options, durationSeconds: seconds });
}
