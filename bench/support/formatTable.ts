/**
 * A plain-text table with aligned columns: numbers (and ratios like `1.23x`) right-aligned,
 * everything else left-aligned.
 */
const NUMERIC = /^[-+]?[\d,.]+( ?(%|x|ms|s|M\/s|G\/s))?$/;

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = header.map(
    (_, column) => rows.length > 0 && rows.every((row) => NUMERIC.test(row[column] ?? '') || (row[column] ?? '') === '-'),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
