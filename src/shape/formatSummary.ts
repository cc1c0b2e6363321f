/**
 * A model summary as a plain-text table, like the one Keras's `model.summary()` prints.
 */
import { checkSummary } from './checkSummary.js';
import type { Summary } from './summary.js';

const thousands = (value: number): string => value.toLocaleString('en-US');
const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** The summary as a plain-text table. */
export function formatSummary(s: Summary): string {
  checkSummary(s);
  const header = ['Layer (type)', 'Output shape', 'Params', 'Receptive field', 'Jump', 'Start'];
  const body = s.rows.map((row) => [
    `${row.name} (${row.type})`,
    shapeText(row.outputShape),
    thousands(row.params.total),
    row.receptiveField.size.join('x') || '-',
    row.receptiveField.jump.every((j) => j === null) ? '-' : row.receptiveField.jump.map((j) => j ?? '-').join('x'),
    row.receptiveField.start.join(',') || '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const numeric = [false, false, true, false, false, false];
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1));
  return [
    `Model: input ${shapeText(s.input)} (${s.layout}), convention ${s.convention}`,
    rule,
    line(header),
    rule,
    ...body.map(line),
    rule,
    `Total params: ${thousands(s.totals.total)} (weights ${thousands(s.totals.weights)}, biases ${thousands(s.totals.biases)})`,
  ].join('\n');
}
