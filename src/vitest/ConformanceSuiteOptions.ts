/**
 * Options of `registerConformanceSuite`: the same knobs as `cnnspec run`, for a suite that runs
 * inside a project's own vitest run. The environment variables `CNNSPEC_ONLY`, `CNNSPEC_SEED`,
 * `CNNSPEC_PATH` and `CNNSPEC_NUM_RUNS` override them, so that a failure's replay command works
 * without editing the test file.
 */
import type { ExpectationsFile } from '../runner/Expectations.js';

export interface ConformanceSuiteOptions {
  /** Name of the top-level describe. @defaultValue `cnnspec conformance: <adapter name>` */
  name?: string;
  /** fast-check seed. @defaultValue 20261128, as `cnnspec run` */
  seed?: number;
  /** Cases per property. @defaultValue 40 */
  numRuns?: number;
  /** Test ids or globs to register, `!` excluding; a glob matching a prefix selects the tests under it (`conv/padding/*`, `fixture/pool.*`). @defaultValue every test */
  only?: string | readonly string[];
  /**
   * The published profiles the suite requires (spec/profiles): `'conv'` for an implementation of
   * convolution alone, several as an array or a comma list. @defaultValue `'core'`, as `cnnspec run`
   */
  profile?: string | readonly string[];
  /** Register the properties. @defaultValue true */
  properties?: boolean;
  /** Register the golden fixtures. @defaultValue true */
  fixtures?: boolean;
  /**
   * Folders of your own fixtures, each with its MANIFEST.json (`cnnspec fixtures manifest DIR`),
   * registered as `fixture/<folder name>/<id>`; `NAME=DIR` names them `fixture/NAME/<id>`. Paths
   * are relative to the working directory. As `cnnspec run --fixtures`.
   */
  fixtureFolders?: readonly string[];
  /** Register the kit's own fixtures (false: only those of `fixtureFolders`). @defaultValue true */
  builtinFixtures?: boolean;
  /** Largest generated tensor, in elements. @defaultValue 4096 */
  maxElements?: number;
  /** Timeout of one adapter call, in milliseconds. @defaultValue 30000 */
  timeoutMs?: number;
  /** Timeout of one vitest test (a whole property with its shrinking), in milliseconds. @defaultValue 300000 */
  testTimeoutMs?: number;
  /**
   * Known deviations: the path of an expectations file (relative to the working directory) or its
   * content. A matching failure passes its test with the reason as an annotation.
   */
  expectations?: string | ExpectationsFile;
  /** Fail the tests of expected failures that pass, and expectation entries that match no test of the suite. @defaultValue false */
  strictExpectations?: boolean;
}
