/**
 * Checks a record given to formatSummary: it must have the structure summary() returns, so that
 * a record built or edited by hand is rejected with the field that is wrong instead of printing
 * `undefined` or crashing half-way through the table.
 *
 * @see spec:error.typed
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { checkInteger, checkKnownFields, type CheckContext } from '../spec/paramChecks.js';
import type { Summary } from './summary.js';
import { checkShape } from '../tensor/tensor.js';

const OP = 'formatSummary';
const LAYERS: CheckContext = { op: OP, clause: 'shape.layers' };
const FIELD: CheckContext = { op: OP, clause: 'rf.stack' };

function checkString(parameter: string, value: unknown): void {
  if (typeof value !== 'string') {
    throw new CnnSpecError({ code: 'E_PARAM_RANGE', op: OP, clause: 'shape.layers', parameter, value, rule: 'be a string' });
  }
}

function checkList(ctx: CheckContext, parameter: string, value: unknown, entry: (parameter: string, value: unknown) => void): void {
  if (!Array.isArray(value)) {
    throw new CnnSpecError({
      code: value === undefined ? 'E_PARAM_FIELD' : 'E_PARAM_RANGE',
      ...ctx,
      parameter,
      value,
      rule: 'be an array',
    });
  }
  for (let index = 0; index < value.length; index++) entry(`${parameter}[${index}]`, value[index]);
}

function checkCount(parameter: string, value: unknown): void {
  const record = checkKnownFields(LAYERS, parameter, value, ['total', 'weights', 'biases']);
  for (const key of ['total', 'weights', 'biases'] as const) {
    const count: unknown = record[key];
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new CnnSpecError({
        code: count === undefined ? 'E_PARAM_FIELD' : 'E_PARAM_RANGE',
        ...LAYERS,
        parameter: `${parameter}.${key}`,
        value: count,
        rule: 'be an integer >= 0 and <= 2^53 - 1',
      });
    }
  }
}

/** After a transposed convolution, size, jump and start may be fractions of a pixel (spec: rf.transpose). */
function checkPixels(min: number, rule: string) {
  return (parameter: string, value: unknown): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      throw new CnnSpecError({ code: 'E_PARAM_RANGE', ...FIELD, parameter, value, rule });
    }
  };
}

function checkReceptiveField(parameter: string, value: unknown): void {
  const record = checkKnownFields(FIELD, parameter, value, ['size', 'jump', 'start', 'center', 'consumed']);
  checkList(FIELD, `${parameter}.size`, record.size, checkPixels(1, 'be a number >= 1 and <= 2^53 - 1'));
  checkList(FIELD, `${parameter}.jump`, record.jump, (p, v) => {
    if (v !== null && (typeof v !== 'number' || !(v > 0))) {
      throw new CnnSpecError({ code: 'E_PARAM_RANGE', ...FIELD, parameter: p, value: v, rule: 'be a number > 0 and <= 2^53 - 1, or null' });
    }
    if (v !== null) checkPixels(0, 'be a number > 0 and <= 2^53 - 1, or null')(p, v);
  });
  checkList(FIELD, `${parameter}.start`, record.start, checkPixels(-Infinity, 'be a number within ±(2^53 - 1)'));
  checkList(FIELD, `${parameter}.center`, record.center, (p, v) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new CnnSpecError({ code: 'E_PARAM_RANGE', ...FIELD, parameter: p, value: v, rule: 'be a finite number' });
  });
  checkList(FIELD, `${parameter}.consumed`, record.consumed, (p, v) => {
    if (typeof v !== 'boolean')
      throw new CnnSpecError({ code: 'E_PARAM_RANGE', ...FIELD, parameter: p, value: v, rule: 'be true or false' });
  });
}

function checkRow(parameter: string, value: unknown): void {
  const row = checkKnownFields(LAYERS, parameter, value, [
    'index',
    'name',
    'type',
    'outputShape',
    'params',
    'weightShapes',
    'receptiveField',
  ]);
  checkInteger(LAYERS, `${parameter}.index`, row.index, 0);
  checkString(`${parameter}.name`, row.name);
  checkString(`${parameter}.type`, row.type);
  checkShape(OP, `${parameter}.outputShape`, row.outputShape, undefined, 0);
  checkCount(`${parameter}.params`, row.params);
  checkList(LAYERS, `${parameter}.weightShapes`, row.weightShapes, (p, v) => {
    const weight = checkKnownFields(LAYERS, p, v, ['name', 'shape']);
    checkString(`${p}.name`, weight.name);
    checkShape(OP, `${p}.shape`, weight.shape);
  });
  checkReceptiveField(`${parameter}.receptiveField`, row.receptiveField);
}

export function checkSummary(value: unknown): Summary {
  const record = checkKnownFields(LAYERS, 'summary', value, ['input', 'layout', 'convention', 'rows', 'totals']);
  checkShape(OP, 'summary.input', record.input, { min: 1, max: Infinity });
  checkString('summary.layout', record.layout);
  checkString('summary.convention', record.convention);
  checkList(LAYERS, 'summary.rows', record.rows, checkRow);
  checkCount('summary.totals', record.totals);
  return value as Summary;
}
