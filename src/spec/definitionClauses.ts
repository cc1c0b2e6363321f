/**
 * The normative clauses that define rather than require: a formula, a term, a value or a
 * convention that requirement clauses use, with no requirement of their own. Every other
 * normative clause states its requirements with RFC 2119 keywords. spec/README.md ("Conventions
 * of this document") states the rule; test/spec/normativeKeywords.test.ts holds every clause to it.
 *
 * @see spec:convention.model
 */

/** Why a clause is a definition, by kind of definition. */
const FORMULA = 'states a formula that results, shapes and rejections are judged by';
const TERM = 'defines a term or an operation that requirement clauses use';
const CONVENTION = 'describes a named convention; convention.model requires an implementation to behave as the one it declares';
const KNOB =
  "defines a knob's values and which convention takes which; convention.model requires an implementation to follow its convention's knobs";
const DEFAULT = 'defines a default; convention.model requires explicit parameters to win over it';
const REFERENCE = 'describes how the reference computes its result; conformance.tolerance states how close an implementation must come';
const COUNT = 'states a parameter-count formula';

export const DEFINITION_CLAUSES: Readonly<Record<string, string>> = Object.freeze({
  'conv.definition': FORMULA,
  'conv.depthwise': TERM,
  'conv.bias': TERM,
  'dense.definition': FORMULA,
  'dense.bias': TERM,
  'error.codes': "defines the error codes that error.typed requires a rejection's error to carry",
  'convention.features': TERM,
  'convention.cnnspec': CONVENTION,
  'convention.onnx': CONVENTION,
  'convention.pytorch': CONVENTION,
  'convention.tensorflow': CONVENTION,
  'convention.tfjs': CONVENTION,
  'convention.caffe': CONVENTION,
  'convention.tosa': CONVENTION,
  'convention.webnn': CONVENTION,
  'divergence.default-layout': KNOB,
  'divergence.dense-weight-layout': KNOB,
  'divergence.rounding': KNOB,
  'divergence.zero-sized-output': KNOB,
  'divergence.same-with-stride': KNOB,
  'divergence.dilation-with-stride': KNOB,
  'divergence.pool-default-stride': KNOB,
  'divergence.ceil-mode-default': KNOB,
  'divergence.last-window': KNOB,
  'divergence.count-include-pad': KNOB,
  'divergence.pool-pad-limit': KNOB,
  'divergence.empty-window': KNOB,
  'divergence.global-keepdims': KNOB,
  'divergence.feature-availability': KNOB,
  'divergence.same-clamp': KNOB,
  'padding.modes': TERM,
  'padding.valid': FORMULA,
  'padding.same.output-size': FORMULA,
  'padding.same.total': FORMULA,
  'padding.same-upper': FORMULA,
  'padding.same-lower': FORMULA,
  'padding.fill.zeros': TERM,
  'padding.fill.replicate': TERM,
  'params.conv': COUNT,
  'params.grouped': COUNT,
  'params.depthwise': COUNT,
  'params.separable': COUNT,
  'params.conv-transpose': COUNT,
  'params.dense': COUNT,
  'params.pool': COUNT,
  'params.bias': TERM,
  'pool.kinds': TERM,
  'pool.window': TERM,
  'pool.default-stride': DEFAULT,
  'pool.max.nan': KNOB,
  'pool.avg': FORMULA,
  'pool.ceil-mode': TERM,
  'pool.ceil-mode.last-window': FORMULA,
  'pool.empty-window': KNOB,
  'pool.global': TERM,
  'rf.definition': TERM,
  'rf.size': FORMULA,
  'rf.jump': FORMULA,
  'rf.start': FORMULA,
  'rf.stack': FORMULA,
  'rf.transpose': FORMULA,
  'shape.effective-kernel': FORMULA,
  'shape.window': FORMULA,
  'shape.output-size.floor': FORMULA,
  'shape.output-size.ceil': FORMULA,
  'shape.output-size.trunc': FORMULA,
  'layout.channels-first': TERM,
  'layout.kernel': TERM,
  'numerics.rounding': REFERENCE,
});
