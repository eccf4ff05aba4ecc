// Scenario 4: the first page of GET /conversations for a user in 1,000 conversations, all with unread
// messages, against a user with a single conversation; and many users in 50 conversations each asking
// at once (one connection each), against GET /users/me for the same users at the same concurrency. Each
// process keeps a first page it sent until something on it changes (docs/decisions/0021), so the figures
// above are of pages asked for again unchanged; the 1,000-chat user's page is also timed right after a
// change (a mute set or lifted: an event that makes the server read the page again), against the same
// page asked for again right after, by the same client.
import { expectCall } from '../lib/api-client.js';
import { type LoadOptions, type LoadResult, runLoad, warmUp } from '../lib/load.js';
import { progress } from '../lib/progress.js';
import type { ServerHandle } from '../lib/server.js';
import { ratio, type Summary, summarize } from '../lib/stats.js';
import { formatCount, formatMs, formatRate, type TableRow } from '../lib/table.js';
import type { ScenarioOutcome } from './types.js';

const PATH = '/api/v1/conversations';
const ME_PATH = '/api/v1/users/me';
/** The inbox target at many connections: p99 under this. */
export const INBOX_P99_TARGET_MS = 50;

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

async function measureConcurrent(server: ServerHandle, path: string, owners: string[], seconds: number) {
  const load: LoadOptions = {
    url: server.url,
    connections: owners.length,
    durationSeconds: seconds,
    requestFor: (i) => ({ method: 'GET', path, token: owners[i % owners.length]! }),
  };
  await warmUp(load, 1);
  const result = await runLoad(load);
  if (result.failed > 0)
    throw new Error(`GET ${path}: ${result.failed} requests failed: ${JSON.stringify(result.statuses)}`);
  if (result.ok === 0) throw new Error(`GET ${path}: no answer within ${seconds}s`);
  return result;
}

/**
 * The first page read again after each change, and asked for again unchanged right after, one request at a
 * time for `seconds`: the change is a mute set or lifted on one of the user's chats.
 */
async function changedAndUnchanged(server: ServerHandle, token: string, chatId: string, seconds: number) {
  const changed: number[] = [];
  const unchanged: number[] = [];
  const timed = async (into: number[]) => {
    const started = performance.now();
    await expectCall(server.url, 'GET', PATH, [200], { token });
    into.push(performance.now() - started);
  };
  const settings = `${PATH}/${chatId}/settings`;
  const until = Date.now() + seconds * 1000;
  for (let n = 0; Date.now() < until; n += 1) {
    await expectCall(server.url, 'PATCH', settings, [200], {
      token,
      body: { mutedUntil: n % 2 === 0 ? 'forever' : null },
    });
    await timed(changed);
    await timed(unchanged);
  }
  return { changed: summarize(changed), unchanged: summarize(unchanged) };
}

/** The inbox of users in `chats` conversations, one connection each, against GET /users/me for them. */
async function concurrentInboxes(server: ServerHandle, owners: string[], chats: number, seconds: number) {
  const page = await expectCall(server.url, 'GET', PATH, [200], { token: owners[0]! });
  progress(
    `4 inbox: ${owners.length} users in ${chats} conversations each (${page.items.length} on the first page)`,
  );
  const inboxes = await measureConcurrent(server, PATH, owners, seconds);
  const me = await measureConcurrent(server, ME_PATH, owners, seconds);
  return { inboxes, me, firstPageItems: page.items.length as number };
}

function concurrentRows(
  scenario: string,
  connections: number,
  inboxes: LoadResult,
  me: LoadResult,
): TableRow[] {
  return [
    {
      scenario,
      figure: `GET /conversations requests/s (${connections} conns)`,
      value: formatRate(inboxes.throughput),
      ceiling: `${formatRate(me.throughput)} GET /users/me`,
      ratio: ratio(inboxes.throughput, me.throughput),
    },
    {
      scenario,
      figure: `GET /conversations p50 (p99), ${connections} conns`,
      value: `${formatMs(inboxes.latency.p50)} (${formatMs(inboxes.latency.p99)})`,
      ceiling: `p99 < ${formatMs(INBOX_P99_TARGET_MS)}`,
      ratio: ratio(inboxes.latency.p99, INBOX_P99_TARGET_MS),
    },
  ];
}

export async function inbox(
  server: ServerHandle,
  conversations: number,
  tokens: { crowded: string; single: string; owners: string[] },
  seconds: { single: number; concurrent: number },
  ownerConversations: number,
): Promise<ScenarioOutcome> {
  const first = await expectCall(server.url, 'GET', PATH, [200], { token: tokens.crowded });
  const unread = (first.items as { unreadCount: number }[]).filter((item) => item.unreadCount > 0).length;
  progress(`4 inbox: first page has ${first.items.length} conversations, ${unread} with unread messages`);
  const crowded = await measureInbox(server, tokens.crowded, seconds.single);
  const single = await measureInbox(server, tokens.single, seconds.single);
  const scenario = `4 inbox (${formatCount(conversations)} convs)`;
  const notes =
    unread === first.items.length ? [] : [`${scenario}: only ${unread} items showed unread messages`];
  const rows: TableRow[] = (['p50', 'p99'] as const).map((key) => ({
    scenario,
    figure: `GET /conversations first page, ${key}`,
    value: formatMs(crowded[key]),
    ceiling: `${formatMs(single[key])} (1 conv)`,
    ratio: ratio(crowded[key], single[key]),
  }));
  const afterChange = await changedAndUnchanged(server, tokens.crowded, first.items[0].id, seconds.single);
  for (const key of ['p50', 'p99'] as const) {
    rows.push({
      scenario,
      figure: `first page right after a change, ${key} (${afterChange.changed.count} pages)`,
      value: formatMs(afterChange.changed[key]),
      ceiling: `${formatMs(afterChange.unchanged[key])} unchanged`,
      ratio: ratio(afterChange.changed[key], afterChange.unchanged[key]),
    });
  }
  let many = null;
  if (tokens.owners.length > 0) {
    const manyScenario = `4 inbox (${tokens.owners.length} users x ${ownerConversations} convs)`;
    // A server too slow to answer at this concurrency costs these rows, not the single-connection ones.
    try {
      many = await concurrentInboxes(server, tokens.owners, ownerConversations, seconds.concurrent);
      rows.push(...concurrentRows(manyScenario, tokens.owners.length, many.inboxes, many.me));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rows.push({ scenario: manyScenario, figure: 'failed', value: '-', ceiling: '-', ratio: null });
      notes.push(`${manyScenario}: failed: ${message}`);
    }
  }
  return {
    rows,
    details: { crowded, single, afterChange, firstPageItems: first.items.length, many },
    notes,
  };
}
