// What every scenario returns: rows for the printed table, and the raw figures for the JSON file.
import type { TableRow } from '../lib/table.js';

export interface ScenarioOutcome {
  rows: TableRow[];
  details: Record<string, unknown>;
  /** Caveats worth reading next to the numbers (reduced sizes, skipped parts, failures). */
  notes: string[];
}

export function skipped(scenario: string, reason: string): ScenarioOutcome {
  return {
    rows: [{ scenario, figure: 'skipped', value: '-', ceiling: '-', ratio: null }],
    details: { skipped: reason },
    notes: [`${scenario}: skipped: ${reason}`],
  };
}
