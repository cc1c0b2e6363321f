/**
 * Every value of every knob of every named convention cites its source, or is unspecified with
 * where the sources are silent, or cannot take effect, for a reason that holds
 * (spec: convention.sources, convention.unspecified).
 */
import { describe, expect, it } from 'vitest';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { CONVENTION_SOURCES } from '../../src/spec/conventionSources.js';
import { CONVENTION_NAMES, CONVENTIONS, DECLARED_CONVENTIONS, type ConventionName, type Knob } from '../../src/spec/conventions.js';
import { planPool, type PoolPlan } from '../../src/ops/pool/planPool.js';
import { poolWindows } from '../../properties/pool/poolWindows.js';

const KNOBS = Object.keys(CONVENTION_SOURCES.cnnspec) as (Knob | 'undefinedFeatures')[];
const DOCUMENT = /https:\/\/github\.com\/\S+\/(issues|pull)\/\d+|[\w/-]+\.(cc|cpp|h|py|ts|adoc|tosac|xml|bs|proto|md)\b/;

describe('convention sources', () => {
  it('cover every knob of the convention record', () => {
    const knobs = Object.keys(DECLARED_CONVENTIONS.cnnspec).filter((key) => !['name', 'title', 'clause'].includes(key));
    expect([...KNOBS].sort()).toEqual(knobs.sort());
  });

  for (const name of CONVENTION_NAMES) {
    it(`give every value of ${name} a source, and mark exactly its unspecified values`, () => {
      for (const knob of KNOBS) {
        const source = CONVENTION_SOURCES[name][knob];
        const where = `${name}.${knob}`;
        const declared = knob === 'undefinedFeatures' ? undefined : DECLARED_CONVENTIONS[name][knob];
        expect(source.kind === 'unspecified', `${where}: unspecified in the table iff in the sources`).toBe(
          declared === 'unspecified' || Array.isArray(declared),
        );
        expect(source.kind === 'chosen', `${where}: only cnnspec's values are its own choices`).toBe(name === 'cnnspec');
        const text = 'source' in source ? source.source : source.why;
        expect(text.length, where).toBeGreaterThan(20);
        // A cited value names the document, code file or issue it comes from.
        if (source.kind === 'cited' || source.kind === 'unspecified') expect(text, where).toMatch(DOCUMENT);
      }
    });
  }

  for (const name of CONVENTION_NAMES) {
    for (const knob of KNOBS) {
      const source = CONVENTION_SOURCES[name][knob];
      if (source.kind !== 'moot') continue;
      it(`${name}.${knob} cannot take effect: ${source.why}`, () => {
        expect(source.undefinedFeatures !== undefined || source.noEmptyWindows === true).toBe(true);
        for (const feature of source.undefinedFeatures ?? [])
          expect(CONVENTIONS[name].undefinedFeatures, `${name} lacks ${feature}`).toContain(feature);
        if (source.noEmptyWindows) {
          const search = emptyWindowsUnder(name, knob === 'maxPoolEmpty' ? 'max' : 'avg');
          expect(search.valid, 'the search meets valid configurations').toBeGreaterThan(100);
          expect(search.empty).toEqual([]);
        }
      });
    }
  }

  it('the empty-window search finds them where they exist (cnnspec, no pad limit)', () => {
    expect(emptyWindowsUnder('cnnspec', 'avg').empty.length).toBeGreaterThan(0);
    expect(emptyWindowsUnder('cnnspec', 'max').empty.length).toBeGreaterThan(0);
  });
});

/**
 * Every valid pooling configuration of a small space under a convention (one axis varied, the
 * other 1), with a window that holds no input tap. Padding is not counted in averages here.
 */
function emptyWindowsUnder(name: ConventionName, kind: 'max' | 'avg'): { valid: number; empty: string[] } {
  const layout = CONVENTIONS[name].undefinedFeatures.includes('layout.channels-first') ? 'channels-last' : 'channels-first';
  const found: string[] = [];
  let valid = 0;
  for (let n = 1; n <= 6; n++)
    for (let k = 1; k <= 4; k++)
      for (let s = 1; s <= 4; s++)
        for (let d = 1; d <= 3; d++)
          for (let pb = 0; pb <= 4; pb++)
            for (let pe = 0; pe <= 4; pe++)
              for (const ceilMode of [false, true]) {
                const params = {
                  kind,
                  kernel: [k, 1],
                  strides: [s, 1],
                  dilations: [d, 1],
                  padding: { begin: [pb, 0], end: [pe, 0] },
                  ceilMode,
                  layout,
                  ...(kind === 'avg' ? { countIncludePad: false } : {}),
                  convention: name,
                } as const;
                const shape = layout === 'channels-first' ? [1, 1, n, 1] : [1, n, 1, 1];
                let plan: PoolPlan;
                try {
                  plan = planPool(params, shape);
                } catch (error) {
                  if (error instanceof CnnSpecError) continue;
                  throw error;
                }
                valid += 1;
                if (poolWindows(plan).some((w) => w.inputTaps.length === 0)) found.push(JSON.stringify({ n, k, s, d, pb, pe, ceilMode }));
              }
  return { valid, empty: found };
}
