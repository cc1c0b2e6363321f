/** How a conformance run is made: the adapter, the seed and size of the property runs, the selection and the expectations. */
import type { Adapter } from '../ops/Adapter.js';
import type { ReportResult } from '../report/model/Report.js';
import type { ExpectationsFile } from './Expectations.js';
import type { FixtureSet } from '../fixtures/loadFixtureFolder.js';
import type { AdapterSource } from './jobs/AdapterSource.js';

export interface RunOptions {
  adapter: Adapter;
  /** How the adapter was given: built-in name, module path, or `--exec` command. */
  source: string;
  seed: number;
  numRuns: number;
  maxElements?: number;
  /** Per-call timeout for in-process adapters (exec adapters time out on their own). */
  timeoutMs: number;
  /** Globs of the test ids to run (`!` excludes); a glob matching a prefix of segments selects the tests under it. */
  only?: string[];
  /** Globs of clause IDs: only the tests that check a matching clause run. */
  clauses?: string[];
  /** Feature names: only the tests that need one of them run. */
  features?: string[];
  /** The published profiles the run requires (spec/profiles); core when none is given. */
  profiles?: string[];
  /** How a user chooses profiles, for the message of a test that fails on a missing feature of one (default `--profile a,b`). */
  chooseProfiles?: (names: readonly string[]) => string;
  shard?: { index: number; count: number };
  /**
   * Parallel jobs (spec: conformance.jobs): `count` jobs share the run's tests, the first in this
   * thread with `adapter`, each other one in a worker thread with an adapter of its own started
   * from `source` (the same one `adapter` came from), which must declare the same identity.
   * Worker jobs word a missing profile's advice as `cnnspec run` does (not `chooseProfiles`).
   * @defaultValue one job
   */
  jobs?: { count: number; source: AdapterSource; startTimeoutMs?: number };
  /** fast-check path: replays one counterexample of the one property selected by `only`. */
  path?: string;
  expectations?: { file: string; content: ExpectationsFile };
  strictExpectations?: boolean;
  properties?: boolean;
  fixtures?: boolean;
  /** Whether the kit's own fixtures run (with `fixtures`). @defaultValue true */
  builtinFixtures?: boolean;
  /** Users' fixture folders, loaded already (loadFixtureFolders): their tests are `fixture/<name>/<id>`. */
  fixtureSets?: FixtureSet[];
  /** Builds the command that replays one failing property. */
  replay: (id: string, seed: number, path: string) => string;
  /** Called before and after each test. */
  onProgress?: (event: { done: number; total: number; id: string; result?: ReportResult }) => void;
  /** Checked between tests: true stops the run, which is then marked incomplete. */
  interrupted?: () => boolean;
  /**
   * Aborting stops the run at once, also in the middle of a test: the test in flight is left out
   * of the report (it was cut short, not judged), which is marked incomplete.
   */
  signal?: AbortSignal;
  /** Process events of an out-of-process adapter, counted into the report. */
  events?: () => { kind: string; detail: string }[];
  starts?: () => number;
}
