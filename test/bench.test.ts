// Smoke test of the benchmark's pure modules (statistics, table, flags), so `npm run bench` cannot rot
// unnoticed; the benchmark itself measures and never runs in `npm test`.
import { describe, expect, it } from 'vitest';
import { benchId } from '../bench/lib/preload.js';
import { ownerOf, summarizeProfile } from '../bench/lib/profile.js';
import { renderReport, resultFileName } from '../bench/lib/report.js';
import { parseSettings } from '../bench/lib/settings.js';
import { median, percentile, ratio, summarize } from '../bench/lib/stats.js';
import { formatBytes, formatMarkdownTable, formatMs, formatRatio, formatTable } from '../bench/lib/table.js';

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
  });

  it('refuses unknown options and bad numbers', () => {
    expect(() => parseSettings(['--fast'], {})).toThrow(/unknown option/);
    expect(() => parseSettings(['--only=7'], {})).toThrow(/1 to 6/);
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
    expect(ownerOf('wasm://wasm/022a9842', 'wasm-function[1]')).toBe('wasm (PGlite)');
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
  });
});
