/**
 * Readable text for `cnnspec shape`: the output shape, the parameters, and per spatial axis the
 * quantities that decide the output size, followed by the formulas that were applied.
 */
import { formulaText, FORMULAS, type FormulaId } from '../spec/formulas.js';
import type { LayerPlan } from '../shape/planLayer.js';

const thousands = (value: number): string => value.toLocaleString('en-US');
const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Formulas behind a layer's output size, in the order they were applied. */
export function formulasApplied(plan: LayerPlan): FormulaId[] {
  const ids: FormulaId[] = [];
  if (plan.spatial.kind === 'window') {
    const { window } = plan.spatial;
    ids.push('effective-kernel');
    if (window.paddingMode === 'same-upper' || window.paddingMode === 'same-lower') {
      ids.push('same.output-size', 'same.total', `${window.paddingMode}.begin`, `${window.paddingMode}.end`, 'output-size.floor');
    } else if (window.ceilMode) {
      ids.push('output-size.ceil', 'last-window-rule');
    } else {
      ids.push('output-size.floor');
    }
  }
  const type = plan.layer.type;
  if (type === 'conv') ids.push('params.conv');
  if (type === 'depthwise-conv') ids.push('params.depthwise');
  if (type === 'separable-conv') ids.push('params.separable');
  if (type === 'dense') ids.push('params.dense');
  return ids;
}

export function formatShapeReport(plan: LayerPlan, layout: string, convention: string): string {
  const lines = [
    `${plan.layer.type} on ${shapeText(plan.inputShape)} (${layout}), convention ${convention}`,
    `output shape  ${shapeText(plan.outputShape)}`,
    `parameters    ${thousands(plan.params.total)} (weights ${thousands(plan.params.weights)}, biases ${thousands(plan.params.biases)})`,
  ];
  if (plan.weightShapes.length > 0) {
    lines.push(`tensors       ${plan.weightShapes.map((w) => `${w.name} ${shapeText(w.shape)}`).join(', ')}`);
  }
  if (plan.spatial.kind === 'window') {
    const w = plan.spatial.window;
    const header = ['axis', 'n', 'k', 'd', 's', 'effK', 'pad begin', 'pad end', 'out'];
    const rows = w.input.map((n, a) =>
      [a, n, w.kernel[a], w.dilations[a], w.strides[a], w.effectiveKernel[a], w.padBegin[a], w.padEnd[a], w.output[a]].map(String),
    );
    const widths = header.map((title, c) => Math.max(title.length, ...rows.map((r) => r[c]!.length)));
    const line = (cells: string[]): string =>
      cells
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd();
    lines.push('', line(header), ...rows.map(line));
    lines.push(`padding ${w.paddingMode}${w.ceilMode ? ', ceil mode' : ''}`);
  }
  const ids = formulasApplied(plan);
  if (ids.length > 0) {
    lines.push('');
    const width = Math.max(...ids.map((id) => formulaText(id).length));
    for (const id of ids) lines.push(`${formulaText(id).padEnd(width)}   [spec: ${FORMULAS[id].clause}]`);
  }
  return lines.join('\n');
}
