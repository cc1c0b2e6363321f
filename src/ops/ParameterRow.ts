/**
 * One row of an op's parameter table: a field of its parameter record, its type, its default
 * under every named convention and the clause that defines it. The tables are plain data, read by
 * the spec renderer (the parameter tables of the op pages and of spec/protocol.md) and checked
 * against the plan functions by test/ops/parameterTables.test.ts.
 *
 * @see spec:convention.model
 */
import type { ConventionName } from '../spec/conventions.js';

/**
 * What a parameter is when it is omitted.
 * - `value`: this JSON value (a per-axis parameter's one value applies to every axis).
 * - `same-as`: the value of another parameter of the call (pooling stride = window size).
 * - `by-parameter`: a value chosen by another parameter's resolved value (kernel layout by data layout).
 * - `open`: the convention leaves it open; any of these values conforms (spec: convention.unspecified).
 * - `required`: none: the parameter must be given.
 * - `absent`: none, and the call is complete without it; `meaning` says what its absence means.
 */
export type ParameterDefault =
  | { readonly kind: 'value'; readonly value: string | number | boolean }
  | { readonly kind: 'same-as'; readonly parameter: string }
  | { readonly kind: 'by-parameter'; readonly parameter: string; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'open'; readonly values: readonly (string | number | boolean)[] }
  | { readonly kind: 'required' }
  | { readonly kind: 'absent'; readonly meaning: string };

export interface ParameterRow {
  /** The field of the parameter record. */
  readonly name: string;
  /** Its type as written in TypeScript. */
  readonly type: string;
  /**
   * Its type as an adapter receives it, in process and on the wire, where that is narrower: the
   * kit sends per-axis values as arrays (spec: conformance.adapter). Absent: `type`.
   */
  readonly adapterType?: string;
  /** Its default under each named convention (the one the call names, cnnspec when it names none). */
  readonly default: Readonly<Record<ConventionName, ParameterDefault>>;
  /** The clause that defines the parameter. */
  readonly clause: string;
  /** What it is, in a few words. */
  readonly description: string;
  /** Whether the adapter receives it (`convention` stays with the kit, spec: conformance.adapter). */
  readonly sentToAdapter: boolean;
}
