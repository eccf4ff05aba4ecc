// The end of a run: the table on stdout and the whole record in bench/results/<ISO timestamp>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatTable, type TableRow } from './table.js';

/** A file name from an ISO timestamp: colons are not welcome in file names on every system. */
export function resultFileName(startedAt: Date): string {
  return `${startedAt.toISOString().replaceAll(':', '-')}.json`;
}

export function writeResults(dir: string, startedAt: Date, record: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, resultFileName(startedAt));
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

export function renderReport(header: string[], rows: TableRow[], notes: string[]): string {
  const lines = ['', ...header, '', formatTable(rows)];
  if (notes.length > 0) lines.push('', 'Notes:', ...notes.map((note) => `- ${note}`));
  lines.push(
    '',
    'ratio = value / ceiling (or baseline). Throughput: higher is better; latency and memory: lower is better.',
  );
  return lines.join('\n');
}
