/**
 * Time per call of an in-process function: called once to warm up, then as often as fits in a
 * time budget (at least `minCalls` times), and the mean over those calls is one measurement.
 */
export interface TimeCallsOptions {
  budgetMs: number;
  /** @defaultValue 2 */
  minCalls?: number;
}

export async function timeCalls(call: () => unknown, options: TimeCallsOptions): Promise<number> {
  await call();
  const minCalls = options.minCalls ?? 2;
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (calls < minCalls || elapsed < options.budgetMs) {
    await call();
    calls += 1;
    elapsed = performance.now() - started;
  }
  return elapsed / calls;
}
