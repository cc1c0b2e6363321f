/**
 * The parameter tables of the ops (src/ops/<op>/<op>Parameters.ts) list every field of each op's
 * parameter record, cite clauses that exist, and give the defaults the plan functions apply under
 * every named convention.
 */
import { describe, expect, it } from 'vitest';
import { CONV_PARAMETERS } from '../../src/ops/conv/convParameters.js';
import { CONV_PARAM_FIELDS, planConv } from '../../src/ops/conv/planConv.js';
import { CONV_TRANSPOSE_PARAMETERS } from '../../src/ops/conv-transpose/convTransposeParameters.js';
import { CONV_TRANSPOSE_PARAM_FIELDS, planConvTranspose } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { DENSE_PARAMETERS } from '../../src/ops/dense/denseParameters.js';
import { DENSE_PARAM_FIELDS, planDense } from '../../src/ops/dense/planDense.js';
import { GLOBAL_POOL_PARAMETERS } from '../../src/ops/global-pool/globalPoolParameters.js';
import { GLOBAL_POOL_PARAM_FIELDS, planGlobalPool } from '../../src/ops/global-pool/planGlobalPool.js';
import { PAD_PARAM_FIELDS, planPad } from '../../src/ops/pad/pad.js';
import { PAD_PARAMETERS } from '../../src/ops/pad/padParameters.js';
import type { ParameterRow } from '../../src/ops/ParameterRow.js';
import { planPool, POOL_PARAM_FIELDS } from '../../src/ops/pool/planPool.js';
import { POOL_PARAMETERS } from '../../src/ops/pool/poolParameters.js';
import { PER_AXIS_TYPE } from '../../src/ops/sharedParameterRows.js';
import { clauseById } from '../../src/spec/clauseRegistry.js';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { CONVENTION_NAMES } from '../../src/spec/conventions.js';

type Params = Record<string, unknown>;

interface OpTable {
  op: string;
  rows: readonly ParameterRow[];
  fields: readonly string[];
  /** A valid call's parameters under every convention, the required ones included. */
  base: Params;
  /** Plans the call and reads back the value each parameter resolved to. */
  resolve(params: Params): Params;
}

// Shapes that read the same in either layout and kernel layout: 2 channels, 2x2 spatial, 2x2 kernel.
const TABLES: OpTable[] = [
  {
    op: 'conv',
    rows: CONV_PARAMETERS,
    fields: CONV_PARAM_FIELDS,
    base: {},
    resolve(params) {
      const plan = planConv(params as never, [1, 2, 2, 2], [2, 2, 2, 2]);
      return {
        strides: plan.window.strides,
        dilations: plan.window.dilations,
        padding: plan.window.paddingMode,
        fill: plan.fill,
        groups: plan.groups,
        layout: plan.layout,
        kernelLayout: plan.kernelLayout,
        convention: plan.convention.name,
      };
    },
  },
  {
    op: 'pool',
    rows: POOL_PARAMETERS,
    fields: POOL_PARAM_FIELDS,
    base: { kind: 'avg', kernel: 2, strides: 2 },
    resolve(params) {
      const plan = planPool(params as never, [1, 4, 4, 4]);
      return {
        kind: plan.kind,
        kernel: plan.window.kernel,
        strides: plan.window.strides,
        dilations: plan.window.dilations,
        padding: plan.window.paddingMode,
        ceilMode: plan.window.ceilMode,
        countIncludePad: plan.countIncludePad,
        layout: plan.layout,
        convention: plan.convention.name,
      };
    },
  },
  {
    op: 'global-pool',
    rows: GLOBAL_POOL_PARAMETERS,
    fields: GLOBAL_POOL_PARAM_FIELDS,
    base: { kind: 'avg' },
    resolve(params) {
      const plan = planGlobalPool(params as never, [1, 3, 3, 3]);
      return { kind: plan.pool.kind, keepDims: plan.keepDims, layout: plan.pool.layout, convention: plan.pool.convention.name };
    },
  },
  {
    op: 'dense',
    rows: DENSE_PARAMETERS,
    fields: DENSE_PARAM_FIELDS,
    base: {},
    resolve(params) {
      const plan = planDense(params as never, [2, 3], [3, 3]);
      return { weightLayout: plan.weightLayout, convention: plan.convention.name };
    },
  },
  {
    op: 'pad',
    rows: PAD_PARAMETERS,
    fields: PAD_PARAM_FIELDS,
    base: { padding: { begin: 1, end: 1 } },
    resolve(params) {
      const plan = planPad(params as never, [1, 2, 3, 3]);
      return {
        padding: { begin: plan.padBegin, end: plan.padEnd },
        fill: plan.fill,
        layout: plan.layout,
        convention: plan.convention.name,
      };
    },
  },
  {
    op: 'conv-transpose',
    rows: CONV_TRANSPOSE_PARAMETERS,
    fields: CONV_TRANSPOSE_PARAM_FIELDS,
    base: {},
    resolve(params) {
      const plan = planConvTranspose(params as never, [1, 2, 2, 2], [2, 2, 2, 2]);
      return {
        strides: plan.strides,
        dilations: plan.dilations,
        padding: plan.paddingMode,
        outputPadding: plan.outputPadding,
        outputShape: plan.requestedOutput,
        groups: plan.groups,
        layout: plan.layout,
        kernelLayout: plan.kernelLayout,
        convention: plan.convention.name,
      };
    },
  },
];

function without(params: Params, name: string): Params {
  const rest = { ...params };
  delete rest[name];
  return rest;
}

/** The error a call throws, or undefined. */
function thrown(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe.each(TABLES)('the parameter table of $op', (table) => {
  it('lists every field of the parameter record, in order', () => {
    expect(table.rows.map((row) => row.name)).toEqual([...table.fields]);
  });

  it('gives every per-axis parameter as the array an adapter receives', () => {
    for (const row of table.rows.filter((candidate) => candidate.type === PER_AXIS_TYPE))
      expect(row.adapterType, row.name).toBe('number[]');
  });

  it('cites active clauses', () => {
    for (const row of table.rows) expect(clauseById(row.clause)?.status, `${row.name}: ${row.clause}`).toBe('active');
  });

  it('gives the default the plan applies under every named convention', () => {
    let checked = 0;
    for (const row of table.rows) {
      for (const name of CONVENTION_NAMES) {
        // The convention's own default is the one parameter not read under a named convention.
        const params = row.name === 'convention' ? without(table.base, row.name) : { ...without(table.base, row.name), convention: name };
        const expected = row.default[name];
        const where = `${row.name} under ${name}`;
        if (expected.kind === 'required') {
          const error = thrown(() => table.resolve(params));
          expect(error, where).toBeInstanceOf(CnnSpecError);
          expect((error as CnnSpecError).parameter, where).toBe(row.name);
          checked += 1;
          continue;
        }
        const resolved = table.resolve(params);
        const value = resolved[row.name];
        if (expected.kind === 'value') {
          if (Array.isArray(value)) expect(new Set(value), where).toEqual(new Set([expected.value]));
          else expect(value, where).toBe(expected.value);
        } else if (expected.kind === 'same-as') {
          expect(value, where).toEqual(resolved[expected.parameter]);
        } else if (expected.kind === 'by-parameter') {
          expect(value, where).toBe(expected.values[String(resolved[expected.parameter])]);
        } else if (expected.kind === 'absent') {
          expect(value, where).toBeUndefined();
        } else {
          expect(expected.values, where).toContain(value);
        }
        checked += 1;
      }
    }
    expect(checked).toBe(table.rows.length * CONVENTION_NAMES.length);
  });
});

describe('the kernel layout default', () => {
  it('follows the layout given, not only the convention default', () => {
    const row = CONV_PARAMETERS.find((candidate) => candidate.name === 'kernelLayout')!.default.cnnspec;
    expect(row.kind).toBe('by-parameter');
    const plan = planConv({ layout: 'channels-last' }, [1, 2, 2, 2], [2, 2, 2, 2]);
    expect(row.kind === 'by-parameter' && row.values[plan.layout]).toBe(plan.kernelLayout);
  });
});
