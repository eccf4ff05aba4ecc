// Scenario 3: a page of 50 at the newest end, the middle and the oldest end of a long bulk-loaded
// history, and the oldest page a member who joined halfway may see, each against the same page of a
// 1,000-message conversation. Keyset paging should keep every ratio near 1.
import { encodeCursor } from '../../src/core/pagination.js';
import { expectCall, messagesPath } from '../lib/api-client.js';
import { runLoad } from '../lib/load.js';
import type { HistoryConversation } from '../lib/preload.js';
import { progress } from '../lib/progress.js';
import type { ServerHandle } from '../lib/server.js';
import { ratio, type Summary } from '../lib/stats.js';
import { formatCount, formatMs } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

interface PageSpec {
  name: string;
  who: 'viewer' | 'joiner';
  /** The `before` cursor's seq for a conversation of this size and join point; null for the newest page. */
  beforeSeq: (history: HistoryConversation) => number | null;
}

const PAGES: PageSpec[] = [
  { name: 'newest page', who: 'viewer', beforeSeq: () => null },
  { name: 'middle page (cursor)', who: 'viewer', beforeSeq: (h) => Math.floor(h.size / 2) + 1 },
  { name: 'oldest page', who: 'viewer', beforeSeq: () => 51 },
  { name: 'joined halfway: oldest visible page', who: 'joiner', beforeSeq: (h) => h.joinedAfterSeq + 51 },
];

async function measurePage(
  server: ServerHandle,
  history: HistoryConversation,
  token: string,
  beforeSeq: number | null,
  seconds: number,
): Promise<Summary> {
  const path = `${messagesPath(history.id)}?limit=50${beforeSeq === null ? '' : `&before=${encodeCursor([beforeSeq])}`}`;
  // The page must really hold 50 messages, or we would be timing an empty answer.
  const page = await expectCall(server.url, 'GET', path, [200], { token });
  if (page.items.length !== 50) throw new Error(`${path} returned ${page.items.length} messages, not 50`);
  const result = await runLoad({
    url: server.url,
    connections: 1,
    durationSeconds: seconds,
    requestFor: () => ({ method: 'GET', path, token }),
  });
  if (result.failed > 0)
    throw new Error(`${path}: ${result.failed} requests failed: ${JSON.stringify(result.statuses)}`);
  return result.latency;
}

export async function historyDepth(
  server: ServerHandle,
  big: HistoryConversation,
  small: HistoryConversation,
  tokens: { viewer: string; joiner: string },
  seconds: number,
): Promise<ScenarioOutcome> {
  const scenario = `3 history (${formatCount(big.size)} msgs)`;
  const rows: ScenarioOutcome['rows'] = [];
  const details: Record<string, unknown> = { size: big.size, baselineSize: small.size };
  const notes: string[] = [];
  for (const spec of PAGES) {
    progress(`3 history: ${spec.name}`);
    const token = tokens[spec.who];
    let deep: Summary;
    let shallow: Summary;
    try {
      deep = await measurePage(server, big, token, spec.beforeSeq(big), seconds);
      shallow = await measurePage(server, small, token, spec.beforeSeq(small), seconds);
    } catch (error) {
      // One failing page must not hide the others' figures.
      const message = error instanceof Error ? error.message : String(error);
      progress(`3 history: ${spec.name} failed: ${message}`);
      notes.push(`${scenario}: ${spec.name} failed: ${message}`);
      rows.push({ scenario, figure: `${spec.name}: failed`, value: '-', ceiling: '-', ratio: null });
      continue;
    }
    details[spec.name] = { deep, shallow };
    rows.push({
      scenario,
      figure: `${spec.name}, p50 (p99)`,
      value: `${formatMs(deep.p50)} (${formatMs(deep.p99)})`,
      ceiling: `${formatMs(shallow.p50)} (${formatMs(shallow.p99)}) @${formatCount(small.size)}`,
      ratio: ratio(deep.p50, shallow.p50),
    });
  }
  return { rows, details, notes };
}
