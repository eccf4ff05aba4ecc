// Scenario 9: message search over the long bulk-loaded history, for a member of the group since its
// start and for one who joined halfway (who must find only the second half), against the newest
// history page of the same conversation measured in the same run. Two words: one in a tenth of the
// messages (accents folded: "cancion" finds "canción") and one in one message of 10,000.
import { expectCall, messagesPath } from '../lib/api-client.js';
import { runLoad, warmUp } from '../lib/load.js';
import { HISTORY_TOPICS, type HistoryConversation, rareHistoryWord } from '../lib/preload.js';
import { progress } from '../lib/progress.js';
import type { ServerHandle } from '../lib/server.js';
import { ratio, type Summary } from '../lib/stats.js';
import { formatCount, formatMs } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

interface SearchSpec {
  name: string;
  who: 'viewer' | 'joiner';
  q: string;
  /** Only the history's conversation (conversationId), or every conversation of the user. */
  inConversation: boolean;
}

/** "canción" typed without its accent, and a word of a message the joiner may see (after the half). */
const frequent = 'cancion';
const specs = (history: HistoryConversation): SearchSpec[] => {
  const rare = rareHistoryWord(history.size - 1);
  return [
    { name: `"${frequent}" (1 in 10), all chats`, who: 'viewer', q: frequent, inConversation: false },
    { name: `"${rare}" (1 in 10,000), all chats`, who: 'viewer', q: rare, inConversation: false },
    { name: `"${rare}", in the group`, who: 'viewer', q: rare, inConversation: true },
    { name: `joined halfway: "${frequent}"`, who: 'joiner', q: frequent, inConversation: false },
    { name: `joined halfway: "${rare}"`, who: 'joiner', q: rare, inConversation: false },
  ];
};

/** One connection for `seconds`, after a second of the same requests (cold caches are not the figure). */
async function measure(server: ServerHandle, path: string, token: string, seconds: number): Promise<Summary> {
  const options = {
    url: server.url,
    connections: 1,
    durationSeconds: seconds,
    requestFor: () => ({ method: 'GET' as const, path, token }),
  };
  await warmUp(options, 1);
  const result = await runLoad(options);
  if (result.failed > 0)
    throw new Error(`${path}: ${result.failed} requests failed: ${JSON.stringify(result.statuses)}`);
  return result.latency;
}

export async function search(
  server: ServerHandle,
  history: HistoryConversation,
  tokens: { viewer: string; joiner: string },
  seconds: number,
): Promise<ScenarioOutcome> {
  const scenario = `9 search (${formatCount(history.size)} msgs)`;
  const rows: ScenarioOutcome['rows'] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = { size: history.size, topics: HISTORY_TOPICS };

  progress('9 search: reference, the newest history page');
  const pagePath = `${messagesPath(history.id)}?limit=50`;
  const references: Record<'viewer' | 'joiner', Summary> = {
    viewer: await measure(server, pagePath, tokens.viewer, seconds),
    joiner: await measure(server, pagePath, tokens.joiner, seconds),
  };
  details.historyPage = references;
  for (const spec of specs(history)) {
    progress(`9 search: ${spec.name}`);
    const params = new URLSearchParams({ q: spec.q, limit: '20' });
    if (spec.inConversation) params.set('conversationId', history.id);
    const path = `/api/v1/search/messages?${params}`;
    const token = tokens[spec.who];
    try {
      // The answer must hold hits, from the stretch the user may see, or we would be timing nothing.
      const page = await expectCall(server.url, 'GET', path, [200], { token });
      if (page.items.length === 0) throw new Error(`${path} found nothing`);
      const seqsHere = page.items
        .filter((hit: { message: { conversationId: string } }) => hit.message.conversationId === history.id)
        .map((hit: { message: { seq: number } }) => hit.message.seq);
      if (spec.who === 'joiner' && seqsHere.some((seq: number) => seq <= history.joinedAfterSeq)) {
        throw new Error(`${path} showed the joiner a message from before they joined`);
      }
      const latency = await measure(server, path, token, seconds);
      const reference = references[spec.who];
      details[spec.name] = latency;
      rows.push({
        scenario,
        figure: `${spec.name}: ${page.items.length} hits, p50 (p99)`,
        value: `${formatMs(latency.p50)} (${formatMs(latency.p99)})`,
        ceiling: `${formatMs(reference.p50)} (${formatMs(reference.p99)}) history page`,
        ratio: ratio(latency.p99, reference.p99),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      progress(`9 search: ${spec.name} failed: ${message}`);
      notes.push(`${scenario}: ${spec.name} failed: ${message}`);
      rows.push({ scenario, figure: `${spec.name}: failed`, value: '-', ceiling: '-', ratio: null });
    }
  }
  notes.push(`${scenario}: ratio = search p99 / the newest history page's p99, same user, same run`);
  return { rows, details, notes };
}
