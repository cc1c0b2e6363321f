/**
 * The defaults of a conformance run, shared by `cnnspec run` and by suites registered in another
 * project's vitest run, so that both front ends generate the same cases.
 */
export const DEFAULT_SEED = 20261128;
/** Cases per property. */
export const DEFAULT_NUM_RUNS = 40;
/** Largest element count of a generated tensor. */
export const DEFAULT_MAX_ELEMENTS = 4096;
/** Per adapter call. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
/** For an out-of-process adapter to start and send its hello (importing a framework can be slow). */
export const DEFAULT_START_TIMEOUT_MS = 30_000;
