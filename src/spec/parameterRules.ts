/**
 * Whether each named convention requires an invalid parameter to be rejected, kind by kind
 * (spec: error.parameter-range, convention.unspecified, convention.sources). A cell is:
 *
 * - `reject`: the convention's own rule declares the case invalid, and the source names it: a
 *   framework's specification or documentation, its code (file and function or message), or for
 *   cnnspec the spec clause. Every answer fails.
 * - `unspecified`: the convention's sources give no rule for the case (or the family's rules
 *   disagree). A rejection passes and so does an answer, which the spec gives no value to judge:
 *   only an answer that is not a valid tensor, shape or count fails.
 * - `defined`: the convention gives the case a meaning the reference does not compute (ONNX's
 *   Pad crops with a negative pad). The properties do not send it under that convention.
 * - `limit`: a value beyond 2^31 - 1, the kit's limit rather than a rule of any framework (spec:
 *   error.limits): a rejection passes, an answer must be the exact one.
 *
 * Every convention's cases are still drawn for every kind, so that the generators' statistics
 * hold under each; the cells decide how the answer is judged. A test checks that every `reject`
 * cell cites a document and every other cell says why (test/spec/parameterRules.test.ts); the
 * table is rendered into spec/errors.md.
 *
 * Read: onnx/onnx f7546912; pytorch/pytorch (aten/src/ATen/native at 006048e4 and the installed
 * torch 1.13 Python sources); tensorflow/tensorflow 1142c5f5 (kernel_shape_util.cc) and 049cb8b3
 * (core/util/padding.cc); keras-team/keras 01b80362; @tensorflow/tfjs-core and tfjs-backend-cpu
 * 4.22.0 as installed, tensorflow/tfjs tfjs-layers 0a95771e; BVLC/caffe 9b891540;
 * arm/tosa-specification cd5acdd0; webmachinelearning/webnn c515210d.
 */
import type { ConventionName, ConventionSpec } from './conventions.js';
import { CONVENTION_NAMES } from './conventions.js';

/** One kind of invalid (or out-of-limit) parameter, as the properties send it. */
export interface ParameterKindInfo {
  /** What the case has, completing "a call or layer with ...". */
  title: string;
  /** The clause of this specification that makes it invalid. */
  clause: string;
  /** Where the properties send it. */
  sentBy: string;
}

export const PARAMETER_KINDS = {
  'stride-below-1': { title: 'a stride of 0 or below', clause: 'shape.stride', sentBy: 'conv, pool, layers' },
  'dilation-below-1': { title: 'a dilation of 0 or below', clause: 'shape.dilation', sentBy: 'conv, pool, layers' },
  'window-below-1': {
    title: 'a kernel or pooling window of size 0 or below (for a convolution call, a weight with an empty spatial axis)',
    clause: 'pool.window',
    sentBy: 'conv, pool, layers',
  },
  'negative-pad': {
    title: 'a negative explicit pad of a convolution or pooling',
    clause: 'padding.explicit',
    sentBy: 'conv, pool, layers',
  },
  'non-integer-window': {
    title: 'a stride, dilation or window size that is not an integer',
    clause: 'shape.stride',
    sentBy: 'conv, pool, layers',
  },
  'non-integer-pad': {
    title: 'an explicit pad of a convolution or pooling that is not an integer',
    clause: 'padding.explicit',
    sentBy: 'conv, pool, layers',
  },
  'window-beyond-input': {
    title: 'a window, dilated or not, that overshoots the padded input by more than a stride: an output size below 0',
    clause: 'shape.output-size.positive',
    sentBy: 'conv, pool, shape inference',
  },
  'groups-not-dividing': { title: 'a group count that does not divide the input channels', clause: 'conv.groups', sentBy: 'layers' },
  'zero-filters': { title: 'a convolution layer with 0 filters or a depth multiplier of 0', clause: 'shape.layers', sentBy: 'layers' },
  'zero-units': { title: 'a dense layer with 0 units', clause: 'dense.definition', sentBy: 'layers' },
  'non-integer-count': {
    title: 'a filter count, unit count or depth multiplier that is not an integer',
    clause: 'shape.layers',
    sentBy: 'layers',
  },
  'empty-batch': {
    title: 'a layer input whose batch axis (for a dense layer, an axis before the features) is 0',
    clause: 'tensor.shape',
    sentBy: 'shape inference',
  },
  'empty-channels': { title: 'a convolution or pooling layer input with 0 channels', clause: 'tensor.shape', sentBy: 'layers' },
  'empty-spatial': {
    title: 'a convolution or pooling layer input with a spatial axis of 0',
    clause: 'tensor.shape',
    sentBy: 'shape inference',
  },
  'empty-features': {
    title: 'a dense call or layer whose input has 0 features (and the weight 0 rows)',
    clause: 'tensor.shape',
    sentBy: 'dense, layers',
  },
  'dense-weight-without-units': { title: 'a dense call whose weight has 0 output features', clause: 'tensor.shape', sentBy: 'dense' },
  'global-pool-empty-axis': {
    title: 'a global pooling of an input with a spatial axis of 0',
    clause: 'tensor.shape',
    sentBy: 'global-pool',
  },
  'pad-op-negative': { title: 'a negative pad in the pad op', clause: 'padding.op', sentBy: 'pad' },
  'pad-op-non-integer': { title: 'a pad in the pad op that is not an integer', clause: 'padding.op', sentBy: 'pad' },
  'conv-transpose-window': {
    title:
      'a transposed convolution with a stride, dilation or kernel size below 1, a negative crop, or a stride, dilation or crop that is not an integer',
    clause: 'conv-transpose.output-size',
    sentBy: 'conv-transpose',
  },
  'conv-transpose-output-padding': {
    title: 'a transposed convolution whose output padding is negative, not an integer, or not below the larger of stride and dilation',
    clause: 'conv-transpose.output-padding',
    sentBy: 'conv-transpose',
  },
  'conv-transpose-output-shape': {
    title:
      'a transposed convolution whose output shape has a length other than the spatial rank (and the full rank, which PyTorch takes), or an entry below 1',
    clause: 'conv-transpose.output-shape',
    sentBy: 'conv-transpose',
  },
  'conv-transpose-channels': {
    title:
      "a transposed convolution whose groups do not divide the input channels, or whose weight's rank or input channels are not the input's",
    clause: 'conv-transpose.weight-layout',
    sentBy: 'conv-transpose',
  },
  'stride-beyond-limit': { title: 'a stride beyond 2^31 - 1', clause: 'error.limits', sentBy: 'conv, pool, layers' },
  'dilation-beyond-limit': { title: 'a dilation beyond 2^31 - 1', clause: 'error.limits', sentBy: 'conv, pool, layers' },
  'window-beyond-limit': { title: 'a kernel or pooling window beyond 2^31 - 1', clause: 'error.limits', sentBy: 'pool, layers' },
  'input-beyond-limit': { title: 'a layer input with an axis beyond 2^31 - 1', clause: 'error.limits', sentBy: 'layers' },
} as const satisfies Record<string, ParameterKindInfo>;

export type ParameterKind = keyof typeof PARAMETER_KINDS;

export const PARAMETER_KIND_NAMES = Object.keys(PARAMETER_KINDS) as ParameterKind[];

/** The kinds beyond the kit's limit (spec: error.limits), judged by exactness rather than by a framework's rule. */
export const LIMIT_KINDS = [
  'stride-beyond-limit',
  'dilation-beyond-limit',
  'window-beyond-limit',
  'input-beyond-limit',
] as const satisfies readonly ParameterKind[];

type LimitKind = (typeof LIMIT_KINDS)[number];
type RuledKind = Exclude<ParameterKind, LimitKind | TransposeKind>;

export type ParameterRule =
  /** The convention's own rule declares the case invalid: every answer fails. */
  | { rule: 'reject'; source: string }
  /** No rule of the convention's sources: a rejection or any valid answer passes. */
  | { rule: 'unspecified'; why: string }
  /** Valid under the convention, with a meaning the reference does not compute: not sent. */
  | { rule: 'defined'; source: string; why: string }
  /** Beyond the kit's limit: a rejection, or the exact answer. */
  | { rule: 'limit'; why: string };

const ONNX_DEFS = 'onnx/onnx onnx/defs/nn/defs.cc';
const ONNX_IR = 'onnx/onnx docs/IR.md: a tensor\'s shape is "a list of non-negative integers"';
const TORCH_CONV = 'pytorch/pytorch aten/src/ATen/native/Convolution.cpp check_shape_forward';
const TORCH_POOL = 'pytorch/pytorch aten/src/ATen/native/Pool.h pool2d_shape_check / pool3d_shape_check';
const TORCH_MAXPOOL1D = 'aten/src/ATen/native/MaxPooling.cpp max_pool1d';
const TORCH_INTS =
  'pytorch/pytorch aten/src/ATen/native/native_functions.yaml: conv1d/2d/3d and max_pool*d/avg_pool*d take int[] stride, padding, dilation and kernel_size (the Python binding raises TypeError "must be tuple of ints" for a float)';
const TF_SHAPE = 'tensorflow/tensorflow tensorflow/core/framework/kernel_shape_util.cc GetWindowedOutputSizeVerbose';
const TF_CONV = 'tensorflow/tensorflow tensorflow/core/kernels/conv_ops.cc';
const KERAS_CONV = 'keras-team/keras keras/src/layers/convolutional/base_conv.py';
const TFJS_CORE = 'tensorflow/tfjs tfjs-core/src/ops';
const TFJS_SHAPE_RULE =
  'tensorflow/tfjs tfjs-core/src/util_base.ts assertNonNegativeIntegerDimensions: "Tensor must have a shape comprised of positive integers" (sizes are integers >= 0)';
const TFJS_LAYERS = 'tensorflow/tfjs tfjs-layers/src/layers';
const CAFFE_BASE_CONV = 'BVLC/caffe src/caffe/layers/base_conv_layer.cpp LayerSetUp';
const CAFFE_POOLING = 'BVLC/caffe src/caffe/layers/pooling_layer.cpp LayerSetUp';
const CAFFE_PROTO = 'BVLC/caffe src/caffe/proto/caffe.proto';
const CAFFE_BLOB = 'BVLC/caffe src/caffe/blob.cpp Reshape: CHECK_GE(shape[i], 0), and blobs of size 0 are allowed';
const TOSA = 'arm/tosa-specification';
const TOSA_SHAPES = `${TOSA} chapters/introduction.adoc: "The tensor shape in each dimension must be greater than or equal to 1."`;
const WEBNN = 'webmachinelearning/webnn index.bs';
const WEBNN_DIMENSION = `${WEBNN}: an operand's shape is checked by "check dimensions" ("If any item of descriptor.shape is not a valid dimension, then return false"), a valid dimension being "an integer greater than zero"`;
const WEBIDL_RANGE =
  'WebIDL [EnforceRange] (https://webidl.spec.whatwg.org/#abstract-opdef-converttoint): "Set x to IntegerPart(x)", so 1.5 is read as 1';

const cnnspec = (clause: string, rule: string): ParameterRule => ({ rule: 'reject', source: `spec: ${clause} — ${rule}` });
const reject = (source: string): ParameterRule => ({ rule: 'reject', source });
const unspecified = (why: string): ParameterRule => ({ rule: 'unspecified', why });

/** The rules of the named conventions for the kinds a framework may rule on. */
const RULED: Readonly<Record<ConventionName, Readonly<Record<RuledKind, ParameterRule>>>> = {
  cnnspec: {
    'stride-below-1': cnnspec('shape.stride', 'a stride "MUST be an integer ≥ 1"'),
    'dilation-below-1': cnnspec('shape.dilation', 'a dilation "MUST be an integer ≥ 1"'),
    'window-below-1': cnnspec(
      'tensor.shape',
      'every dimension of an input tensor (a weight) is an integer from 1 to 2^31 - 1; pool.window takes a window size in the same range (E_PARAM_RANGE)',
    ),
    'negative-pad': cnnspec('padding.explicit', 'each pad is "an integer ≥ 0"'),
    'non-integer-window': cnnspec('shape.stride', 'strides, dilations (shape.dilation) and window sizes (pool.window) are integers'),
    'non-integer-pad': cnnspec('padding.explicit', 'each pad is "an integer ≥ 0"'),
    'window-beyond-input': cnnspec('shape.output-size.positive', '"A negative size is invalid under every convention"'),
    'groups-not-dividing': cnnspec('conv.groups', 'the group count divides the input and output channels (E_GROUPS)'),
    'zero-filters': cnnspec(
      'shape.layers',
      "filters and depth multiplier give the weight's output channels, a dimension of a weight (tensor.shape: from 1 to 2^31 - 1)",
    ),
    'zero-units': cnnspec('dense.definition', "units are the weight's N_out, a dimension of a weight (tensor.shape: from 1 to 2^31 - 1)"),
    'non-integer-count': cnnspec('tensor.shape', 'counts are dimensions of weights, integers from 1 to 2^31 - 1'),
    'empty-batch': cnnspec('tensor.shape', '"Every dimension of an input tensor MUST be an integer from 1 to 2^31 - 1"'),
    'empty-channels': cnnspec('tensor.shape', '"Every dimension of an input tensor MUST be an integer from 1 to 2^31 - 1"'),
    'empty-spatial': cnnspec('tensor.shape', '"Every dimension of an input tensor MUST be an integer from 1 to 2^31 - 1"'),
    'empty-features': cnnspec('tensor.shape', '"Every dimension of an input tensor MUST be an integer from 1 to 2^31 - 1"'),
    'dense-weight-without-units': cnnspec(
      'tensor.shape',
      'the weight is an input tensor, whose dimensions are integers from 1 to 2^31 - 1',
    ),
    'global-pool-empty-axis': cnnspec('tensor.shape', 'the input of a global pooling is its window (pool.global) and has no empty axis'),
    'pad-op-negative': cnnspec('padding.op', 'the pad op takes explicit pads (padding.explicit: integers ≥ 0)'),
    'pad-op-non-integer': cnnspec('padding.op', 'the pad op takes explicit pads (padding.explicit: integers ≥ 0)'),
  },
  onnx: {
    'stride-below-1': reject('onnx/onnx onnx/defs/nn/utils.cc getConvPoolStrides: "Attribute strides must only contain positive values"'),
    'dilation-below-1': reject(`${ONNX_DEFS} convPoolShapeInference: "Attribute dilations must only contain positive values"`),
    'window-below-1': reject(
      `${ONNX_DEFS} convPoolShapeInference: "Attribute kernel_shape must only contain positive values" (for Conv, the kernel shape read from W)`,
    ),
    'negative-pad': reject(
      `${ONNX_DEFS} pads_doc: pads "can take any value greater than or equal to 0"; convPoolShapeInference: "Attribute pads must not contain negative values"`,
    ),
    'non-integer-window': reject(`${ONNX_DEFS}: strides, dilations and kernel_shape are AttributeProto::INTS, lists of int64`),
    'non-integer-pad': reject(`${ONNX_DEFS}: pads is AttributeProto::INTS, a list of int64`),
    'window-beyond-input': reject(`${ONNX_IR}; convPoolShapeInference would give a negative dimension`),
    'groups-not-dividing': reject(`${ONNX_DEFS} Conv input W: "X.shape[1] == (W.shape[1] * group) == C and W.shape[0] mod G == 0"`),
    'zero-filters': unspecified(
      'ONNX allows dimensions of 0 (docs/IR.md: shapes are lists of non-negative integers) and Conv says nothing of a weight with M = 0 (onnx/defs/nn/defs.cc)',
    ),
    'zero-units': unspecified('Gemm says nothing of N = 0 (onnx/defs/math/defs.cc), and docs/IR.md allows dimensions of 0'),
    'non-integer-count': reject('onnx/onnx onnx/onnx.proto TensorShapeProto.Dimension: dim_value is an int64'),
    'empty-batch': unspecified(
      'docs/IR.md allows dimensions of 0 and Conv, MaxPool, AveragePool and Gemm (onnx/defs/nn/defs.cc, math/defs.cc) say nothing of an empty batch',
    ),
    'empty-channels': unspecified('docs/IR.md allows dimensions of 0 and onnx/defs/nn/defs.cc says nothing of inputs with 0 channels'),
    'empty-spatial': unspecified('docs/IR.md allows dimensions of 0 and onnx/defs/nn/defs.cc says nothing of an empty spatial axis'),
    'empty-features': unspecified('Gemm says nothing of K = 0 (onnx/defs/math/defs.cc), and docs/IR.md allows dimensions of 0'),
    'dense-weight-without-units': unspecified('Gemm says nothing of N = 0 (onnx/defs/math/defs.cc), and docs/IR.md allows dimensions of 0'),
    'global-pool-empty-axis': unspecified(
      'GlobalMaxPool and GlobalAveragePool (onnx/defs/nn/defs.cc) say nothing of an empty spatial axis, and docs/IR.md allows dimensions of 0',
    ),
    'pad-op-negative': {
      rule: 'defined',
      source: 'onnx/onnx docs/Operators.md Pad (since Pad-2): pads is "the number of padding elements to add or remove (if negative)"',
      why: 'ONNX crops with a negative pad, which the reference pad op does not compute',
    },
    'pad-op-non-integer': reject('onnx/onnx docs/Operators.md Pad: the pads input is tensor(int64)'),
  },
  pytorch: {
    'stride-below-1': reject(
      `${TORCH_CONV}: "non-positive stride is not supported"; ${TORCH_POOL}: "stride should be greater than zero"; ${TORCH_MAXPOOL1D}: "stride must be greater than zero"`,
    ),
    'dilation-below-1': reject(
      `${TORCH_CONV}: "dilation should be greater than zero"; ${TORCH_POOL}: "dilation should be greater than zero"`,
    ),
    'window-below-1': reject(
      `${TORCH_POOL}: "kernel size should be greater than zero"; aten/src/ATen/native/ConvolutionMM2d.cpp slow_conv2d_shape_check: "kernel size should be greater than zero"; ${TORCH_MAXPOOL1D}: "kernel_size must be greater than zero"`,
    ),
    'negative-pad': reject(`${TORCH_CONV}: "negative padding is not supported"; ${TORCH_POOL}: "pad must be non-negative"`),
    'non-integer-window': reject(TORCH_INTS),
    'non-integer-pad': reject(TORCH_INTS),
    'window-beyond-input': reject(
      `${TORCH_CONV}: "Kernel size can't be greater than actual input size"; ${TORCH_POOL}: "Output size is too small"`,
    ),
    'groups-not-dividing': reject(
      'pytorch/pytorch torch/nn/modules/conv.py _ConvNd: "in_channels must be divisible by groups"; aten/src/ATen/native/Convolution.cpp check_shape_forward: "expected input ... to have ... channels"',
    ),
    'zero-filters': reject(`${TORCH_CONV}: "Given groups=..., expected weight to be at least ... at dimension 0"`),
    'zero-units': unspecified('nn.Linear takes out_features = 0 without a check (torch/nn/modules/linear.py) and answers an empty output'),
    'non-integer-count': reject('pytorch/pytorch torch/nn/modules/conv.py and linear.py: "out_channels (int)", "out_features (int)"'),
    'empty-batch': {
      rule: 'defined',
      source: `${TORCH_POOL}: "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input"; pytorch/pytorch aten/src/ATen/native/Convolution.cpp _select_conv_backend: "Only zero batch or zero channel inputs are supported"`,
      why: 'PyTorch answers an empty batch with an empty output, which the reference does not compute',
    },
    'empty-channels': unspecified(
      'PyTorch\'s convolution takes 0 channels (aten/src/ATen/native/Convolution.cpp _select_conv_backend: "Only zero batch or zero channel inputs are supported") while its pooling does not (Pool.h pool2d_shape_check: "with optional 0 dim batch size")',
    ),
    'empty-spatial': reject(
      `pytorch/pytorch aten/src/ATen/native/Convolution.cpp _select_conv_backend: "Only zero batch or zero channel inputs are supported"; ${TORCH_POOL}: "Expected input's non-batch dimensions to have positive length"`,
    ),
    'empty-features': unspecified(
      'F.linear / nn.Linear (torch/nn/modules/linear.py) state nothing for in_features = 0; torch.matmul over an empty inner dimension gives zeros',
    ),
    'dense-weight-without-units': unspecified(
      'F.linear with a weight of 0 rows (torch/nn/modules/linear.py: out_features unchecked) answers an empty output',
    ),
    'global-pool-empty-axis': reject(
      'pytorch/pytorch aten/src/ATen/native/AdaptiveAveragePooling.cpp adaptive_avg_pool2d_out_cpu_template: "expected input to have non-empty spatial dimensions"; AdaptiveMaxPooling2d.cpp: "Expected input to have non-zero size for non-batch dimensions"',
    ),
    'pad-op-negative': {
      rule: 'defined',
      source:
        'pytorch/pytorch torch/nn/modules/padding.py ConstantPad1d: "W_out = W_in + padding_left + padding_right"; aten/src/ATen/native/PadNd.cpp constant_pad_nd: c_input.narrow(...) for a negative pad',
      why: 'F.pad crops with a negative pad, which the reference pad op does not compute',
    },
    'pad-op-non-integer': reject(
      'pytorch/pytorch aten/src/ATen/native/native_functions.yaml constant_pad_nd(Tensor self, SymInt[] pad, ...): F.pad raises TypeError "must be tuple of ints"',
    ),
  },
  tensorflow: {
    'stride-below-1': reject(
      `${TF_SHAPE}: "Stride must be > 0"; ${KERAS_CONV}: strides "including values ... that do not satisfy \`value > 0\`"`,
    ),
    'dilation-below-1': reject(`${TF_SHAPE}: "Dilation rate must be >= 1"`),
    'window-below-1': reject(
      `${TF_CONV}: "filter must not have zero elements (i.e. all dimensions must be non-zero)"; tensorflow/core/kernels/maxpooling_op.cc: "Sliding window ksize for dimension ... was zero"`,
    ),
    'negative-pad': reject(
      'tensorflow/tensorflow tensorflow/core/util/padding.cc CheckValidPadding: "All elements of explicit_paddings must be nonnegative"',
    ),
    'non-integer-window': reject(
      'tensorflow/tensorflow tensorflow/core/ops/nn_ops.cc Conv2D, MaxPool: attributes "strides: list(int)", "ksize: list(int)", "dilations: list(int)"',
    ),
    'non-integer-pad': reject(
      'tensorflow/tensorflow tensorflow/core/util/padding.cc GetExplicitPaddingsAttrString: "explicit_paddings: list(int) = []"',
    ),
    'window-beyond-input': reject(`${TF_SHAPE}: "Computed output size would be negative"`),
    'groups-not-dividing': reject(
      `${TF_CONV}: "input depth must be evenly divisible by filter depth"; ${KERAS_CONV}: "The number of input channels must be evenly divisible by the number of groups"`,
    ),
    'zero-filters': reject(
      `${KERAS_CONV}: "Invalid value for argument \`filters\`. Expected a strictly positive value."; keras/src/layers/convolutional/base_depthwise_conv.py: the same for \`depth_multiplier\``,
    ),
    'zero-units': reject(
      'keras-team/keras keras/src/layers/core/dense.py Dense.__init__: "if not isinstance(units, int) or units <= 0: raise ValueError"',
    ),
    'non-integer-count': reject(
      'keras-team/keras keras/src/layers/core/dense.py Dense.__init__ (isinstance(units, int)); base_conv.py: filters "int, the dimension of the output space"',
    ),
    'empty-batch': unspecified(
      'tensorflow/core/kernels/conv_ops.cc and pooling kernels state no rule for an empty batch; TensorFlow tensors may have dimensions of 0',
    ),
    'empty-channels': unspecified(
      `convolution refuses it through its filter (${TF_CONV}: "filter must not have zero elements"), pooling states no rule (tensorflow/core/kernels/pooling_ops_common.cc)`,
    ),
    'empty-spatial': unspecified(
      'tensorflow/core/kernels/conv_ops.cc and pooling_ops_common.cc state no rule for an empty spatial axis apart from the output size (kernel_shape_util.cc)',
    ),
    'empty-features': unspecified(
      'tf.linalg.matmul and Keras Dense (keras/src/layers/core/dense.py) state nothing for an input dimension of 0; an empty inner dimension gives zeros',
    ),
    'dense-weight-without-units': unspecified(
      'tf.linalg.matmul with a weight of 0 columns answers an empty output; only the Dense layer (keras/src/layers/core/dense.py) requires units > 0',
    ),
    'global-pool-empty-axis': unspecified(
      'Keras GlobalMaxPooling and GlobalAveragePooling reduce with ops.max and ops.mean (keras/src/layers/pooling/global_max_pooling2d.py), which state nothing for an empty axis',
    ),
    'pad-op-negative': reject('tensorflow/tensorflow tensorflow/core/kernels/pad_op.cc: "Paddings must be non-negative"'),
    'pad-op-non-integer': reject('tensorflow/tensorflow tensorflow/python/ops/array_ops.py pad: "paddings: A Tensor of type int32"'),
  },
  tfjs: {
    'stride-below-1': reject(
      `${TFJS_CORE}/conv2d.ts, conv1d.ts, conv3d.ts: "Strides should be larger than 0" (conv_util.ts stridesOrDilationsArePositive); avg_pool_3d.ts asserts strides > 0`,
    ),
    'dilation-below-1': reject(
      `${TFJS_CORE}/conv2d.ts, conv1d.ts, conv3d.ts: "Dilated rates should be larger than 0" (conv_util.ts stridesOrDilationsArePositive)`,
    ),
    'window-below-1': unspecified(
      "tfjs-core/src/ops/conv2d.ts, depthwise_conv2d.ts, max_pool.ts and avg_pool.ts check neither the filter's sizes nor filterSize, and tensors may have dimensions of 0",
    ),
    'negative-pad': unspecified('tfjs-core/src/ops/conv_util.ts ExplicitPadding states no sign, and no op checks one'),
    'non-integer-window': unspecified(
      'tfjs-core/src/ops/conv2d.ts, max_pool.ts, avg_pool.ts take strides, dilations and filterSize as numbers and never check that they are integers',
    ),
    'non-integer-pad': unspecified(
      'tfjs-core/src/ops/conv_util.ts checkPadOnDimRoundingMode requires integer pads only with a dimRoundingMode ("pad must be an integer when using dimRoundingMode")',
    ),
    'window-beyond-input': reject(
      `${TFJS_SHAPE_RULE}; conv_util.ts computes the output size without checking it (spec: defect.tfjs-negative-shape)`,
    ),
    'groups-not-dividing': unspecified(
      'TF.js has no grouped convolution (tfjs-core/src/ops has depthwise_conv2d.ts only; conv.groups is undefined under tfjs): such layers are not drawn',
    ),
    'zero-filters': reject(
      `${TFJS_LAYERS}/convolutional.ts Conv: "assertPositiveInteger(this.filters, 'filters')"; convolutional_depthwise.ts: depthMultiplier is a positive integer`,
    ),
    'zero-units': reject(`${TFJS_LAYERS}/core.ts Dense: "assertPositiveInteger(this.units, 'units')"`),
    'non-integer-count': reject(
      `${TFJS_LAYERS}/core.ts Dense and convolutional.ts Conv: assertPositiveInteger (tfjs-layers/src/utils/generic_utils.ts)`,
    ),
    'empty-batch': unspecified(
      'tfjs-core tensors may have dimensions of 0 (util_base.ts assertNonNegativeIntegerDimensions) and no op states a rule for an empty batch',
    ),
    'empty-channels': unspecified(
      'tfjs-core tensors may have dimensions of 0 (util_base.ts) and conv2d.ts / max_pool.ts state no rule for 0 channels',
    ),
    'empty-spatial': unspecified(
      'tfjs-core tensors may have dimensions of 0 (util_base.ts) and conv2d.ts / max_pool.ts state no rule for an empty spatial axis apart from the output size',
    ),
    'empty-features': unspecified('tfjs-core/src/ops/mat_mul.ts multiplies [b, 0] by [0, n] into zeros; only the inner sizes must match'),
    'dense-weight-without-units': unspecified(
      'tfjs-core/src/ops/mat_mul.ts multiplies [b, n] by [n, 0] into [b, 0]; only the Dense layer (tfjs-layers/src/layers/core.ts) asserts units > 0',
    ),
    'global-pool-empty-axis': unspecified(
      'tf.max and tf.mean (tfjs-core/src/ops/max.ts, mean.ts) state nothing for an empty axis (the CPU backend gives NaN and 0)',
    ),
    'pad-op-negative': unspecified('tfjs-core/src/ops/pad.ts: "how much to pad along each dimension", with no sign rule and no check'),
    'pad-op-non-integer': reject(
      `tensorflow/tfjs tfjs-core/src/ops/pad.ts: paddings, "where each element is a length-2 tuple of ints"; ${TFJS_SHAPE_RULE}`,
    ),
  },
  caffe: {
    'stride-below-1': reject(
      `${CAFFE_BASE_CONV}: CHECK_GT(stride_data[i], 0) << "Stride dimensions must be nonzero."; ${CAFFE_PROTO}: strides are uint32 (no negative stride can be written)`,
    ),
    'dilation-below-1': unspecified(
      `a dilation of 0 is not checked (${CAFFE_BASE_CONV} checks kernel and stride only; conv_layer.cpp compute_output_shape reads kernel_extent = 1) and a negative one cannot be written (caffe.proto: repeated uint32 dilation)`,
    ),
    'window-below-1': reject(
      `${CAFFE_BASE_CONV}: "Filter dimensions must be nonzero."; ${CAFFE_POOLING}: "Filter dimensions cannot be zero."`,
    ),
    'negative-pad': reject(`${CAFFE_PROTO} ConvolutionParameter and PoolingParameter: pads are uint32 (no negative pad can be written)`),
    'non-integer-window': reject(`${CAFFE_PROTO}: kernel_size, stride and dilation are uint32`),
    'non-integer-pad': reject(`${CAFFE_PROTO}: pad, pad_h and pad_w are uint32`),
    'window-beyond-input': reject(
      'BVLC/caffe src/caffe/blob.cpp Reshape: CHECK_GE(shape[i], 0), so a negative output size (conv_layer.cpp compute_output_shape, pooling_layer.cpp Reshape) aborts',
    ),
    'groups-not-dividing': reject(`${CAFFE_BASE_CONV}: CHECK_EQ(channels_ % group_, 0)`),
    'zero-filters': reject(`${CAFFE_BASE_CONV}: CHECK_GT(num_output_, 0)`),
    'zero-units': unspecified('BVLC/caffe src/caffe/layers/inner_product_layer.cpp reads num_output (N_) without a check'),
    'non-integer-count': reject(`${CAFFE_PROTO}: num_output is uint32`),
    'empty-batch': unspecified(`${CAFFE_BLOB}; the layers state no rule for an empty batch`),
    'empty-channels': unspecified(`${CAFFE_BLOB}; base_conv_layer.cpp checks channels_ % group_ only`),
    'empty-spatial': unspecified(`${CAFFE_BLOB}; conv_layer.cpp compute_output_shape checks nothing`),
    'empty-features': unspecified(`${CAFFE_BLOB}; inner_product_layer.cpp states no rule for K_ = 0`),
    'dense-weight-without-units': unspecified('BVLC/caffe src/caffe/layers/inner_product_layer.cpp reads num_output (N_) without a check'),
    'global-pool-empty-axis': reject(
      `${CAFFE_POOLING}: global_pooling sets kernel_h_ = bottom[0]->height(), then CHECK_GT(kernel_h_, 0) << "Filter dimensions cannot be zero."`,
    ),
    'pad-op-negative': unspecified(
      'Caffe has no padding layer (src/caffe/proto/caffe.proto); only the pads of convolution and pooling, uint32',
    ),
    'pad-op-non-integer': unspecified(
      'Caffe has no padding layer (src/caffe/proto/caffe.proto); only the pads of convolution and pooling, uint32',
    ),
  },
  tosa: {
    'stride-below-1': reject(`${TOSA} pseudocode/operators/CONV2D.tosac and MAX_POOL2D.tosac: ERROR_IF(stride_y < 1 || stride_x < 1)`),
    'dilation-below-1': reject(`${TOSA} pseudocode/operators/CONV2D.tosac: ERROR_IF(dilation_y < 1 || dilation_x < 1)`),
    'window-below-1': reject(
      `${TOSA} pseudocode/operators/MAX_POOL2D.tosac: ERROR_IF(kernel_y < 1 || kernel_x < 1); chapters/introduction.adoc: tensor shapes (a weight's) are >= 1`,
    ),
    'negative-pad': reject(
      `${TOSA} pseudocode/operators/CONV2D.tosac, MAX_POOL2D.tosac: ERROR_IF(pad_top < 0 || pad_bottom < 0 || pad_left < 0 || pad_right < 0)`,
    ),
    'non-integer-window': reject(`${TOSA} tosa.xml: stride, dilation and kernel are attributes of integer type`),
    'non-integer-pad': reject(`${TOSA} tosa.xml: pad is an attribute of integer type`),
    'window-beyond-input': reject(
      `${TOSA} pseudocode/operators/CONV2D.tosac and MAX_POOL2D.tosac: ERROR_IF(OH != idiv_check(...) + 1), with OH a tensor dimension (chapters/introduction.adoc: "greater than or equal to 1")`,
    ),
    'groups-not-dividing': unspecified(
      'TOSA has no grouped convolution (conv.groups undefined under tosa; tosa.xml DEPTHWISE_CONV2D only): such layers are not drawn',
    ),
    'zero-filters': reject(TOSA_SHAPES),
    'zero-units': reject(TOSA_SHAPES),
    'non-integer-count': reject(`${TOSA} tosa.xml: shapes are lists of integers (shape_t)`),
    'empty-batch': reject(TOSA_SHAPES),
    'empty-channels': reject(TOSA_SHAPES),
    'empty-spatial': reject(TOSA_SHAPES),
    'empty-features': reject(TOSA_SHAPES),
    'dense-weight-without-units': reject(TOSA_SHAPES),
    'global-pool-empty-axis': reject(TOSA_SHAPES),
    'pad-op-negative': reject(`${TOSA} pseudocode/operators/PAD.tosac: ERROR_IF(padding[i * 2] < 0 || padding[(i * 2) + 1] < 0)`),
    'pad-op-non-integer': reject(`${TOSA} tosa.xml PAD: padding is a shape of integers (shape_t)`),
  },
  webnn: {
    'stride-below-1': reject(
      `${WEBNN} conv2d: "If any item in options.strides is equal to 0, then throw a TypeError"; strides are sequence<[EnforceRange] unsigned long>, so a negative one throws`,
    ),
    'dilation-below-1': reject(
      `${WEBNN} conv2d: "If any item in options.dilations is equal to 0, then throw a TypeError"; [EnforceRange] unsigned long throws on a negative one`,
    ),
    'window-below-1': reject(
      `${WEBNN} "create a pooling operation": "If any item in options.windowDimensions is equal to 0, then throw a TypeError"; a filter's sizes are valid dimensions`,
    ),
    'negative-pad': reject(
      `${WEBNN} MLConv2dOptions, MLPool2dOptions: padding is sequence<[EnforceRange] unsigned long>, which throws a TypeError on a negative value`,
    ),
    'non-integer-window': {
      rule: 'defined',
      source: WEBIDL_RANGE,
      why: 'WebNN reads strides, dilations and window sizes through [EnforceRange] unsigned long, which truncates',
    },
    'non-integer-pad': {
      rule: 'defined',
      source: WEBIDL_RANGE,
      why: 'WebNN reads pads through [EnforceRange] unsigned long, which truncates',
    },
    'window-beyond-input': reject(
      `${WEBNN} conv2d and pooling: "If either outputHeight or outputWidth is not a valid dimension, then throw a TypeError"`,
    ),
    'groups-not-dividing': reject(`${WEBNN} conv2d: "If inputChannels % options.groups is not 0, then throw a TypeError"`),
    'zero-filters': reject(WEBNN_DIMENSION),
    'zero-units': reject(WEBNN_DIMENSION),
    'non-integer-count': {
      rule: 'defined',
      source: `${WEBNN} MLOperandDescriptor: shape is sequence<[EnforceRange] unsigned long>; ${WEBIDL_RANGE}`,
      why: 'a fractional size is truncated by WebIDL',
    },
    'empty-batch': reject(WEBNN_DIMENSION),
    'empty-channels': reject(WEBNN_DIMENSION),
    'empty-spatial': reject(WEBNN_DIMENSION),
    'empty-features': reject(WEBNN_DIMENSION),
    'dense-weight-without-units': reject(WEBNN_DIMENSION),
    'global-pool-empty-axis': reject(WEBNN_DIMENSION),
    'pad-op-negative': reject(
      `${WEBNN} pad: beginningPadding and endingPadding are sequence<[EnforceRange] unsigned long>, which throws a TypeError on a negative value`,
    ),
    'pad-op-non-integer': {
      rule: 'defined',
      source: `${WEBNN} pad: sequence<[EnforceRange] unsigned long>; ${WEBIDL_RANGE}`,
      why: 'WebNN reads pads through [EnforceRange] unsigned long, which truncates',
    },
  },
};

type TransposeKind = 'conv-transpose-window' | 'conv-transpose-output-padding' | 'conv-transpose-output-shape' | 'conv-transpose-channels';

/** Where a convention's transposed convolution is defined: the source its cells are still to be read from. */
const TRANSPOSE_SOURCES: Readonly<Record<Exclude<ConventionName, 'cnnspec' | 'pytorch'>, string>> = {
  onnx: 'onnx/onnx onnx/defs/nn/defs.cc (ConvTranspose)',
  tensorflow: 'tensorflow/tensorflow tensorflow/core/kernels/conv_grad_input_ops.cc (Conv2DBackpropInput)',
  tfjs: 'tensorflow/tfjs tfjs-core/src/ops/conv2d_transpose.ts',
  caffe: 'BVLC/caffe src/caffe/layers/deconv_layer.cpp',
  tosa: 'arm/tosa-specification pseudocode/operators/TRANSPOSE_CONV2D.tosac',
  webnn: 'webmachinelearning/webnn index.bs (convTranspose2d)',
};

/** Observed with torch 1.13 (F.conv_transpose2d, nn.ConvTranspose2d); the messages name their checks. */
const TORCH_TRANSPOSE = 'pytorch/pytorch aten/src/ATen/native/Convolution.cpp and NaiveConvolutionTranspose2d.cpp (torch 1.13)';

/**
 * The rules for invalid transposed-convolution calls. PyTorch's were observed on torch 1.13; the
 * other frameworks' transposed-convolution sources are not read yet for these cases, so their
 * cells are unspecified: a rejection or a valid answer passes.
 */
const TRANSPOSE_RULES: Readonly<Record<ConventionName, Readonly<Record<TransposeKind, ParameterRule>>>> = Object.fromEntries(
  CONVENTION_NAMES.map((name): [ConventionName, Record<TransposeKind, ParameterRule>] => {
    if (name === 'cnnspec') {
      return [
        name,
        {
          'conv-transpose-window': cnnspec(
            'conv-transpose.output-size',
            'strides (shape.stride) and dilations (conv-transpose.dilation) are integers ≥ 1, crops integers ≥ 0, the weight a tensor (tensor.shape)',
          ),
          'conv-transpose-output-padding': cnnspec(
            'conv-transpose.output-padding',
            '"opad MUST be a non-negative integer smaller than the stride or smaller than the dilation"',
          ),
          'conv-transpose-output-shape': cnnspec(
            'conv-transpose.output-shape',
            '"Each entry MUST be a positive integer, and there MUST be one per spatial axis"',
          ),
          'conv-transpose-channels': cnnspec(
            'conv-transpose.weight-layout',
            "the weight has the input's rank and its input channels; the groups divide the input channels (conv-transpose.groups)",
          ),
        },
      ];
    }
    if (name === 'pytorch') {
      return [
        name,
        {
          'conv-transpose-window': reject(
            `${TORCH_TRANSPOSE}: "non-positive stride is not supported", "dilation should be greater than zero", "kernel size should be greater than zero", "negative padding is not supported"; a float raises TypeError "must be tuple of ints"`,
          ),
          'conv-transpose-output-padding': reject(
            `${TORCH_TRANSPOSE} slow_conv_transpose2d_shape_check: "output padding must be smaller than either stride or dilation", "negative output_padding is not supported"`,
          ),
          'conv-transpose-output-shape': reject(
            'pytorch/pytorch torch/nn/modules/conv.py _ConvTransposeNd._output_padding: "output_size must have 2 or 4 elements" (for 4-D input), "requested an output size of ..., but valid sizes range from ..."',
          ),
          'conv-transpose-channels': reject(
            `${TORCH_TRANSPOSE} check_shape_forward: "Given transposed=1, weight of size ..., expected input ... to have 4 channels", "Given groups=3, expected weight to be divisible by 3"; a weight of another rank is refused`,
          ),
        },
      ];
    }
    const why = `not yet read in ${TRANSPOSE_SOURCES[name]} for this case: a rejection or a valid answer passes until it is`;
    return [
      name,
      {
        'conv-transpose-window': unspecified(why),
        'conv-transpose-output-padding': unspecified(why),
        'conv-transpose-output-shape': unspecified(why),
        'conv-transpose-channels': unspecified(why),
      },
    ];
  }),
) as Record<ConventionName, Record<TransposeKind, ParameterRule>>;

/** The rule of every convention for the values beyond the kit's limit. */
const LIMIT_RULES: Readonly<Record<LimitKind, ParameterRule>> = {
  'stride-beyond-limit': {
    rule: 'limit',
    why: "a stride beyond the limit on a small input leaves one window starting inside the padded input, as the stride max(n + pb + pe, effK) + 1 does: the answer must be that call's",
  },
  'dilation-beyond-limit': {
    rule: 'limit',
    why: 'on a window of one tap a dilation changes nothing (the answer must be that of dilation 1); on a window of two taps or more it makes a window longer than any input, judged as window-beyond-input',
  },
  'window-beyond-limit': {
    rule: 'limit',
    why: 'a window longer than any input of at most 2^31 - 1 elements: judged as window-beyond-input',
  },
  'input-beyond-limit': {
    rule: 'limit',
    why: 'shape inference and parameter counts need no tensor: the answer must be what the formulas give exactly',
  },
};

export const PARAMETER_RULES: Readonly<Record<ConventionName, Readonly<Record<ParameterKind, ParameterRule>>>> = Object.fromEntries(
  CONVENTION_NAMES.map((name) => [name, { ...RULED[name], ...TRANSPOSE_RULES[name], ...LIMIT_RULES }]),
) as Record<ConventionName, Record<ParameterKind, ParameterRule>>;

/** The named convention a spec stands on: a convention with overrides keeps its base's rules (no knob rules on parameters). */
export function ruleConvention(spec: ConventionSpec): ConventionName {
  return typeof spec === 'string' ? spec : spec.base;
}

/** The rule for a kind of case under a convention. */
export function parameterRule(spec: ConventionSpec, kind: ParameterKind): ParameterRule {
  return PARAMETER_RULES[ruleConvention(spec)][kind];
}
