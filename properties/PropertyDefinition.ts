/**
 * A property: one invariant that any implementation must satisfy, with the clauses it checks,
 * the features it needs, a generator of cases and a check against an adapter.
 */
import type fc from 'fast-check';
import type { Adapter, AdapterOp } from '../src/ops/Adapter.js';
import type { Convention, ConventionSpec } from '../src/spec/conventions.js';
import type { Feature } from '../src/spec/features.js';
import type { Alternative, Tolerance } from '../src/judge/tolerance.js';

/** What a property's generator and check know about the run. */
export interface PropertyContext {
  adapter: Adapter;
  /** The adapter's convention, as declared and resolved. */
  conventionSpec: ConventionSpec;
  convention: Convention;
  /** Features the adapter declares and its convention defines: what cases may use. */
  features: ReadonlySet<Feature>;
  /** Largest element count of any generated tensor. */
  maxElements: number;
}

export interface PropertyDefinition<Case = unknown> {
  /** `<op>/<clause tail or topic>/<invariant>`, unique. */
  id: string;
  /** Clause IDs the property checks. */
  spec: readonly string[];
  /** Features the adapter must declare for the property to run. */
  features: readonly Feature[];
  /** Adapter methods the property calls. */
  ops: readonly AdapterOp[];
  /** One sentence: the invariant. */
  description: string;
  /** Runs per property when the caller does not say (defaults to the run's setting). */
  numRuns?: number;
  /**
   * Cases per run as a multiple of the run's setting, for a property whose cases are cheap (no
   * arithmetic of consequence, such as a rejection) and whose region of interest is narrow.
   */
  runsFactor?: number;
  arbitrary: (ctx: PropertyContext) => fc.Arbitrary<Case>;
  /** Resolves when the invariant holds; throws (PropertyViolation or any error) when it does not. */
  check: (ctx: PropertyContext, value: Case) => Promise<void>;
}

/** Identity with type inference for the case type. */
export function defineProperty<Case>(definition: PropertyDefinition<Case>): PropertyDefinition<Case> {
  return definition;
}

/**
 * Thrown by a property's arbitrary, or by a case generator it calls, when the property cannot run
 * against this adapter: its cases need a feature the adapter lacks (or its convention leaves
 * undefined), or the property does not apply under the convention (a default the convention does
 * not have). The property is reported unsupported with this reason and these features
 * (spec: conformance.capabilities). It is the only such signal: any other exception thrown while
 * a property's cases are built or drawn is an error in the kit.
 */
export class NotApplicable extends Error {
  /**
   * Why, in words, as the arbitrary gave it. The message, which the unsupported result reports,
   * is the reason, prefixed `not applicable: ` when no feature is named.
   */
  readonly reason: string;
  /**
   * The features the cases would need that the adapter's context lacks (every one absent from
   * `PropertyContext.features`); empty when no feature would make the property apply.
   */
  readonly features: readonly Feature[];

  constructor(reason: string, features: readonly Feature[] = []) {
    super(features.length === 0 ? `not applicable: ${reason}` : reason);
    this.name = 'NotApplicable';
    this.reason = reason;
    this.features = [...features];
  }

  /** The cases need any one of these features, and the context has none of them. */
  static needsOneOf(...features: Feature[]): NotApplicable {
    return new NotApplicable(`feature ${features.join(' or ')}`, features);
  }
}

/** Two tensors a property compared and found different: what reports draw. */
export interface ComparedTensors {
  expected: { shape: readonly number[]; data: ArrayLike<number> };
  actual: { shape: readonly number[]; data: ArrayLike<number> };
  tolerance: Tolerance;
  /** Where the spec leaves elements open: every acceptable result (`expected` is the first). */
  alternatives?: readonly Alternative[];
  /** What was compared, in words. */
  what: string;
}

/** An invariant that does not hold, with the evidence. */
export class PropertyViolation extends Error {
  readonly details: Record<string, unknown>;
  readonly compared?: ComparedTensors;

  constructor(message: string, details: Record<string, unknown> = {}, compared?: ComparedTensors) {
    super(message);
    this.name = 'PropertyViolation';
    this.details = details;
    if (compared !== undefined) this.compared = compared;
  }
}
