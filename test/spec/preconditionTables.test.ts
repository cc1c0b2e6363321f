/**
 * The precondition tables of the ops (src/ops/<op>/<op>Preconditions.ts) cite clauses of the
 * registry and codes of the closed set of spec/errors.md, and every table is listed on the
 * descriptor of an op whose plan checks it.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../bench/support/invalidCalls/judgeCall.js';
import * as convTables from '../../src/ops/conv/convPreconditions.js';
import * as convTransposeTables from '../../src/ops/conv-transpose/convTransposePreconditions.js';
import * as denseTables from '../../src/ops/dense/densePreconditions.js';
import * as padTables from '../../src/ops/pad/padPreconditions.js';
import * as poolTables from '../../src/ops/pool/poolPreconditions.js';
import { OP_NAMES, OPS } from '../../src/ops/registry.js';
import * as windowTables from '../../src/ops/window/windowPreconditions.js';
import { clauseById } from '../../src/spec/clauseRegistry.js';
import type { Precondition } from '../../src/spec/Precondition.js';

const TABLE_MODULES = { convTables, convTransposeTables, denseTables, padTables, poolTables, windowTables };

const tables = Object.entries(TABLE_MODULES).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => Array.isArray(value))
    .map(([name, rows]) => ({ name: `${module}.${name}`, rows: rows as readonly Precondition<never>[] })),
);
const rows = tables.flatMap((table) => table.rows.map((row, index) => ({ where: `${table.name}[${index}]`, row })));

describe('precondition tables', () => {
  it('are found, and none is empty', () => {
    expect(tables.map((table) => table.name).sort()).toEqual([
      'convTables.CONV_CHANNEL_RULES',
      'convTables.CONV_RANK_RULES',
      'convTransposeTables.CONV_TRANSPOSE_AXIS_RULES',
      'convTransposeTables.CONV_TRANSPOSE_CHANNEL_RULES',
      'convTransposeTables.CONV_TRANSPOSE_PADDING_RULES',
      'convTransposeTables.CONV_TRANSPOSE_RANK_RULES',
      'denseTables.DENSE_SHAPE_RULES',
      'padTables.PAD_RANK_RULES',
      'poolTables.POOL_COUNT_RULES',
      'poolTables.POOL_RANK_RULES',
      'poolTables.POOL_STRIDE_RULES',
      'windowTables.CONV_WINDOW_RULES',
      'windowTables.FILL_LIMIT_RULES',
      'windowTables.POOL_WINDOW_PAD_RULES',
      'windowTables.WINDOW_CONVENTION_RULES',
      'windowTables.WINDOW_EXACT_RULES',
      'windowTables.WINDOW_OUTPUT_RULES',
    ]);
    for (const table of tables) expect(table.rows.length, table.name).toBeGreaterThan(0);
  });

  it('cite active clauses of spec/clauses.json', () => {
    for (const { where, row } of rows) {
      const clause = clauseById(row.clause);
      expect(clause, `${where}: ${row.clause}`).toBeDefined();
      expect(clause!.status, `${where}: ${row.clause}`).toBe('active');
    }
  });

  it('use codes of the closed set of spec/errors.md', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(0);
    for (const { where, row } of rows) expect(ERROR_CODES, where).toContain(row.code);
  });

  it('are each listed, whole and in order, on the descriptor of an op', () => {
    const listed = OP_NAMES.map((name) => OPS[name].preconditions);
    for (const table of tables) {
      const onSomeOp = listed.some((list) => list.some((_, start) => table.rows.every((row, i) => list[start + i] === row)));
      expect(onSomeOp, table.name).toBe(true);
    }
  });

  it('list on the descriptors only rows of the tables, each once per op', () => {
    const known = new Set(rows.map(({ row }) => row));
    for (const name of OP_NAMES) {
      const list = OPS[name].preconditions;
      for (const row of list) expect(known.has(row), `${name}: ${row.clause}`).toBe(true);
      expect(new Set(list).size, name).toBe(list.length);
    }
  });
});
