/**
 * What the kit knows about one tensor op, in one record: its names (the op as fixtures, evidence
 * and reports spell it, the adapter method and wire name), the tensors a call carries, its
 * parameter fields, and the functions every part of the kit needs from it: the features a call
 * uses, its window geometry, the reference's answer, how an answer is judged, and the knobs a
 * convention may leave open for it. The runner, the fixtures, the protocol, the evidence and the
 * reports iterate the registry of these records (src/ops/registry.ts) instead of switching on
 * op names, so a new op is one folder.
 */
import type { ConventionSpec, OpenKnob } from '../spec/conventions.js';
import type { Feature } from '../spec/features.js';
import type { Limits } from '../spec/limits.js';
import type { Precondition } from '../spec/Precondition.js';
import type { KernelLayout, Layout } from '../tensor/layout.js';
import type { Tensor } from '../tensor/tensor.js';
import type { ParameterRow } from './ParameterRow.js';

/** Parameters as sent to an adapter: the op's parameter record without `convention`. */
export type Call<P> = Omit<P, 'convention'>;

/** The tensors an op call may carry, by their names in requests, fixtures and messages. */
export type TensorName = 'input' | 'weight' | 'bias';

export interface OpTensor {
  readonly name: TensorName;
  readonly optional: boolean;
}

/** The shape every op request has: named tensors and a parameter record. */
export interface OpRequest {
  input: Tensor;
  weight?: Tensor;
  bias?: Tensor;
  params: object;
}

/** A window along every spatial axis, as evidence and reports draw it (spec: shape.window). */
export interface OpWindow {
  kernel: number[];
  strides: number[];
  dilations: number[];
  padBegin: number[];
  padEnd: number[];
  /** Output size per spatial axis. */
  output: number[];
}

/** Where a call's elements sit: its layouts and, for windowed ops, the window. */
export interface OpGeometry {
  layout: Layout;
  kernelLayout?: KernelLayout;
  window?: OpWindow;
}

/**
 * How an answer of a call is judged (spec: conformance.tolerance): exactly (the sign of a zero
 * as the op's `zeroSignFree` says), or by the
 * dot-product bound over `accumulationLength` products, where the exact domain of
 * spec: conformance.exact-domain applies only when `exactWhenRepresentable` (a weighted sum of
 * the call's own tensors; an average's weights are not the call's).
 */
export type OpAccumulation =
  | { kind: 'exact' }
  | { kind: 'dot-product'; accumulationLength: number; hasBias: boolean; ulpBudget: number; exactWhenRepresentable: boolean };

/**
 * How a report draws a call's tensors: activations read through a window, a matrix, whole
 * channels read at once, or an input placed inside its padding.
 */
export type OpFigure = 'window' | 'matrix' | 'global' | 'padded';

export interface OpDescriptor<Name extends string = string, Method extends string = string, Request extends OpRequest = OpRequest> {
  /** The op as fixtures, evidence, reports and defect clauses name it. */
  readonly op: Name;
  /** The adapter method and protocol request name. */
  readonly method: Method;
  /** The op in words, for messages. */
  readonly title: string;
  /** The tensors of a call, in the order requests, fixtures and messages list them. */
  readonly tensors: readonly OpTensor[];
  /** The fields of the parameter record, `convention` included. */
  readonly paramFields: readonly string[];
  /** The parameter table: every field's type, default per convention and clause (rendered into the spec). */
  readonly parameters: readonly ParameterRow[];
  /**
   * The op's own preconditions, in the order its plan checks them, for listing (spec: error.typed).
   * The shared checks of fields, enums, integers, shapes and limits are not among them.
   */
  readonly preconditions: readonly Precondition<never>[];
  readonly figure: OpFigure;
  /** Whether an output channel reads input channels other than its own (a convolution's group). */
  readonly readsAcrossChannels: boolean;
  /** The features a call uses under a convention; throws the op's CnnSpecError for an invalid call. */
  features(request: Request, convention: ConventionSpec): Feature[];
  /** The call's layouts and window under a convention; throws the op's CnnSpecError for an invalid call. */
  geometry(request: Request, convention: ConventionSpec): OpGeometry;
  /** The reference's answer; throws the op's CnnSpecError where the convention rejects the call. */
  reference(request: Request, convention: ConventionSpec, limits?: Limits): Tensor;
  /** How the call's answer is judged; throws the op's CnnSpecError for an invalid call. */
  accumulation(request: Request, convention: ConventionSpec): OpAccumulation;
  /**
   * Whether a zero of the answer may have either sign (spec: numerics.signed-zero): a sum's
   * zero may, and a maximum's where the window holds both; a copy keeps every sign.
   */
  zeroSignFree(params: Request['params']): boolean;
  /** The convention knobs whose value can change a call's result. */
  openKnobs(params: Request['params']): OpenKnob[];
}
