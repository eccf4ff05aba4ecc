// Command-line flags and environment of `npm run bench`, turned into the sizes and durations of a run.

export interface Settings {
  quick: boolean;
  /** Scenario numbers to run (1 to 9). */
  only: Set<number>;
  cpuProfile: boolean;
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Rebuild dist/ even when it looks up to date. */
  rebuild: boolean;
  sendSeconds: number;
  ceilingSeconds: number;
  senders: number;
  groupSize: number;
  deliverySeconds: number;
  /** Scenario 2: probes before the measured ones, not counted (each run's servers warm up first). */
  deliveryWarmUpSeconds: number;
  probesPerSecond: number;
  /** Background messages/s during delivery; null: a quarter of scenario 1's throughput (at least 20). */
  backgroundRate: number | null;
  /** Messages in the long history. */
  historySize: number;
  smallHistorySize: number;
  pageSeconds: number;
  /** Seconds of load per search (and per reference history page) in scenario 9. */
  searchSeconds: number;
  inboxConversations: number;
  inboxSeconds: number;
  /** Users in `inboxOwnerConversations` chats each, asking for their inbox at once, a connection each. */
  inboxOwners: number;
  inboxOwnerConversations: number;
  /** Longer than inboxSeconds: at many connections a slow server answers few requests per second. */
  inboxConcurrentSeconds: number;
  sockets: number;
  overheadSeconds: number;
  overheadConnections: number;
  /** The capacity ramp: from this many users, doubling up to at most `capacityMaxUsers`. */
  capacityFirstStep: number;
  capacityMaxUsers: number;
  capacityStepSeconds: number;
  capacityMaxSeconds: number;
  /** Seconds between one user's messages, and from receiving to reading: uniform in [min, max]. */
  capacitySendInterval: [number, number];
  capacityReadDelay: [number, number];
}

export const USAGE = `npm run bench [-- options]

  --quick           a small version of every scenario (about 2 minutes on 2 busy cores)
  --only=1,3        run only these scenarios, by number or name (1 send, 2 delivery, 3 history,
                    4 inbox, 5 connections, 6 overhead, 7 capacity, 8 cold-start, 9 search);
                    --only search works too
  --history=N       messages in the long history (default 1,000,000; quick 100,000)
  --sockets=N       idle sockets in the connections scenario (default 10,000; quick 1,000)
  --users=N         most users in the capacity ramp (default 6,400; quick 64)
  --background=N    background messages/s during delivery (default: a quarter of scenario 1's
                    throughput, at least 20; 20 when scenario 1 does not run)
  --cpu-prof        write a V8 CPU profile of the server to bench/results/ when it stops
  --rebuild         run npm run build even when dist/ looks up to date

  BENCH_DATABASE_URL  PostgreSQL to run against (a temp database is created on it and dropped);
                      unset: the embedded PostgreSQL in a temp folder
  BENCH_REDIS_URL     Redis for the two-process delivery run (default redis://127.0.0.1:6379 when reachable)`;

/** Scenario names, for --only (numbers work too). */
export const SCENARIO_NAMES: Record<string, number> = {
  send: 1,
  delivery: 2,
  history: 3,
  inbox: 4,
  connections: 5,
  overhead: 6,
  capacity: 7,
  'cold-start': 8,
  search: 9,
};
const SCENARIO_COUNT = 9;

/** `--only=a,b` or `--only a,b`: scenario numbers or names. */
function parseOnly(args: string[]): Set<number> {
  const at = args.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return new Set(Array.from({ length: SCENARIO_COUNT }, (_, i) => i + 1));
  const value = args[at] === '--only' ? (args[at + 1] ?? '') : args[at]!.slice('--only='.length);
  const only = new Set<number>();
  for (const item of value.split(',').map((n) => n.trim())) {
    const n = SCENARIO_NAMES[item] ?? Number(item);
    if (!Number.isInteger(n) || n < 1 || n > SCENARIO_COUNT) {
      throw new Error(
        `--only takes numbers 1 to ${SCENARIO_COUNT} or names (${Object.keys(SCENARIO_NAMES).join(', ')})`,
      );
    }
    only.add(n);
  }
  return only;
}

function numberFlag(args: string[], name: string): number | null {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return null;
  const value = Number(arg.slice(name.length + 3).replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

export function parseSettings(args: string[], env: Record<string, string | undefined>): Settings {
  const known = [
    '--help',
    '--quick',
    '--cpu-prof',
    '--rebuild',
    '--only=',
    '--history=',
    '--sockets=',
    '--users=',
    '--background=',
  ];
  // The value after a bare --only is its argument, not an option.
  const onlyValue = args.indexOf('--only') + 1;
  const unknown = args.filter(
    (a, i) =>
      !(onlyValue > 0 && i === onlyValue) &&
      a !== '--only' &&
      !known.some((k) => (k.endsWith('=') ? a.startsWith(k) : a === k)),
  );
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')}\n\n${USAGE}`);
  const quick = args.includes('--quick');
  const only = parseOnly(args);
  return {
    quick,
    only,
    cpuProfile: args.includes('--cpu-prof'),
    rebuild: args.includes('--rebuild'),
    databaseUrl: env.BENCH_DATABASE_URL || null,
    redisUrl: env.BENCH_REDIS_URL || null,
    sendSeconds: quick ? 4 : 12,
    ceilingSeconds: quick ? 3 : 8,
    senders: 64,
    groupSize: 100,
    deliverySeconds: quick ? 4 : 12,
    deliveryWarmUpSeconds: quick ? 1 : 3,
    probesPerSecond: 10,
    backgroundRate: numberFlag(args, 'background'),
    historySize: numberFlag(args, 'history') ?? (quick ? 100_000 : 1_000_000),
    smallHistorySize: 1_000,
    pageSeconds: quick ? 1 : 3,
    searchSeconds: quick ? 2 : 5,
    inboxConversations: 1_000,
    inboxSeconds: quick ? 2 : 5,
    inboxOwners: 64,
    inboxOwnerConversations: 50,
    inboxConcurrentSeconds: quick ? 4 : 8,
    sockets: numberFlag(args, 'sockets') ?? (quick ? 1_000 : 10_000),
    overheadSeconds: quick ? 3 : 6,
    overheadConnections: 64,
    capacityFirstStep: quick ? 16 : 100,
    capacityMaxUsers: numberFlag(args, 'users') ?? (quick ? 64 : 6_400),
    capacityStepSeconds: quick ? 5 : 30,
    capacityMaxSeconds: quick ? 60 : 480,
    // Quick mode sends faster so a few seconds still give samples; the full run keeps a chat's pace.
    capacitySendInterval: quick ? [1, 3] : [10, 30],
    capacityReadDelay: quick ? [0.5, 1.5] : [1, 5],
  };
}
