// Pure statistics for latency samples: percentiles and a compact summary. No I/O, so it is unit-tested.

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    mean: sorted.length ? total / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Two runs of the same measurement as one: each figure the mean of the two runs' (counts added; min and
 * max the extremes). For runs taken in a balanced order (A B B A), so drift over time falls on both sides.
 */
export function meanOfRuns(a: Summary, b: Summary): Summary {
  const mean = (key: 'mean' | 'p50' | 'p90' | 'p99') => (a[key] + b[key]) / 2;
  return {
    count: a.count + b.count,
    min: Math.min(a.min, b.min),
    mean: mean('mean'),
    p50: mean('p50'),
    p90: mean('p90'),
    p99: mean('p99'),
    max: Math.max(a.max, b.max),
  };
}

/** value / ceiling, or null when either side is missing or the ceiling is zero. */
export function ratio(value: number | null | undefined, ceiling: number | null | undefined): number | null {
  if (value == null || ceiling == null || !Number.isFinite(value) || !Number.isFinite(ceiling)) return null;
  if (ceiling === 0) return null;
  return value / ceiling;
}

/** Median of a few readings (e.g. memory gauges sampled several times). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}
