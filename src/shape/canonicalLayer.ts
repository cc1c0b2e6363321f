/**
 * A layer of a model file in the spelling of the layer types (LayerSpec), from the spellings the
 * command line accepts for the same things: `stride` and `dilation` as well as `strides` and
 * `dilations`, the flag names `ceil-mode`, `count-include-pad`, `keep-dims`, `depth-multiplier`,
 * `pad-begin` and `pad-end`, and `"padding": "same"`, which is `same-upper` as in every framework
 * that has it (spec: padding.same-upper). A field given in two spellings is an error, never a
 * silent choice of one.
 *
 * @see spec:shape.layers
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { isPlainRecord } from '../spec/paramChecks.js';

/** Other spellings of a field, each the name of a `cnnspec shape` flag or its singular. */
export const FIELD_ALIASES: Readonly<Record<string, string>> = {
  stride: 'strides',
  dilation: 'dilations',
  'depth-multiplier': 'depthMultiplier',
  'ceil-mode': 'ceilMode',
  'count-include-pad': 'countIncludePad',
  'keep-dims': 'keepDims',
};

/** Explicit pads in the command line's two flags, one record field in a layer. */
const PAD_FIELDS = ['pad-begin', 'pad-end'] as const;

export interface CanonicalLayer {
  /** The layer with canonical field names; anything not a record is passed on unchanged, for planLayer to reject. */
  layer: unknown;
  /** For each canonical field given in another spelling, the spelling used, to name it in errors. */
  written: Record<string, string>;
}

export function canonicalLayer(layer: unknown): CanonicalLayer {
  if (!isPlainRecord(layer)) return { layer, written: {} };
  const op = typeof layer.type === 'string' ? layer.type : 'layer';
  const both = (given: string, canonical: string): CnnSpecError =>
    new CnnSpecError({
      code: 'E_PARAM_FIELD',
      op,
      clause: 'shape.layers',
      parameter: given,
      value: layer[given],
      rule: `not be set together with "${canonical}": both name the same field`,
    });
  const record: Record<string, unknown> = {};
  const written: Record<string, string> = {};
  for (const [key, value] of Object.entries(layer)) {
    if ((PAD_FIELDS as readonly string[]).includes(key)) continue;
    const canonical = Object.hasOwn(FIELD_ALIASES, key) ? FIELD_ALIASES[key]! : undefined;
    if (canonical === undefined) {
      record[key] = value;
      continue;
    }
    if (Object.hasOwn(layer, canonical)) throw both(key, canonical);
    record[canonical] = value;
    written[canonical] = key;
  }
  const padGiven = PAD_FIELDS.filter((field) => Object.hasOwn(layer, field));
  if (padGiven.length > 0) {
    if (Object.hasOwn(layer, 'padding')) throw both(padGiven[0]!, 'padding');
    // As the command line does: a side left out has no pads.
    record.padding = { begin: layer['pad-begin'] ?? 0, end: layer['pad-end'] ?? 0 };
    written.padding = padGiven.join(' and ');
  }
  if (record.padding === 'same') record.padding = 'same-upper';
  return { layer: record, written };
}
