/**
 * A bounded memo of a planner: plans depend on parameters and shapes only, and a conformance run
 * calls the reference on the same parameters and shapes many times (one call per member of a
 * convention that leaves knobs open, the features, the geometry and the tolerance of each case,
 * properties that vary the data alone). A planner that throws is called again every time, so its
 * typed error is thrown afresh; only plans are kept. The oldest plan goes first when full. A kept
 * plan is shared by every caller, so it is frozen: a caller that writes into it throws instead
 * of changing the plan of every later call (typed arrays cannot be frozen; no caller writes them).
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
    const planned = deepFreeze(plan());
    if (this.plans.size >= this.capacity) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, planned);
    return planned;
  }
}

/** Freezes a plan's objects and arrays, all the way down (typed arrays and their views are left as they are). */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
