/**
 * Where every value of every knob of every named convention comes from (spec:
 * convention.sources): a framework's specification or documentation (document and section), its
 * code (file and function, at the commit read), or a public issue. A value no source fixes is
 * `unspecified`, with where the sources are silent or disagree; a value that cannot take effect
 * under the convention is `moot`, with the features it lacks or the rule that makes the case
 * impossible (checked by test/spec/conventionSources.test.ts). cnnspec's own values are its
 * choices, argued in spec: convention.cnnspec.
 *
 * Commits read: onnx/onnx f7546912; arm/tosa-specification cd5acdd0; webmachinelearning/webnn
 * c515210d; webmachinelearning/webnn-baseline b7a6aae7; tensorflow/tfjs 0fc04d95;
 * keras-team/keras 3422977a; BVLC/caffe 9b891540; pytorch/pytorch Pool.h 05f542c9;
 * tensorflow/tensorflow kernel_shape_util.cc 1142c5f5.
 */
import type { ConventionName, Knob } from './conventions.js';
import type { Feature } from './features.js';

export type KnobSource =
  /** cnnspec's own choice, and why. */
  | { kind: 'chosen'; why: string }
  /** The source that fixes the value. */
  | { kind: 'cited'; source: string }
  /** Where the sources are silent or disagree: every value conforms (spec: convention.unspecified). */
  | { kind: 'unspecified'; source: string }
  /**
   * The knob cannot take effect: the convention does not define the features it acts on, or its
   * other rules leave no pooling window without an input tap (`noEmptyWindows`, for the empty-window knobs).
   */
  | { kind: 'moot'; why: string; undefinedFeatures?: readonly Feature[]; noEmptyWindows?: true };

type Sources = Readonly<Record<Knob | 'undefinedFeatures', KnobSource>>;

const ONNX_DEFS = 'onnx/onnx onnx/defs/nn/defs.cc';
const PYTORCH_POOL = 'pytorch/pytorch aten/src/ATen/native/Pool.h';
const TF_SHAPE = 'tensorflow/tensorflow tensorflow/core/framework/kernel_shape_util.cc GetWindowedOutputSizeVerbose';
const TFJS_CONV_UTIL = 'tensorflow/tfjs tfjs-core/src/ops/conv_util.ts';
const TFJS_CONV2D_TRANSPOSE = 'tensorflow/tfjs tfjs-core/src/ops/conv2d_transpose.ts conv2dTranspose_ (documentation)';
const TFJS_POOL_UTILS = 'tensorflow/tfjs tfjs-backend-cpu/src/utils/pool_utils.ts pool()';
const CAFFE_POOLING = 'BVLC/caffe src/caffe/layers/pooling_layer.cpp';
const TOSA = 'arm/tosa-specification';
const WEBNN = 'webmachinelearning/webnn index.bs';

const noCeilMode = (who: string): KnobSource => ({ kind: 'moot', why: `${who} has no ceil mode`, undefinedFeatures: ['pool.ceil-mode'] });
const noSamePadding = (who: string): KnobSource => ({
  kind: 'moot',
  why: `${who} has no same padding; pads are explicit`,
  undefinedFeatures: ['padding.same-upper', 'padding.same-lower'],
});

export const CONVENTION_SOURCES: Readonly<Record<ConventionName, Sources>> = {
  cnnspec: {
    layout: { kind: 'chosen', why: 'the layout most frameworks default to (ONNX, PyTorch, Caffe, WebNN)' },
    denseWeightLayout: { kind: 'chosen', why: 'the layout of ONNX Gemm, Keras, TensorFlow, TF.js and WebNN gemm' },
    rounding: { kind: 'chosen', why: 'floor, which every framework with a stated formula uses' },
    zeroSizedOutput: { kind: 'chosen', why: 'an empty output is an error, as in PyTorch, Keras and WebNN' },
    sameWithStride: { kind: 'chosen', why: 'same padding is defined for any stride, as in ONNX, TensorFlow and TF.js' },
    dilationWithStride: { kind: 'chosen', why: 'dilation and stride combine freely, as in ONNX, PyTorch, Caffe, TOSA and WebNN' },
    poolDefaultStride: { kind: 'chosen', why: 'the window size, as in PyTorch and Keras and the teaching notes (non-overlapping windows)' },
    poolCeilMode: { kind: 'chosen', why: 'floor by default, as everywhere but Caffe' },
    lastWindowRule: { kind: 'chosen', why: 'the rule of PyTorch and ONNX, so that no window starts in the end padding' },
    countIncludePad: { kind: 'chosen', why: 'padding not counted, as in ONNX, TensorFlow, TF.js, TOSA and WebNN' },
    poolPadLimit: { kind: 'chosen', why: 'no limit: every pad has a defined result' },
    maxPoolNan: { kind: 'chosen', why: 'NaN propagates, losing no information, as in PyTorch and TOSA' },
    maxPoolEmpty: { kind: 'chosen', why: '-Infinity, the identity of the maximum' },
    avgPoolEmpty: { kind: 'chosen', why: 'NaN, the quotient 0/0' },
    globalKeepDims: { kind: 'chosen', why: 'the spatial axes stay as size 1, as in ONNX, PyTorch, Caffe and WebNN' },
    outputPaddingLimit: {
      kind: 'chosen',
      why: 'below max(stride, dilation), as in PyTorch and ONNX Runtime: the widest limit any framework states, and every such output padding has a defined result',
    },
    outputShapeRule: { kind: 'chosen', why: "any output size, its total crop split as ONNX's ConvTranspose says: the widest rule" },
    undefinedFeatures: { kind: 'chosen', why: 'cnnspec defines every feature' },
  },
  onnx: {
    layout: { kind: 'cited', source: `${ONNX_DEFS}, Conv and pooling input X: "(N x C x H x W)"; there is no layout attribute` },
    denseWeightLayout: { kind: 'cited', source: 'onnx/onnx onnx/defs/math/defs.cc, Gemm: B is (K, N) unless transB, which defaults to 0' },
    rounding: {
      kind: 'unspecified',
      source: `${ONNX_DEFS}: the pooling documentation floors ("output_spatial_shape[i] = floor(...)"), while convPoolShapeInference divides with C++ truncation (checkedDivide in onnx/defs/shape_inference.h), giving 0 where floor gives -1`,
    },
    zeroSizedOutput: {
      kind: 'unspecified',
      source: `${ONNX_DEFS}: Conv, MaxPool and AveragePool say nothing of an output size of 0; docs/IR.md treats zero-sized dimensions as ordinary tensors, and strict shape inference (onnx 1.12) infers 0 for a window one longer than the input`,
    },
    sameWithStride: {
      kind: 'cited',
      source: `${ONNX_DEFS}, conv_auto_pad_doc: SAME_UPPER/SAME_LOWER give "output_shape[i] = ceil(input_shape[i] / strides[i])" for any stride; backend test conv_with_autopad_same uses strides 2`,
    },
    dilationWithStride: {
      kind: 'cited',
      source: `${ONNX_DEFS}, Conv attributes dilations and strides, combined with no restriction in convPoolShapeInference; backend test test_Conv3d_dilated_strided`,
    },
    poolDefaultStride: {
      kind: 'cited',
      source: `${ONNX_DEFS}, PoolOpSchemaGenerator strides: "If not present, the stride defaults to 1 along each spatial axis."`,
    },
    poolCeilMode: { kind: 'cited', source: `${ONNX_DEFS}, ceil_mode: "Whether to use ceil or floor (default)", default 0` },
    lastWindowRule: {
      kind: 'cited',
      source: `${ONNX_DEFS}, convPoolShapeInference: "if (ceil_mode == 1 && (output_size - 1) * strides[i] >= input_size + pads[i]) --output_size" and the pooling doc "Sliding windows that would start in the right padded region are ignored." (onnx/onnx#5741, since onnx 1.16)`,
    },
    countIncludePad: { kind: 'cited', source: `${ONNX_DEFS}, AveragePool count_include_pad: "Default is 0, doesn't count include pad."` },
    poolPadLimit: { kind: 'cited', source: `${ONNX_DEFS}, pads_doc: pads "can take any value greater than or equal to 0"` },
    maxPoolNan: { kind: 'unspecified', source: `${ONNX_DEFS}, MaxPool: "maximum number of elements exclude pad", with no word on NaN` },
    maxPoolEmpty: {
      kind: 'unspecified',
      source: 'the ONNX spec is silent; https://github.com/onnx/onnx/issues/1922 (open) asks what MaxPool gives for "a pure padding zone"',
    },
    avgPoolEmpty: {
      kind: 'unspecified',
      source:
        'the ONNX spec is silent; https://github.com/onnx/onnx/issues/1922 (open) asks whether an average over padding only is "nan (division by 0) or 0"',
    },
    globalKeepDims: {
      kind: 'cited',
      source: `${ONNX_DEFS}, GlobalPoolingOpSchemaGenerator Y: "the same rank as the input ... the other dimensions are all 1"`,
    },
    outputPaddingLimit: {
      kind: 'unspecified',
      source: `${ONNX_DEFS}, ConvTranspose output_padding: "must be less than the corresponding stride/dilation dimension", which reads as below the stride, or below the stride or the dilation (ONNX Runtime's check)`,
    },
    outputShapeRule: {
      kind: 'cited',
      source: `${ONNX_DEFS}, ConvTranspose: "output_shape can also be explicitly set which will cause pads values to be auto generated" with total_padding[i] = stride[i] * (input_size[i] - 1) + output_padding[i] + ((kernel_shape[i] - 1) * dilations[i] + 1) - output_shape[i], for any output_shape`,
    },
    undefinedFeatures: {
      kind: 'cited',
      source: `${ONNX_DEFS}: the pads of Conv and pooling are zeros only (no fill modes) and the layout is N x C x D1 ... Dn only`,
    },
  },
  pytorch: {
    layout: { kind: 'cited', source: 'pytorch/pytorch torch/nn/modules/conv.py and pooling.py, Shape: "Input: (N, C_in, H_in, W_in)"' },
    denseWeightLayout: {
      kind: 'cited',
      source: 'pytorch/pytorch torch/nn/modules/linear.py, Linear.weight "of shape (out_features, in_features)"',
    },
    rounding: {
      kind: 'cited',
      source: `${PYTORCH_POOL} pooling_output_shape_pad_lr: div_rtn (rounds toward -infinity); torch/nn/modules/conv.py: H_out = floor(...)`,
    },
    zeroSizedOutput: {
      kind: 'cited',
      source: `${PYTORCH_POOL} pool2d_shape_check / pool3d_shape_check: "Output size is too small"; convolution: "Kernel size can't be greater than actual input size"`,
    },
    sameWithStride: {
      kind: 'cited',
      source: 'pytorch/pytorch torch/nn/modules/conv.py _ConvNd: "padding=\'same\' is not supported for strided convolutions"',
    },
    dilationWithStride: {
      kind: 'cited',
      source: `pytorch/pytorch torch/nn/modules/conv.py: independent stride and dilation in H_out = floor((H_in + 2*padding - dilation*(kernel_size-1) - 1)/stride + 1); ${PYTORCH_POOL} pooling_output_shape likewise`,
    },
    poolDefaultStride: {
      kind: 'cited',
      source: 'pytorch/pytorch torch/nn/modules/pooling.py: "stride: the stride of the window. Default value is kernel_size"',
    },
    poolCeilMode: { kind: 'cited', source: 'pytorch/pytorch torch/nn/modules/pooling.py: ceil_mode defaults to False' },
    lastWindowRule: {
      kind: 'cited',
      source: `${PYTORCH_POOL} pooling_output_shape_pad_lr: "ensure that the last pooling starts inside the image", if ((outputSize - 1) * stride >= inputSize + pad_l) --outputSize`,
    },
    countIncludePad: { kind: 'cited', source: 'pytorch/pytorch torch/nn/modules/pooling.py AvgPool*d: count_include_pad defaults to True' },
    poolPadLimit: {
      kind: 'cited',
      source: `${PYTORCH_POOL}: pooling_output_shape "pad should be at most half of effective kernel size"; pool3d_shape_check (kT / 2 >= pT) and max_pool1d (padding <= kernel_size / 2) check the undilated window, which the convention follows`,
    },
    maxPoolNan: {
      kind: 'cited',
      source:
        'pytorch/pytorch aten/src/ATen/native/cpu/MaxPoolKernel.cpp: if ((val > maxval) || std::isnan(val)); https://github.com/pytorch/pytorch/pull/7670',
    },
    maxPoolEmpty: {
      kind: 'cited',
      source:
        'pytorch/pytorch aten/src/ATen/native/cpu/MaxPoolKernel.cpp: maxval = -std::numeric_limits<accscalar_t>::infinity() (dilated windows can miss the input)',
    },
    avgPoolEmpty: {
      kind: 'moot',
      why: 'average pooling has no dilation, pads are at most half the window and the last-window rule applies, so every window holds an input tap',
      undefinedFeatures: ['pool.avg.dilation'],
      noEmptyWindows: true,
    },
    globalKeepDims: {
      kind: 'cited',
      source: 'pytorch/pytorch torch/nn/modules/pooling.py AdaptiveAvgPool2d: "Output: (N, C, S_0, S_1)" with output_size 1',
    },
    outputPaddingLimit: {
      kind: 'cited',
      source:
        'pytorch/pytorch aten/src/ATen/native/NaiveConvolutionTranspose2d.cpp slow_conv_transpose2d_shape_check (and NaiveConvolutionTranspose3d.cpp): "output padding must be smaller than either stride or dilation"',
    },
    outputShapeRule: {
      kind: 'moot',
      why: "torch.nn.functional.conv_transpose*d take no output size (the module's output_size only picks an output padding)",
      undefinedFeatures: ['conv-transpose.output-shape'],
    },
    undefinedFeatures: {
      kind: 'cited',
      source: `pytorch/pytorch torch/nn/modules/conv.py (padding='same' splits the extra pad at the end only; ConvTranspose*d take no string padding, and their output_size only picks an output_padding below the stride), pooling.py (no 'same', no dilation in AvgPool*d); tensors are (N, C, ...)`,
    },
  },
  tensorflow: {
    layout: {
      kind: 'cited',
      source:
        'tensorflow/tensorflow tensorflow/python/ops/nn_ops.py data_format default "NHWC"; keras-team/keras keras/src/backend/config.py _IMAGE_DATA_FORMAT = "channels_last"',
    },
    denseWeightLayout: {
      kind: 'cited',
      source: 'keras-team/keras keras/src/layers/core/dense.py: kernel_shape = (input_shape[-1], self.units)',
    },
    rounding: {
      kind: 'unspecified',
      source: `the documentation (nn_ops.py "Notes on padding") and Keras (operation_utils.py np.floor) floor; the kernels divide with C++ truncation (${TF_SHAPE}); https://github.com/tensorflow/tensorflow/pull/123894`,
    },
    zeroSizedOutput: {
      kind: 'unspecified',
      source: `eager kernels return an empty tensor (${TF_SHAPE} errors only below 0); graph shape inference and XLA raise "Negative dimension size" and Keras raises "Computed output size would be zero or negative" (https://github.com/tensorflow/tensorflow/issues/127907, #61879, #112371)`,
    },
    sameWithStride: {
      kind: 'cited',
      source: `${TF_SHAPE}, SAME: output_size = (input_size + stride - 1) / stride for any stride; nn_ops.py "Notes on padding"`,
    },
    dilationWithStride: {
      kind: 'unspecified',
      source:
        'tf.nn.convolution, tf.nn.pool (nn_ops.py _get_strides_and_dilation_rate) and Keras conv layers reject dilation with a stride; the Conv2D op and tf.nn.conv2d accept it (https://github.com/tensorflow/tensorflow/issues/48395)',
    },
    poolDefaultStride: {
      kind: 'cited',
      source:
        'keras-team/keras keras/src/layers/pooling/base_pooling.py: strides = pool_size if strides is None (tf.nn pooling takes strides as a required argument)',
    },
    poolCeilMode: noCeilMode('TensorFlow'),
    lastWindowRule: noCeilMode('TensorFlow'),
    countIncludePad: {
      kind: 'cited',
      source:
        'tensorflow/tensorflow tensorflow/python/ops/nn_ops.py "Notes on padding": "For pooling layers, padding is excluded from the computation."',
    },
    poolPadLimit: {
      kind: 'unspecified',
      source:
        'MaxPool\'s kernel requires explicit pads smaller than the window (tensorflow/core/kernels/pooling_ops_common.cc CheckPaddingSize: "needs to be smaller than the window size"), its documentation says they "cannot be greater than the sliding window size" (tf.nn.max_pool2d), and AvgPool takes no explicit pads at all (nn_ops.py avg_pool_v2: "VALID" or "SAME")',
    },
    maxPoolNan: {
      kind: 'unspecified',
      source:
        'the CPU kernel propagates NaN in vectorised channel packets and drops it in the scalar tail: https://github.com/tensorflow/tensorflow/issues/125965 (open)',
    },
    maxPoolEmpty: {
      kind: 'cited',
      source:
        'tensorflow/tensorflow tensorflow/core/kernels/pooling_ops_common.h SpatialMaxPool: out_shard.setConstant(Eigen::NumTraits<T>::lowest()); https://github.com/tensorflow/tensorflow/issues/2501',
    },
    avgPoolEmpty: {
      kind: 'unspecified',
      source:
        "AvgPool takes only SAME and VALID padding (tensorflow/python/ops/nn_ops.py avg_pool_v2: \"padding: A string, either 'VALID' or 'SAME'\"), whose windows always hold an input tap; no source says what a window of explicit pads without input gives",
    },
    globalKeepDims: {
      kind: 'cited',
      source: 'keras-team/keras keras/src/layers/pooling/base_global_pooling.py: keepdims=False (tf.nn has no global pooling op)',
    },
    outputPaddingLimit: {
      kind: 'cited',
      source:
        'keras-team/keras keras/src/layers/convolutional/base_conv_transpose.py BaseConvTranspose.__init__: "`output_padding` must be strictly less than `strides`" (tf.nn.conv2d_transpose has no output padding)',
    },
    outputShapeRule: {
      kind: 'cited',
      source: `tensorflow/tensorflow tensorflow/core/kernels/conv_grad_shape_utils.cc ConvBackpropExtractAndVerifyDimension: the convolution of output_shape must give the input, else "Size of out_backprop doesn't match computed"; Keras never passes an output padding with an output shape, so cnnspec follows WebNN in ignoring it there`,
    },
    undefinedFeatures: {
      kind: 'cited',
      source:
        'tensorflow/tensorflow nn_ops.py "Notes on padding" (SAME puts the extra pad at the end), tf.pad modes apart from convolution, no ceil mode and no count-include-pad option in tf.nn pooling or Keras, no groups in conv2d_transpose, conv3d_transpose or Keras Conv*DTranspose',
    },
  },
  tfjs: {
    layout: { kind: 'cited', source: "tensorflow/tfjs tfjs-core/src/ops/conv2d.ts: dataFormat: 'NHWC'|'NCHW' = 'NHWC'" },
    denseWeightLayout: {
      kind: 'cited',
      source: "tensorflow/tfjs tfjs-layers/src/layers/core.ts Dense: addWeight('kernel', [inputLastDim, this.units])",
    },
    rounding: {
      kind: 'cited',
      source: `${TFJS_CONV_UTIL} round(): "If none is provided, it will default to truncate" (Math.trunc), for numeric and explicit pads`,
    },
    zeroSizedOutput: {
      kind: 'cited',
      source: `${TFJS_CONV_UTIL} computeConv2DInfo / getPadAndOutInfo: the output sizes are not checked and an empty buffer is returned`,
    },
    sameWithStride: {
      kind: 'cited',
      source: `${TFJS_CONV_UTIL} getPadAndOutInfo, pad 'same': outHeight = Math.ceil(inHeight / strideHeight) for any stride`,
    },
    dilationWithStride: {
      kind: 'cited',
      source:
        "tensorflow/tfjs tfjs-core/src/ops/conv2d.ts: 'Error in conv2D: Either strides or dilations must be 1.' (conv_util.ts eitherStridesOrDilationsAreOne)",
    },
    poolDefaultStride: {
      kind: 'cited',
      source: 'tensorflow/tfjs tfjs-core/src/ops/max_pool.ts and avg_pool.ts: strides is a positional argument without a default',
    },
    poolCeilMode: {
      kind: 'cited',
      source: 'tensorflow/tfjs tfjs-core/src/ops/max_pool.ts: dimRoundingMode is optional; without it conv_util.ts round() truncates',
    },
    lastWindowRule: {
      kind: 'cited',
      source: `${TFJS_CONV_UTIL} computeOutputShape2D: round(..., 'ceil') is Math.ceil with no adjustment after it`,
    },
    countIncludePad: {
      kind: 'cited',
      source: `${TFJS_POOL_UTILS}: the window is clipped to the input and the average divides by the count of input taps`,
    },
    poolPadLimit: {
      kind: 'cited',
      source: `${TFJS_CONV_UTIL}: no pad is compared with the filter size (max_pool.ts checks rank, strides/dilations and integer pads only)`,
    },
    maxPoolNan: { kind: 'cited', source: `${TFJS_POOL_UTILS}: if (poolType === 'max' && pixel > minMaxValue), which a NaN never passes` },
    maxPoolEmpty: { kind: 'cited', source: `${TFJS_POOL_UTILS}: initialValue = Number.NEGATIVE_INFINITY for max` },
    avgPoolEmpty: {
      kind: 'unspecified',
      source: `the CPU backend disagrees with itself: ${TFJS_POOL_UTILS} divides by count (0/0 = NaN for a window without input), pool3d() by Math.max(count, 1) (0), and the WebGL backend by max(count, 1.0) (tfjs-backend-webgl/src/pool_gpu.ts)`,
    },
    globalKeepDims: {
      kind: 'cited',
      source: 'tensorflow/tfjs tfjs-layers/src/layers/pooling.ts GlobalPooling2D.computeOutputShape: [inputShape[0], inputShape[3]]',
    },
    outputPaddingLimit: { kind: 'moot', why: 'TF.js has no output padding', undefinedFeatures: ['conv-transpose.output-padding'] },
    outputShapeRule: {
      kind: 'cited',
      source: `${TFJS_CONV2D_TRANSPOSE}: outputShape is the input of "the non-transpose version of the op", whose strides and pad are given, as in TensorFlow`,
    },
    undefinedFeatures: {
      kind: 'cited',
      source: `${TFJS_CONV_UTIL} (same padding puts the extra pad at the end, no fill modes), tfjs-core has only depthwiseConv2d for groups, max_pool.ts fixes dilations = 1, pool_utils.ts never counts padding; conv2d_transpose.ts and conv3d_transpose.ts take no bias, groups, dilations or output padding (only an output shape)`,
    },
  },
  caffe: {
    layout: {
      kind: 'cited',
      source: `${CAFFE_POOLING} Reshape: "Input must have 4 axes, corresponding to (num, channels, height, width)"`,
    },
    denseWeightLayout: {
      kind: 'cited',
      source:
        'BVLC/caffe src/caffe/layers/inner_product_layer.cpp: weight_shape[0] = N_ (outputs), weight_shape[1] = K_ (inputs) unless transpose, which defaults to false',
    },
    rounding: {
      kind: 'unspecified',
      source: `convolution truncates (src/caffe/layers/conv_layer.cpp compute_output_shape, C++ integer division), pooling in FLOOR mode floors (${CAFFE_POOLING} Reshape)`,
    },
    zeroSizedOutput: {
      kind: 'unspecified',
      source: `no output size is checked (conv_layer.cpp compute_output_shape, ${CAFFE_POOLING} Reshape) and blobs of size 0 are allowed (src/caffe/blob.cpp Reshape, https://github.com/BVLC/caffe/pull/4101), but what a layer computes into an empty blob is not documented`,
    },
    sameWithStride: noSamePadding('Caffe'),
    dilationWithStride: {
      kind: 'cited',
      source:
        'BVLC/caffe src/caffe/layers/conv_layer.cpp compute_output_shape: kernel_extent = dilation * (kernel - 1) + 1 with any stride',
    },
    poolDefaultStride: {
      kind: 'cited',
      source: 'BVLC/caffe src/caffe/proto/caffe.proto PoolingParameter: optional uint32 stride = 3 [default = 1]',
    },
    poolCeilMode: {
      kind: 'cited',
      source: 'BVLC/caffe src/caffe/proto/caffe.proto PoolingParameter: optional RoundMode round_mode = 13 [default = CEIL]',
    },
    lastWindowRule: {
      kind: 'cited',
      source: `${CAFFE_POOLING} Reshape: "If we have padding, ensure that the last pooling starts strictly inside the image", only when pad_h_ || pad_w_`,
    },
    countIncludePad: {
      kind: 'cited',
      source: `${CAFFE_POOLING} AVE: pool_size = (hend - hstart) * (wend - wstart) with hend = min(hstart + kernel_h_, height_ + pad_h_), computed before clipping`,
    },
    poolPadLimit: { kind: 'cited', source: `${CAFFE_POOLING} LayerSetUp: CHECK_LT(pad_h_, kernel_h_); CHECK_LT(pad_w_, kernel_w_)` },
    maxPoolNan: { kind: 'cited', source: `${CAFFE_POOLING} MAX: if (bottom_data[index] > top_data[pool_index]), starting from -FLT_MAX` },
    maxPoolEmpty: { kind: 'cited', source: `${CAFFE_POOLING} MAX: caffe_set(top_count, Dtype(-FLT_MAX), top_data)` },
    avgPoolEmpty: {
      kind: 'cited',
      source: `${CAFFE_POOLING} AVE: a ceil window starting at the input's end has pool_size 0 and top_data /= pool_size gives 0/0`,
    },
    globalKeepDims: {
      kind: 'cited',
      source: `${CAFFE_POOLING} Reshape: global_pooling sets the kernel to the input and the top stays (num, channels, 1, 1)`,
    },
    outputPaddingLimit: {
      kind: 'moot',
      why: "Caffe's Deconvolution has no output padding (src/caffe/layers/deconv_layer.cpp compute_output_shape)",
      undefinedFeatures: ['conv-transpose.output-padding'],
    },
    outputShapeRule: {
      kind: 'moot',
      why: "Caffe's Deconvolution takes no output size",
      undefinedFeatures: ['conv-transpose.output-shape'],
    },
    undefinedFeatures: {
      kind: 'cited',
      source:
        'BVLC/caffe src/caffe/proto/caffe.proto: ConvolutionParameter and PoolingParameter have only symmetric pad / pad_h / pad_w (no same modes, no fill modes), and pooling has no dilation; the Deconvolution layer reads ConvolutionParameter, which has no output padding and no output shape',
    },
  },
  tosa: {
    layout: {
      kind: 'cited',
      source: `${TOSA} tosa.xml: CONV2D input [N,IH,IW,IC], MAX_POOL2D input [N,IH,IW,C]; there is no layout attribute`,
    },
    denseWeightLayout: {
      kind: 'cited',
      source: `${TOSA} tosa.xml MATMUL: B [N,C,W], inputs by outputs (FULLY_CONNECTED was removed: chapters/appendix_c.adoc)`,
    },
    rounding: {
      kind: 'cited',
      source: `${TOSA} pseudocode/operators/CONV2D.tosac and AVG_POOL2D.tosac: ERROR_IF(OH != idiv_check(...) + 1), an exact division`,
    },
    zeroSizedOutput: {
      kind: 'cited',
      source: `${TOSA} chapters/introduction.adoc, Tensor Definitions: "The tensor shape in each dimension must be greater than or equal to 1."`,
    },
    sameWithStride: noSamePadding('TOSA'),
    dilationWithStride: {
      kind: 'cited',
      source: `${TOSA} pseudocode/operators/CONV2D.tosac: only ERROR_IF(stride_y < 1 || stride_x < 1) and ERROR_IF(dilation_y < 1 || dilation_x < 1)`,
    },
    poolDefaultStride: { kind: 'cited', source: `${TOSA} tosa.xml MAX_POOL2D / AVG_POOL2D: the stride attribute has no default` },
    poolCeilMode: noCeilMode('TOSA'),
    lastWindowRule: noCeilMode('TOSA'),
    countIncludePad: {
      kind: 'cited',
      source: `${TOSA} pseudocode/operators/AVG_POOL2D.tosac: "Only values from the input tensor are used to calculate the average, padding does not count"`,
    },
    poolPadLimit: {
      kind: 'cited',
      source: `${TOSA} pseudocode/operators/AVG_POOL2D.tosac: "Padding must be less than kernel size to avoid a divide-by-zero", ERROR_IF(pad_top >= kernel_y || ...)`,
    },
    maxPoolNan: { kind: 'cited', source: `${TOSA} tosa.xml MAX_POOL2D nan_mode: "PROPAGATE or IGNORE. Set to PROPAGATE by default."` },
    maxPoolEmpty: {
      kind: 'moot',
      why: 'pads are smaller than the window and output sizes divide exactly (MAX_POOL2D.tosac: "otherwise no input values will be used")',
      noEmptyWindows: true,
    },
    avgPoolEmpty: {
      kind: 'moot',
      why: 'pads are smaller than the window and output sizes divide exactly (AVG_POOL2D.tosac: "to avoid a divide-by-zero")',
      noEmptyWindows: true,
    },
    globalKeepDims: {
      kind: 'cited',
      source: `${TOSA} tosa.xml: the pooling output is rank 4, [N,OH,OW,C]; REDUCE_MAX.tosac keeps the reduced axis with size 1`,
    },
    outputPaddingLimit: {
      kind: 'cited',
      source: `${TOSA} pseudocode/operators/TRANSPOSE_CONV2D.tosac: out_pad is signed and bounded only below ("ERROR_IF(out_pad_top <= -KH || out_pad_bottom <= -KH)"), so any output padding maps to out_pad_bottom`,
    },
    outputShapeRule: {
      kind: 'moot',
      why: 'TOSA TRANSPOSE_CONV2D takes no output size',
      undefinedFeatures: ['conv-transpose.output-shape'],
    },
    undefinedFeatures: {
      kind: 'cited',
      source: `${TOSA} tosa.xml: explicit pads only, zero padding only, no groups outside DEPTHWISE_CONV2D, no ceil mode, no dilated pooling, NHWC only, 2-D and 3-D operators only; TRANSPOSE_CONV2D has no groups and no dilation, and its signed out_pad replaces an output shape`,
    },
  },
  webnn: {
    layout: { kind: 'cited', source: `${WEBNN}: MLConv2dOptions inputLayout = "nchw", MLPool2dOptions layout = "nchw"` },
    denseWeightLayout: { kind: 'cited', source: `${WEBNN} gemm: b has shape [K, N] if bTranspose is false (the default)` },
    rounding: { kind: 'cited', source: `${WEBNN} conv2d: "Set outputHeight to floor(outputHeight)"; pooling: outputShapeRounding "floor"` },
    zeroSizedOutput: {
      kind: 'cited',
      source: `${WEBNN}: "If either outputHeight or outputWidth is not a valid dimension, then throw a TypeError" (a valid dimension is an integer greater than zero)`,
    },
    sameWithStride: noSamePadding('WebNN'),
    dilationWithStride: {
      kind: 'cited',
      source: `${WEBNN} conv2d and "create a pooling operation": strides and dilations are checked only for size and zero items`,
    },
    poolDefaultStride: { kind: 'cited', source: `${WEBNN} MLPool2dOptions strides: "The default value is [1,1]."` },
    poolCeilMode: { kind: 'cited', source: `${WEBNN} MLPool2dOptions: MLRoundingType outputShapeRounding = "floor"` },
    lastWindowRule: {
      kind: 'cited',
      source: `${WEBNN} pooling: output size = ceil(1 + (input size - filter size + beginning padding + ending padding) / stride), with no adjustment (https://github.com/webmachinelearning/webnn/issues/935)`,
    },
    countIncludePad: {
      kind: 'cited',
      source:
        'the WebNN spec text is silent; its conformance tests require padding excluded (https://github.com/webmachinelearning/webnn/issues/876) and so does the WebNN baseline (webmachinelearning/webnn-baseline src/pool2d.js: "Skip the padding values")',
    },
    poolPadLimit: { kind: 'cited', source: `${WEBNN} "create a pooling operation": no step compares the padding with windowDimensions` },
    maxPoolNan: {
      kind: 'unspecified',
      source: `${WEBNN} maxPool2d: "Calculate the maximum value for patches of a feature map", with no word on NaN; no conformance test has NaN`,
    },
    maxPoolEmpty: {
      kind: 'unspecified',
      source: 'the WebNN spec is silent: https://github.com/webmachinelearning/webnn/issues/935 (open), where backends give 0 or -Infinity',
    },
    avgPoolEmpty: {
      kind: 'unspecified',
      source: `${WEBNN} averagePool2d is silent on a window without input; the WebNN baseline throws on one`,
    },
    globalKeepDims: {
      kind: 'cited',
      source: `${WEBNN}: "If options.windowDimensions does not exist, then set options.windowDimensions to « inputHeight, inputWidth »", with a rank-4 output`,
    },
    outputPaddingLimit: {
      kind: 'cited',
      source: `${WEBNN}, convTranspose2d steps: "If options.outputPadding[0] is greater than or equal to options.strides[0] ... throw a TypeError"`,
    },
    outputShapeRule: {
      kind: 'cited',
      source: `${WEBNN}, convTranspose2d: outputSizes must lie in [calculatedOutputHeight, calculatedOutputHeight + strides[0]), and "When the output sizes are explicitly specified, the output padding values in outputPadding are ignored"`,
    },
    undefinedFeatures: {
      kind: 'cited',
      source: `${WEBNN}: conv2d and pool2d take explicit padding only, no fill modes, no count-include-pad option, 4-D inputs only`,
    },
  },
};
