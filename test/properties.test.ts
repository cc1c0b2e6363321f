/**
 * The whole property suite against the reference adapter, under every convention, with a fixed
 * seed. Environment variables narrow or replay a run:
 *   CNNSPEC_ONLY=<property id>  CNNSPEC_SEED=<seed>  CNNSPEC_PATH=<path>  CNNSPEC_NUM_RUNS=<n>
 *   CNNSPEC_CONVENTION=<convention>
 */
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { CONVENTION_NAMES, resolveConvention, type ConventionName } from '../src/spec/conventions.js';
import { ALL_PROPERTIES } from '../properties/index.js';
import { formatFailure, runProperty } from '../properties/runProperty.js';
import { replayCommand } from '../src/evidence/replayCommand.js';

const only = process.env.CNNSPEC_ONLY;
const seed = Number(process.env.CNNSPEC_SEED ?? 20261128);
const path = process.env.CNNSPEC_PATH;
const numRuns = Number(process.env.CNNSPEC_NUM_RUNS ?? 40);
const conventions = (process.env.CNNSPEC_CONVENTION?.split(',') ?? CONVENTION_NAMES) as ConventionName[];
const properties = ALL_PROPERTIES.filter((property) => only === undefined || property.id === only);

for (const convention of conventions) {
  describe(`reference under ${convention}`, () => {
    const adapter = referenceAdapter(convention);
    for (const property of properties) {
      it(property.id, async () => {
        const result = await runProperty(property, adapter, {
          seed,
          numRuns: convention === 'cnnspec' ? numRuns : Math.ceil(numRuns / 4),
          ...(path === undefined ? {} : { path }),
          replay: replayCommand('test/properties.test.ts', process.cwd(), { CNNSPEC_CONVENTION: convention }),
        });
        if (result.status === 'fail') expect.fail(formatFailure(result));
        if (result.status === 'error') expect.fail(`property ${result.id} could not run: ${result.message}`);
        if (result.status === 'unsupported') {
          // The reference declares every feature its convention defines, implements every method
          // and refuses no case, so a property is unsupported only for want of a feature the
          // convention lacks, or because it does not apply under the convention.
          expect(convention).not.toBe('cnnspec');
          expect(result.refused, result.missing.join('; ')).toBeUndefined();
          expect(result.lacking.methods, result.missing.join('; ')).toEqual([]);
          const lacking: readonly string[] = resolveConvention(convention).undefinedFeatures;
          expect(
            result.lacking.features.filter((feature) => !lacking.includes(feature)),
            result.missing.join('; '),
          ).toEqual([]);
        }
      }, 60_000);
    }
  });
}
