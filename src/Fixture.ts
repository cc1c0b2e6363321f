/**
 * The golden fixture format: plain JSON cases that any implementation, in any language, can be
 * checked against without running cnnspec's code. One file per fixture, named `<id>.json`.
 */
import type { ConventionName } from './conventions.js';
import type { ErrorCode } from './CnnSpecError.js';

/** Format tag and version of a fixture file. */
export type FixtureFormat = 'cnnspec-fixture/1';

/** Ops a fixture can exercise. */
export type FixtureOp = 'conv' | 'pool' | 'global-pool' | 'dense' | 'pad';

/**
 * One element: a number, or one of the strings "NaN", "Infinity", "-Infinity", "-0" for the
 * values JSON cannot hold.
 */
export type FixtureNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

export interface FixtureTensor {
  /** Dimension sizes, outermost first. */
  shape: number[];
  dtype: 'float32';
  /** Elements in row-major order; each is exactly representable in float32. */
  data: FixtureNumber[];
}

/** How the expected values were obtained. */
export interface FixtureProvenance {
  /**
   * `hand-derived`: worked by hand or taken from a published hand-computed case;
   * `exact`: computed with exact rational arithmetic by the fixture generator;
   * `reference`: computed by cnnspec's reference implementation.
   */
  method: 'hand-derived' | 'exact' | 'reference';
  /** Where the case comes from: a document, a test in another project, or a generator. */
  source: string;
  /** The arithmetic, or anything a reader needs to check the case. */
  notes?: string;
}

/** What the op must produce: an output tensor, or a typed error. */
export type FixtureExpectation =
  | {
      output: FixtureTensor;
      /** Optional check of the resolved pads and output size per spatial axis. */
      window?: { padBegin: number[]; padEnd: number[]; output: number[] };
    }
  | {
      error: { code: ErrorCode; clause: string };
    };

export interface Fixture {
  format: FixtureFormat;
  /** `<op>.<variant>`, kebab-case variant; equals the file name without `.json`. */
  id: string;
  /** One line: the case in compact notation, e.g. `x=[1,1,5,5] w=[1,1,3,3] s=2 pads=1`. */
  description: string;
  op: FixtureOp;
  /** Clause IDs this fixture checks; each must be in spec/clauses.json. */
  spec: string[];
  /** Conventions under which the expectation holds; the op runs under each. */
  conventions: ConventionName[];
  /** The op's parameters (without `convention`), by name. */
  params: Record<string, unknown>;
  /** Input tensors by name: `input`, and `weight` and `bias` where the op takes them. */
  inputs: { input: FixtureTensor; weight?: FixtureTensor; bias?: FixtureTensor };
  expected: FixtureExpectation;
  /** Comparison: exact (Object.is per element, so -0 and NaN count) unless stated. */
  tolerance?: { metric: 'exact' } | { metric: 'ulp'; value: number };
  provenance: FixtureProvenance;
}
