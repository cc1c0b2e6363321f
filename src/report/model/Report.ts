/**
 * The report of a conformance run: one JSON document (`report.json`, schema
 * spec/schema/report-1.schema.json generated from these types) from which every other rendering
 * (JUnit, Markdown, HTML) is made.
 */
import type { OpName } from '../../ops/registry.js';

export type ResultStatus = 'pass' | 'fail' | 'expected-fail' | 'unexpected-pass' | 'unsupported' | 'error';

export interface ReportResult {
  /** A property id, or `fixture/<fixture id>`. */
  id: string;
  kind: 'property' | 'fixture';
  status: ResultStatus;
  /** Clause IDs the test checks. */
  spec: string[];
  /** Features the test needs. */
  features: string[];
  /** Whether a profile the run requires requires the test: it belongs there and needs only features that profile requires (spec: conformance.profiles). */
  required: boolean;
  /**
   * Unsupported because the test does not apply under the adapter's convention (a fixture of
   * another convention, a default the convention does not have), not for anything the adapter
   * lacks: no profile counts it against the adapter.
   */
  notApplicable?: boolean;
  /** The published profiles the test belongs to (every adapter method it calls is one of theirs). */
  profiles?: string[];
  description: string;
  durationMs: number;
  /** Why it failed, or why it is unsupported. */
  message?: string;
  /** Property failures: the shrunk counterexample, and how to replay it. */
  counterexample?: unknown;
  seed?: number;
  path?: string;
  numRuns?: number;
  shrinks?: number;
  replay?: string;
  /** Evidence: comparison reports, shapes, values. */
  details?: { [key: string]: unknown };
  /**
   * The expectation entry that matched (expected-fail, unexpected-pass): for a defect entry the
   * defect and the part of its signature that explains the failure; an entry by test id or
   * feature is marked seed-fragile.
   */
  expectation?: { match: string; reason: string; link?: string; defect?: string; part?: string; seedFragile?: boolean };
  /** Failures: the op call behind the failure, with the tensors a reader's pictures are drawn from. */
  evidence?: FailureEvidence;
  /**
   * Fixtures that produced an output: the bound it was judged with and the margin left. Passing
   * properties whose cases were judged within a bound: the tightest margin over those comparisons.
   */
  comparison?: FixtureComparison;
  /**
   * Properties: cases that failed on a listed defect and were set aside while the property went on
   * checking the others, per defect and part of its signature (spec: conformance.expectations).
   */
  explained?: { defect: string; part: string; cases: number }[];
}

/**
 * How a fixture's output was judged (spec: conformance.tolerance): the metric, the room left at
 * the element closest to its bound (in the metric's units: normalised error for `dot-product`,
 * ulps for `ulp`, 0 for `exact`; negative when outside; null when no element was compared), the
 * largest ulp distance seen, and, where the convention leaves knobs open, which ones and how
 * many alternatives an element could match.
 */
export interface FixtureComparison {
  metric: 'exact' | 'dot-product' | 'ulp';
  /** A property's: how many comparisons within a bound the margin is the least of. */
  comparisons?: number;
  margin: number | null;
  maxUlp: number | null;
  ulpBudget?: number;
  open?: string[];
  alternatives?: number;
}

/**
 * A tensor in a report: shape and row-major data, with NaN, infinities and -0 spelled out as in
 * fixtures (`"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`). Data is left out (`truncated`) beyond
 * the evidence element limit.
 */
export interface EvidenceTensor {
  shape: number[];
  data: (number | string)[];
  truncated?: boolean;
}

/**
 * The op call a failure comes down to: its inputs, its parameters, the padding as resolved under
 * the adapter's convention, and the expected and actual outputs with the elements that differ.
 */
/** An adapter call of a failing case other than the evidence call, as its shapes and parameters. */
export interface OtherCall {
  op: OpName;
  params: { [key: string]: unknown };
  inputShape: number[];
  weightShape?: number[];
  /** The bias's shape, where the call has one. */
  biasShape?: number[];
  inputHasNaN: boolean;
  /** The input holds both +Infinity and -Infinity. */
  inputHasBothInfinities?: boolean;
  answered: boolean;
  form?: string;
}

export interface FailureEvidence {
  op: OpName;
  /** Layout of input, expected and actual. */
  layout: 'channels-first' | 'channels-last';
  input: EvidenceTensor;
  /** Convolution and dense weights, in `kernelLayout` (conv) or `[in, out]` / `[out, in]` (dense). */
  weight?: EvidenceTensor;
  /** Convolution, transposed-convolution and dense bias, where the call has one. */
  bias?: EvidenceTensor;
  kernelLayout?: string;
  /** The request's parameters as sent to the adapter. */
  params: { [key: string]: unknown };
  /**
   * The API form the adapter called its implementation in, as the adapter names it (for example
   * `tf.conv2d(x, filter, strides=1, pad=1 (number), ...)`); absent when it names none
   * (spec: conformance.api-forms).
   */
  form?: string;
  /**
   * The API forms of the other adapter calls of the case, in call order and without repeats,
   * where a property compared the adapter with itself: the form that went wrong may be theirs.
   */
  otherForms?: string[];
  /**
   * The case's other adapter calls without their data: op, parameters, shapes, form and whether
   * they answered. A defect signature may recognise one of them as the call that went wrong
   * (spec: conformance.expectations).
   */
  otherCalls?: OtherCall[];
  /** Resolved window geometry per spatial axis (absent for dense and global pooling, or when the case does not plan). */
  window?: { kernel: number[]; strides: number[]; dilations: number[]; padBegin: number[]; padEnd: number[] };
  /** What the spec requires; absent when the expectation is an error. */
  expected?: EvidenceTensor;
  /** What the adapter returned; absent when it threw. */
  actual?: EvidenceTensor;
  /** Flat indices of the elements that differ beyond the tolerance (shapes equal). */
  differing?: number[];
  /** What was compared, in words: for example "the adapter's conv against the reference". */
  comparison: string;
}

/**
 * Whether the adapter meets one published profile (spec: conformance.profiles): every test of the
 * profile ran, none failed or ended in error, and none the profile requires was unsupported.
 */
export interface ProfileVerdict {
  name: string;
  /** Tests of the suite that belong to the profile, whatever the selection. */
  tests: number;
  /** Of those, the tests the profile requires. */
  required: number;
  /** Tests of the profile that this run judged. */
  ran: number;
  pass: number;
  /** Failures and errors. */
  failing: number;
  'expected-fail': number;
  /** Tests the profile requires that were unsupported. */
  unsupported: number;
  met: boolean;
  /** Why it is not met, in words. */
  reason?: string;
}

export interface AdapterEvent {
  kind: string;
  detail: string;
  count: number;
}

export interface Report {
  format: 'cnnspec-report/1';
  suite: { name: 'cnnspec'; version: string; specVersion: string; adapterApi: number; protocol: number };
  adapter: {
    name: string;
    version: string;
    convention: unknown;
    features: string[];
    ops: string[];
    /** How it was loaded: a built-in name, a module path, or an `--exec` command. */
    source: string;
    /** Process starts, for out-of-process adapters (1 + restarts). */
    starts?: number;
  };
  run: {
    seed: number;
    numRuns: number;
    maxElements: number;
    timeoutMs: number;
    /** Whether the properties ran (`--no-properties` turns them off). */
    properties: boolean;
    /** Whether the golden fixtures ran (`--no-fixtures` turns them off). */
    fixtures: boolean;
    /** False when the kit's own fixtures were left out (`--no-builtin-fixtures`). */
    builtinFixtures?: false;
    /** Users' fixture folders (`--fixtures`): the name in their tests' ids (`fixture/<name>/<id>`), the folder as given, and how many fixtures it holds. */
    fixtureFolders?: { name: string; dir: string; fixtures: number }[];
    /** The profiles the run requires, comma-separated (`--profile`; core unless chosen). */
    profile: string;
    /** Test selection by clause (`--clause`): globs of clause IDs. */
    clauses?: string[];
    /** Test selection by feature (`--feature`). */
    features?: string[];
    shard?: { index: number; count: number };
    only?: string[];
    /** Tests the selection holds, before sharding. */
    selected?: number;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    /** Time spent inside adapter calls (of every job, added up). */
    adapterMs: number;
    /** Jobs that shared the tests, each with its own adapter (spec: conformance.jobs); absent for one. */
    jobs?: number;
    node: string;
    platform: string;
    /** True when the run was interrupted and not every test ran (or, merged, a shard is missing). */
    incomplete: boolean;
    /** A merged report: the shards it was joined from. */
    mergedFrom?: { shard: { index: number; count: number }; startedAt: string; durationMs: number; adapterMs: number; tests: number }[];
    /** A merged report: shard indices that were not given. */
    missingShards?: number[];
    /** CNNSPEC_* environment variables, to catch typos. */
    env: { [name: string]: string };
  };
  expectations?: {
    file: string;
    entries: number;
    unmatched: string[];
    /** Entries by test id or feature: they absorb whatever fails there, at any seed (spec: conformance.expectations). */
    warnings?: string[];
    /**
     * Entries without a defect that match more than a tenth of the suite's tests, or every test:
     * they turn whatever fails there into an expected failure (spec: conformance.expectations).
     */
    overBroad?: { entry: string; tests: number; suite: number }[];
    /** Each defect entry and how many failures of this run its signature explained. */
    defects?: { defect: string; explained: number }[];
    /** With `--strict-expectations`, unexpected passes and unmatched entries fail the run. */
    strict: boolean;
  };
  summary: {
    total: number;
    pass: number;
    fail: number;
    'expected-fail': number;
    'unexpected-pass': number;
    unsupported: number;
    error: number;
    /** No fail and no error (and, with strict expectations, no unexpected pass or unmatched entry). */
    conformant: boolean;
  };
  results: ReportResult[];
  /** For each published profile, whether the adapter meets it. */
  profiles?: ProfileVerdict[];
  /** Adapter process events (restarts, timeouts, protocol violations, stderr), counted. */
  events: AdapterEvent[];
}
