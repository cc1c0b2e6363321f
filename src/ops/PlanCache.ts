/**
 * A bounded memo of a planner: plans depend on parameters and shapes only, and a conformance run
 * calls the reference on the same parameters and shapes many times (one call per member of a
 * convention that leaves knobs open, the features, the geometry and the tolerance of each case,
 * properties that vary the data alone). A planner that throws is called again every time, so its
 * typed error is thrown afresh; only plans are kept. The oldest plan goes first when full.
 */
import { planCacheKey } from './planCacheKey.js';

export class PlanCache<Plan> {
  private readonly plans = new Map<string, Plan>();

  constructor(private readonly capacity: number) {}

  /** The plan of `parts`, from the memo or from `plan()`; `plan` must depend on `parts` alone. */
  plan(parts: readonly unknown[], plan: () => Plan): Plan {
    const key = planCacheKey(parts);
    if (key === undefined) return plan();
    const known = this.plans.get(key);
    if (known !== undefined) return known;
    const planned = plan();
    if (this.plans.size >= this.capacity) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, planned);
    return planned;
  }
}
