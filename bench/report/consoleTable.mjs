import { formatRatio, formatSummary, formatTarget } from './format.mjs';

/**
 * The results as plain-text tables, one per scenario table.
 * @param {import('./results.mjs').BenchResults} results
 * @returns {string}
 */
export function consoleTables(results) {
  const lines = [];
  for (const scenario of results.scenarios) {
    lines.push('', `${scenario.title}`);
    if (scenario.outcome === null) {
      lines.push(`  skipped: ${scenario.skipReason}`);
      continue;
    }
    for (const table of scenario.outcome.tables) {
      const header = ['what', 'figure', table.base, table.subject, 'ratio', 'target'];
      const body = table.rows.map((row) => [
        row.group,
        row.figure,
        formatSummary(row.base, row.unit),
        formatSummary(row.subject, row.unit),
        formatRatio(row),
        formatTarget(row),
      ]);
      lines.push(...align([header, ...body]).map((line) => `  ${line}`));
    }
  }
  return lines.join('\n');
}

/** @param {string[][]} rows */
function align(rows) {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
