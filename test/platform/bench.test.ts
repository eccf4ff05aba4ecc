// Smoke test of the benchmark's pure modules (statistics, table, flags), so `npm run bench` cannot rot
// unnoticed; the benchmark itself measures and never runs in `npm test`.
import { describe, expect, it } from 'vitest';
import {
  CAPACITY_GROUP_SIZE,
  chatsFor,
  jitterMs,
  largestHeld,
  rampSteps,
  stepHeld,
  usersPerBusyCore,
  usersPerCore,
} from '../../bench/lib/capacity-plan.js';
import { machineCpuSeconds, processCpuSeconds } from '../../bench/lib/cpu-usage.js';
import { benchId } from '../../bench/lib/preload.js';
import { areaOf, ownerOf, summarizeProfile } from '../../bench/lib/profile.js';
import { renderReport, resultFileName } from '../../bench/lib/report.js';
import { parseSettings } from '../../bench/lib/settings.js';
import { meanOfRuns, median, percentile, ratio, summarize } from '../../bench/lib/stats.js';
import {
  formatBytes,
  formatMarkdownTable,
  formatMs,
  formatRatio,
  formatTable,
} from '../../bench/lib/table.js';

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles of sorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes unsorted samples without changing them', () => {
    const samples = [5, 1, 4, 2, 3];
    const summary = summarize(samples);
    expect(summary).toMatchObject({ count: 5, min: 1, p50: 3, max: 5, mean: 3 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
    expect(summarize([]).count).toBe(0);
  });

  it('takes two runs as one: figures averaged, counts added, extremes kept', () => {
    const early = summarize([10, 20, 30, 40]);
    const late = summarize([30, 50, 70, 90]);
    expect(meanOfRuns(early, late)).toEqual({
      count: 8,
      min: 10,
      mean: (25 + 60) / 2,
      p50: (20 + 50) / 2,
      p90: (40 + 90) / 2,
      p99: (40 + 90) / 2,
      max: 90,
    });
  });

  it('gives no ratio without a usable ceiling', () => {
    expect(ratio(50, 100)).toBe(0.5);
    expect(ratio(50, 0)).toBeNull();
    expect(ratio(50, null)).toBeNull();
    expect(ratio(Number.NaN, 10)).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('benchmark table', () => {
  const rows = [
    {
      scenario: '1 send throughput',
      figure: 'messages/s',
      value: '950/s',
      ceiling: '2000/s inserts',
      ratio: 0.5,
    },
    { scenario: '5 connections', figure: 'time to connect', value: '4.20 s', ceiling: '-', ratio: null },
  ];

  it('aligns every row under its header', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^scenario\s+figure\s+value\s+ceiling \/ baseline\s+ratio$/);
    expect(lines[2]).toContain('0.50x');
    expect(lines[3]!.endsWith('-')).toBe(true);
    // Right-aligned numbers: every line ends in the same column.
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('formats durations, sizes and ratios for people', () => {
    expect(formatMs(0.4567)).toBe('0.46 ms');
    expect(formatMs(123.45)).toBe('123.5 ms');
    expect(formatMs(2500)).toBe('2.50 s');
    expect(formatBytes(20 * 1024)).toBe('20.0 KB');
    expect(formatBytes(-512)).toBe('-512 B');
    expect(formatRatio(null)).toBe('-');
    expect(formatMarkdownTable(rows)).toContain(
      '| 1 send throughput | messages/s | 950/s | 2000/s inserts | 0.50x |',
    );
    expect(renderReport(['header'], rows, ['a note'])).toContain('- a note');
  });
});

describe('benchmark settings', () => {
  it('runs a small version with --quick and reads the database from the environment', () => {
    const quick = parseSettings(['--quick', '--only=1,3'], { BENCH_DATABASE_URL: 'postgres://x/y' });
    expect(quick.quick).toBe(true);
    expect([...quick.only]).toEqual([1, 3]);
    expect(quick.databaseUrl).toBe('postgres://x/y');
    expect(quick.historySize).toBe(100_000);
    const full = parseSettings([], {});
    expect(full.historySize).toBe(1_000_000);
    expect(full.sockets).toBe(10_000);
    expect([...full.only]).toContain(7);
    expect(full.capacitySendInterval).toEqual([10, 30]);
    expect(parseSettings(['--users=1600'], {}).capacityMaxUsers).toBe(1600);
    expect(full.backgroundRate).toBeNull();
    expect(parseSettings(['--background=120'], {}).backgroundRate).toBe(120);
    expect([...full.only]).toContain(9);
  });

  it('takes scenarios by name, after --only= or --only', () => {
    expect([...parseSettings(['--only', 'search'], {}).only]).toEqual([9]);
    expect([...parseSettings(['--quick', '--only=history,search'], {}).only]).toEqual([3, 9]);
    expect([...parseSettings(['--only', '3,cold-start', '--quick'], {}).only]).toEqual([3, 8]);
  });

  it('refuses unknown options and bad numbers', () => {
    expect(() => parseSettings(['--fast'], {})).toThrow(/unknown option/);
    expect(() => parseSettings(['--only=10'], {})).toThrow(/1 to 9/);
    expect(() => parseSettings(['--only=searching'], {})).toThrow(/names/);
    expect(() => parseSettings(['--sockets=-5'], {})).toThrow(/positive/);
  });

  it('names result files by timestamp and bulk rows by uuid-shaped ids', () => {
    expect(resultFileName(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03-04-05.678Z.json');
    expect(benchId('b0000001', 2, 255)).toBe('b0000001-0002-7000-8000-0000000000ff');
  });
});

describe('benchmark profile summary', () => {
  it('charges self time to packages and source folders, leaving idle time out', () => {
    expect(ownerOf('file:///app/node_modules/drizzle-orm/pg-core/session.js', 'execute')).toBe('drizzle-orm');
    expect(ownerOf('file:///app/node_modules/@fastify/websocket/index.js', 'x')).toBe('@fastify/websocket');
    expect(ownerOf('file:///app/dist/modules/messages/send.js', 'sendMessage')).toBe('src/modules/messages');
    expect(ownerOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(ownerOf('wasm://wasm/022a9842', 'wasm-function[1]')).toBe('wasm');
    const frame = (id: number, functionName: string, url: string) => ({
      id,
      callFrame: { functionName, url, lineNumber: 0 },
    });
    const summary = summarizeProfile({
      nodes: [frame(1, '(idle)', ''), frame(2, 'query', 'file:///app/node_modules/pg/lib/client.js')],
      samples: [1, 2, 2],
      timeDeltas: [1000, 30, 10],
    });
    expect(summary.byOwner).toEqual([{ name: 'pg', percent: 100 }]);
    expect(summary.byArea).toEqual([{ name: 'pg protocol', percent: 100 }]);
  });

  it('groups self time into the areas a hot-path change would target', () => {
    expect(areaOf('drizzle-orm', 'buildQueryFromSourceParams')).toBe('Drizzle query building');
    expect(areaOf('(native)', 'stringify')).toBe('JSON');
    expect(areaOf('pg-protocol', 'parse')).toBe('pg protocol');
    expect(areaOf('(native)', 'writev')).toBe('socket I/O (writev, reads)');
    expect(areaOf('@fastify/swagger', 'x')).toBe('Fastify');
    expect(areaOf('(garbage collector)', '(garbage collector)')).toBe('GC');
    expect(areaOf('src/modules/messages', 'sendMessage')).toBe('server code (src/)');
    expect(areaOf('left-pad', 'pad')).toBe('other');
    expect(areaOf('node internals', 'normalizeAlgorithm', 'node:internal/crypto/util')).toBe('JWT');
  });
});

describe('capacity ramp', () => {
  const members = (chats: ReturnType<typeof chatsFor>, user: number) =>
    chats.filter((chat) => chat.members.includes(user));

  it('gives each user a few direct chats and two groups, among existing users only', () => {
    const chats = chatsFor(100);
    const directs = chats.filter((chat) => chat.type === 'direct');
    const groups = chats.filter((chat) => chat.type === 'group');
    expect(chats.every((chat) => chat.members.every((m) => m >= 0 && m < 100))).toBe(true);
    expect(groups.every((group) => group.members.length === CAPACITY_GROUP_SIZE)).toBe(true);
    expect(members(directs, 50)).toHaveLength(4);
    expect(members(groups, 50)).toHaveLength(2);
    // No direct chat twice, no one in a chat with themselves.
    const keys = directs.map((chat) => [...chat.members].sort((a, b) => a - b).join(':'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(directs.every((chat) => chat.members[0] !== chat.members[1])).toBe(true);
  });

  it('adds only the new users chats at each step, so the ramp never duplicates one', () => {
    const step = [...chatsFor(100), ...chatsFor(200, 100)];
    const key = (chat: { type: string; members: number[] }) => `${chat.type}:${chat.members.join(',')}`;
    expect(step.map(key).sort()).toEqual(chatsFor(200).map(key).sort());
    expect(chatsFor(200, 100).every((chat) => chat.members.some((m) => m >= 100))).toBe(true);
  });

  it('doubles the user count while there are users and steps left', () => {
    expect(rampSteps(100, 1000, 10)).toEqual([100, 200, 400, 800]);
    expect(rampSteps(100, 6400, 3)).toEqual([100, 200, 400]);
    expect(rampSteps(100, 50, 10)).toEqual([]);
  });

  it('takes the largest count held before the first failure, per core', () => {
    const step = (users: number, p99: number, errors = 0, deliveries = 100) => ({
      users,
      deliveries,
      p50: p99 / 2,
      p99,
      errors,
    });
    expect(stepHeld(step(100, 99.9), 100)).toBe(true);
    expect(stepHeld(step(100, 100), 100)).toBe(false);
    expect(stepHeld(step(100, 20, 1), 100)).toBe(false);
    expect(stepHeld(step(100, 20, 0, 0), 100)).toBe(false);
    const steps = [step(100, 20), step(200, 40), step(400, 150), step(800, 60)];
    expect(largestHeld(steps, 100)?.users).toBe(200);
    expect(largestHeld([step(100, 150)], 100)).toBeNull();
    expect(usersPerCore(800, 1)).toBe(800);
    expect(usersPerCore(800, 2)).toBe(400);
    expect(usersPerCore(800, 0.3)).toBe(800);
    // The CPU projection: 100 users costing a fifth of a core would fill one at 500.
    expect(usersPerBusyCore(100, 0.2)).toBe(500);
    expect(usersPerBusyCore(100, 0)).toBeNull();
    expect(usersPerBusyCore(100, null)).toBeNull();
  });

  it('jitters waits within their bounds', () => {
    expect(jitterMs(10, 30, () => 0)).toBe(10_000);
    expect(jitterMs(10, 30, () => 0.5)).toBe(20_000);
    expect(jitterMs(10, 30, () => 0.999)).toBeLessThanOrEqual(30_000);
  });
});

describe('CPU accounting', () => {
  it('reads a process CPU time even when its name has spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0';
    expect(processCpuSeconds(stat)).toBe(3);
  });

  it('counts idle and iowait as not busy in the machine total', () => {
    const procStat = 'cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n';
    expect(machineCpuSeconds(procStat)).toEqual({ busy: 1.5, total: 10 });
  });
});
