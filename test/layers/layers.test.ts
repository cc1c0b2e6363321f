/**
 * The kit's layers (.dependency-cruiser.cjs): every import goes to the module's own layer or a
 * lower one, no module takes part in an import cycle, and benchmarks, scripts and examples do not
 * import from test/. No violation is tolerated.
 */
import { join } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const CRUISED = ['src', 'properties', 'bench', 'scripts', 'examples', 'test'];

/** One line per violation: rule, importer, imported module, and the cycle when there is one. */
function describeViolation(violation: Pick<IViolation, 'rule' | 'from' | 'to' | 'cycle'>): string {
  const cycle =
    violation.cycle === undefined ? '' : ` (cycle ${[violation.from, ...violation.cycle.map((step) => step.name)].join(' → ')})`;
  return `${violation.rule.name}: ${violation.from} → ${violation.to}${cycle}`;
}

async function cruiseTree(baseDir: string, paths: string[]): Promise<ICruiseResult> {
  const options: ICruiseOptions = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  const { output } = await cruise(paths, { ...options, baseDir });
  if (typeof output === 'string') throw new Error(`dependency-cruiser answered with text instead of a result: ${output.slice(0, 200)}`);
  return output;
}

describe('layers of the kit', () => {
  let result: ICruiseResult;
  beforeAll(async () => {
    result = await cruiseTree(root, CRUISED);
  }, 60_000);

  it('cruises the whole tree and resolves every relative import', () => {
    // A cruise that resolves nothing finds no violation either: make sure it saw the tree.
    expect(result.summary.totalCruised).toBeGreaterThan(300);
    const unresolved = result.modules.flatMap((module) =>
      module.dependencies
        .filter((dependency) => dependency.couldNotResolve && dependency.module.startsWith('.'))
        .map((dependency) => `${module.source} → ${dependency.module}`),
    );
    expect(unresolved).toEqual([]);
  });

  it('imports only from the same or a lower layer, and has no import cycle', () => {
    expect(result.summary.violations.map(describeViolation)).toEqual([]);
  });
});

describe('the layer check itself', () => {
  it('reports a planted upward import, an import cycle and a benchmark importing from test/', async () => {
    // test/layers/fixtures-bad is laid out like the repository, so the same rules apply to it.
    const result = await cruiseTree(join(import.meta.dirname, 'fixtures-bad'), ['src', 'bench']);
    expect(result.summary.violations.map(describeViolation).sort()).toEqual([
      'layer-L0: src/spec/formula.ts → src/runner/runAll.ts',
      'no-circular: src/runner/runAll.ts → src/runner/runOne.ts (cycle src/runner/runAll.ts → src/runner/runOne.ts → src/runner/runAll.ts)',
      'tooling-not-to-test: bench/timeFormula.ts → test/helper.ts',
    ]);
  }, 60_000);
});
