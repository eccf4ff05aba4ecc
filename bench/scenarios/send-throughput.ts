// Scenario 1: 64 senders in 32 direct conversations POSTing as fast as answered, against the same
// number of concurrent bare INSERTs of the same row (measured before the server started).
import { type BenchUser, messagesPath } from '../lib/api-client.js';
import type { CeilingResult } from '../lib/insert-ceiling.js';
import { runLoad, warmUp } from '../lib/load.js';
import { progress } from '../lib/progress.js';
import type { ServerHandle } from '../lib/server.js';
import { ratio } from '../lib/stats.js';
import { formatMs, formatRate } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

export const SEND_CONTENT =
  'Benchmark message: a typical chat line of about a hundred characters, with nothing special in it.';

export async function sendThroughput(
  server: ServerHandle,
  senders: BenchUser[],
  conversationOf: string[],
  seconds: number,
  ceiling: CeilingResult | null,
): Promise<ScenarioOutcome> {
  const load = {
    url: server.url,
    connections: senders.length,
    durationSeconds: seconds,
    requestFor: (i: number) => ({
      method: 'POST' as const,
      path: messagesPath(conversationOf[i]!),
      token: senders[i]!.token,
      body: { content: SEND_CONTENT },
    }),
  };
  progress(`1 send: warming up, then ${senders.length} senders for ${seconds}s`);
  await warmUp(load);
  const result = await runLoad(load);
  progress(`1 send: ${result.ok} messages in ${result.seconds.toFixed(1)}s, ${result.failed} failed`);
  const scenario = '1 send throughput';
  const ceilingLabel = (value: string) => (ceiling ? value : 'n/a');
  const notes: string[] = [];
  if (result.failed > 0)
    notes.push(`${scenario}: ${result.failed} requests failed: ${JSON.stringify(result.statuses)}`);
  return {
    rows: [
      {
        scenario,
        figure: `messages/s (${senders.length} senders)`,
        value: formatRate(result.throughput),
        ceiling: ceilingLabel(`${formatRate(ceiling?.perSecond ?? Number.NaN)} inserts`),
        ratio: ratio(result.throughput, ceiling?.perSecond),
      },
      {
        scenario,
        figure: 'latency p50',
        value: formatMs(result.latency.p50),
        ceiling: ceilingLabel(formatMs(ceiling?.latency.p50 ?? Number.NaN)),
        ratio: ratio(result.latency.p50, ceiling?.latency.p50),
      },
      {
        scenario,
        figure: 'latency p99',
        value: formatMs(result.latency.p99),
        ceiling: ceilingLabel(formatMs(ceiling?.latency.p99 ?? Number.NaN)),
        ratio: ratio(result.latency.p99, ceiling?.latency.p99),
      },
    ],
    details: { send: result, ceiling },
    notes,
  };
}
