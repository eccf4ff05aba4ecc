// Pure formatting of the results table and its numbers: what the user reads at the end of a run.

export interface TableRow {
  scenario: string;
  figure: string;
  value: string;
  ceiling: string;
  /** value relative to its ceiling or baseline; null when the row has none. */
  ratio: number | null;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatRate(perSecond: number, unit = '/s'): string {
  if (!Number.isFinite(perSecond)) return 'n/a';
  if (perSecond >= 10_000) return `${Math.round(perSecond).toLocaleString('en-US')}${unit}`;
  return `${perSecond.toFixed(perSecond >= 100 ? 0 : 1)}${unit}`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  const sign = bytes < 0 ? '-' : '';
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${sign}${abs.toFixed(0)} B`;
  if (abs < 1024 * 1024) return `${sign}${(abs / 1024).toFixed(1)} KB`;
  return `${sign}${(abs / 1024 / 1024).toFixed(1)} MB`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatRatio(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '-';
  return value >= 100 ? `${value.toFixed(0)}x` : `${value.toFixed(2)}x`;
}

/** A plain-text table with a header rule, columns padded to their widest cell. */
export function formatTable(rows: readonly TableRow[]): string {
  const header = ['scenario', 'figure', 'value', 'ceiling / baseline', 'ratio'];
  const cells = rows.map((row) => [row.scenario, row.figure, row.value, row.ceiling, formatRatio(row.ratio)]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const render = (line: string[]) =>
    line
      .map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(header), rule, ...cells.map(render)].join('\n');
}

/** The same rows as a Markdown table, for bench/README.md. */
export function formatMarkdownTable(rows: readonly TableRow[]): string {
  const lines = ['| scenario | figure | value | ceiling / baseline | ratio |', '|---|---|--:|--:|--:|'];
  for (const row of rows) {
    lines.push(
      `| ${row.scenario} | ${row.figure} | ${row.value} | ${row.ceiling} | ${formatRatio(row.ratio)} |`,
    );
  }
  return lines.join('\n');
}
