/**
 * Which tests a run holds: `--only` globs of test ids, `--clause` globs of the clause IDs a test
 * checks, `--feature` the features a test needs (spec: conformance.selection). Globs are
 * picomatch's; a pattern starting with `!` excludes. A glob of ids also selects every test under a
 * matching prefix of segments, so that `conv` or `conv/*` selects `conv/linearity/input` (as the
 * earlier `conv/*` prefix did). Each option keeps the tests that match one of its positive
 * patterns (all when it has none) and none of its negated ones; the options together keep the
 * tests every given option keeps.
 */
import picomatch from 'picomatch';
import { shellQuote } from '../adapter/shellQuote.js';
import { FEATURES } from '../spec/features.js';
import { SelectionError } from './SelectionError.js';

export interface TestSelection {
  /** Globs of test ids. */
  only?: readonly string[];
  /** Globs of clause IDs: a test is kept when it checks a matching clause. */
  clauses?: readonly string[];
  /** Feature names or globs: a test is kept when it needs a matching feature. */
  features?: readonly string[];
}

/** What selection looks at in a test. */
export interface SelectableTest {
  id: string;
  spec: readonly string[];
  features: readonly string[];
}

type Matcher = (values: readonly string[]) => boolean;

function patternMatcher(patterns: readonly string[] | undefined): Matcher {
  if (patterns === undefined || patterns.length === 0) return () => true;
  const negated = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => picomatch(pattern.slice(1)));
  const positive = patterns.filter((pattern) => !pattern.startsWith('!')).map((pattern) => picomatch(pattern));
  return (values) =>
    (positive.length === 0 || positive.some((matches) => values.some((value) => matches(value)))) &&
    !negated.some((matches) => values.some((value) => matches(value)));
}

/** A test id and the prefixes of its segments: `conv`, `conv/linearity`, `conv/linearity/input`. */
function idPrefixes(id: string): string[] {
  const segments = id.split('/');
  return segments.map((_, index) => segments.slice(0, index + 1).join('/'));
}

/** Whether a test id is selected by `--only` globs (none: every test). */
export function selected(id: string, only: readonly string[] | undefined): boolean {
  return patternMatcher(only)(idPrefixes(id));
}

/** The tests of `tests`, in their order, that the selection keeps. @throws SelectionError for a `--feature` that names no feature */
export function selectTests<T extends SelectableTest>(tests: readonly T[], selection: TestSelection): T[] {
  for (const pattern of selection.features ?? []) {
    const matches = picomatch(pattern.replace(/^!/, ''));
    if (!FEATURES.some((feature) => matches(feature))) {
      throw new SelectionError('--feature', shellQuote(pattern), `name a feature (or a glob of features): ${FEATURES.join(', ')}`);
    }
  }
  const byId = patternMatcher(selection.only);
  const byClause = patternMatcher(selection.clauses);
  const byFeature = patternMatcher(selection.features);
  return tests.filter((test) => byId(idPrefixes(test.id)) && byClause(test.spec) && byFeature(test.features));
}

/** The selection in words, for messages: `--only 'x' --clause 'y'`, or `the whole suite`. */
export function describeSelection(selection: TestSelection): string {
  const parts = [
    ...(selection.only ?? []).map((pattern) => `--only ${shellQuote(pattern)}`),
    ...(selection.clauses ?? []).map((pattern) => `--clause ${shellQuote(pattern)}`),
    ...(selection.features ?? []).map((pattern) => `--feature ${shellQuote(pattern)}`),
  ];
  return parts.length === 0 ? 'the whole suite' : parts.join(' ');
}
