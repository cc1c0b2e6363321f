/**
 * The legend of a diverging scale: a bar from -limit through 0 to +limit in steps, labelled at
 * both ends and the middle, as inline SVG with an accessible title.
 */
import type { DivergingScale } from './divergingScale.js';
import { escapeHtml } from './escapeHtml.js';
import { formatCellValue } from './formatCellValue.js';

const STEPS = 11;
const STEP_WIDTH = 16;

export function scaleLegendSvg(scale: DivergingScale, caption: string): string {
  const width = STEPS * STEP_WIDTH + 40;
  const steps = Array.from({ length: STEPS }, (_, i) => {
    const value = scale.limit * ((2 * i) / (STEPS - 1) - 1);
    return `<rect x="${20 + i * STEP_WIDTH}" y="2" width="${STEP_WIDTH}" height="12" fill="${scale.colour(value)}" stroke="#777" stroke-width="0.5"/>`;
  });
  const label = (value: number, at: number): string =>
    `<text x="${at}" y="27" text-anchor="middle">${escapeHtml(formatCellValue(value))}</text>`;
  const title = `${caption}: colour scale from ${-scale.limit} (blue) through 0 (white) to ${scale.limit} (orange)`;
  return (
    `<svg class="legend" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="30" viewBox="0 0 ${width} 30" font-size="10">` +
    `<title>${escapeHtml(title)}</title>${steps.join('')}` +
    `${label(-scale.limit, 20)}${label(0, 20 + (STEPS * STEP_WIDTH) / 2)}${label(scale.limit, 20 + STEPS * STEP_WIDTH)}</svg>`
  );
}
