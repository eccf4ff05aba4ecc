// Scenario 4: the first page of GET /conversations for a user in 1,000 conversations, all with unread
// messages, against a user with a single conversation.
import { expectCall } from '../lib/api-client.js';
import { runLoad } from '../lib/load.js';
import { progress } from '../lib/progress.js';
import type { ServerHandle } from '../lib/server.js';
import { ratio, type Summary } from '../lib/stats.js';
import { formatCount, formatMs } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

const PATH = '/api/v1/conversations';

async function measureInbox(server: ServerHandle, token: string, seconds: number): Promise<Summary> {
  const result = await runLoad({
    url: server.url,
    connections: 1,
    durationSeconds: seconds,
    requestFor: () => ({ method: 'GET', path: PATH, token }),
  });
  if (result.failed > 0)
    throw new Error(`GET ${PATH}: ${result.failed} requests failed: ${JSON.stringify(result.statuses)}`);
  return result.latency;
}

export async function inbox(
  server: ServerHandle,
  conversations: number,
  tokens: { crowded: string; single: string },
  seconds: number,
): Promise<ScenarioOutcome> {
  const first = await expectCall(server.url, 'GET', PATH, [200], { token: tokens.crowded });
  const unread = (first.items as { unreadCount: number }[]).filter((item) => item.unreadCount > 0).length;
  progress(`4 inbox: first page has ${first.items.length} conversations, ${unread} with unread messages`);
  const crowded = await measureInbox(server, tokens.crowded, seconds);
  const single = await measureInbox(server, tokens.single, seconds);
  const scenario = `4 inbox (${formatCount(conversations)} convs)`;
  const notes =
    unread === first.items.length ? [] : [`${scenario}: only ${unread} items showed unread messages`];
  return {
    rows: (['p50', 'p99'] as const).map((key) => ({
      scenario,
      figure: `GET /conversations first page, ${key}`,
      value: formatMs(crowded[key]),
      ceiling: `${formatMs(single[key])} (1 conv)`,
      ratio: ratio(crowded[key], single[key]),
    })),
    details: { crowded, single, firstPageItems: first.items.length },
    notes,
  };
}
