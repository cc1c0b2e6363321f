#!/usr/bin/env python3
"""
cnnspec adapter that delegates every op to PyTorch (torch.nn.functional), under the `pytorch`
convention, spoken over cnnspec's out-of-process adapter protocol (spec/protocol.md):

    npx cnnspec run --exec "PYENV_VERSION=system python3 examples/python-torch/adapter.py"

The adapter translates cnnspec's parameter records into PyTorch arguments and reports what
PyTorch computes, in float32 on the CPU. It does not validate configurations PyTorch validates
itself: PyTorch's exceptions (same padding with a stride, pooling pads above half the window,
windows that do not fit, groups that do not divide the channels, ...) go back as error responses.
Parameters the request omits are not passed, so PyTorch's own defaults apply (pooling stride =
window, count_include_pad=True, ceil_mode=False, Linear weights [out, in]).

Where PyTorch cannot state a case directly, the adapter builds it the way PyTorch code does:
asymmetric convolution pads are F.pad followed by a convolution without padding; asymmetric
max-pooling pads are F.pad with -inf; asymmetric average-pooling pads are F.pad with zeros only
when padding is counted (otherwise the case is answered `unsupported`); asymmetric crops of a
transposed convolution are the smaller crop of each axis as its padding, and the rest sliced off
its output. Fill modes other than zeros go through nn.ConvNd's padding_mode.

Only protocol messages go to stdout, one JSON object per line; diagnostics go to stderr.
"""
import base64
import json
import math
import os
import resource
import sys
import traceback
import warnings

# PyTorch 1.13 takes some pooling windows beyond 2^31 - 1 modulo 2^32 (spec:
# defect.pytorch-pool-int32-parameters), and max_pool1d(zeros(2, 3, 5), 2**32 + 1) then allocates
# without bound: over 20 GB within 20 s, until the machine runs out of memory. A cap on the
# address space (8 GiB, or CNNSPEC_TORCH_MEMORY_GIB) keeps one call from taking the machine down:
# under it PyTorch answers that call at once, as it answers the other wrapped windows.
_MEMORY_GIB = float(os.environ.get('CNNSPEC_TORCH_MEMORY_GIB', '8'))
if _MEMORY_GIB > 0:
    _cap = int(_MEMORY_GIB * 2**30)
    _soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if _hard == resource.RLIM_INFINITY or _hard > _cap:
        resource.setrlimit(resource.RLIMIT_AS, (_cap, _hard))

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

NAME = 'python-torch'
CONVENTION = 'pytorch'
# Everything the pytorch convention defines (it leaves out same-lower, same-padded pooling,
# dilated average pooling, channels-last data, and same padding and an output shape for
# transposed convolution, which PyTorch's functional ops do not have).
FEATURES = [
    'conv', 'conv.bias', 'conv.dilation', 'conv.groups', 'conv.depthwise',
    'conv-transpose', 'conv-transpose.bias', 'conv-transpose.groups', 'conv-transpose.dilation',
    'conv-transpose.output-padding',
    'pool.max', 'pool.avg', 'pool.global-max', 'pool.global-avg', 'pool.ceil-mode',
    'pool.max.dilation', 'pool.avg.count-include-pad',
    'dense', 'dense.bias', 'dense.rank-3', 'pad',
    'padding.same-upper', 'padding.explicit-asymmetric',
    'padding.fill.reflect', 'padding.fill.replicate', 'padding.fill.circular',
    'layout.channels-first',
    'spatial-rank-1', 'spatial-rank-2', 'spatial-rank-3',
]
OPS = ['conv', 'pool', 'globalPool', 'dense', 'pad', 'convTranspose', 'outputShape', 'paramCount']

CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
CONV_MODULE = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}
CONV_TRANSPOSE_MODULE = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d, 3: nn.ConvTranspose3d}
CONV_TRANSPOSE = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
MAX_POOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
AVG_POOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
ADAPTIVE_MAX = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d, 3: F.adaptive_max_pool3d}
ADAPTIVE_AVG = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d, 3: F.adaptive_avg_pool3d}
FILL_TO_PAD_MODE = {'zeros': 'constant', 'reflect': 'reflect', 'replicate': 'replicate', 'circular': 'circular'}
# Shape inference runs a convolution on an input of batch 1: zeros on the CPU while the input with
# its pads and the weight hold at most this many elements, so that every check of PyTorch's CPU
# kernels runs; beyond, tensors on PyTorch's meta device, which carry a shape and no data (and
# meta_checks runs the checks torch 1.13's meta convolution skips). Pooling runs on meta.
MAX_PROBE_ELEMENTS = 2 ** 25


class Invalid(Exception):
    """A request the adapter cannot translate into PyTorch arguments: an error response."""


class Unsupported(Exception):
    """A case PyTorch cannot state although the declared features cover it: `unsupported: true`."""


# ---------------------------------------------------------------------------------------------
# Translating parameter records (structure only: PyTorch checks the values)

def is_integer(value):
    return not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))


def per_axis(name, value, rank):
    """One integer per spatial axis (a single integer stands for every axis)."""
    if is_integer(value):
        return [int(value)] * rank
    if isinstance(value, list) and len(value) == rank and all(is_integer(v) for v in value):
        return [int(v) for v in value]
    raise Invalid(f'{name} ({json.dumps(value)}) must be an integer or a list of {rank} integers')


def integer(name, value):
    if not is_integer(value):
        raise Invalid(f'{name} ({json.dumps(value)}) must be an integer')
    return int(value)


def choice(name, value, allowed):
    if value not in allowed:
        raise Invalid(f'{name} ({json.dumps(value)}) must be one of {", ".join(allowed)}')
    return value


def boolean(name, value):
    if not isinstance(value, bool):
        raise Invalid(f'{name} ({json.dumps(value)}) must be true or false')
    return value


def fields(name, record, known):
    if not isinstance(record, dict):
        raise Invalid(f'{name} must be an object')
    unknown = [key for key in record if key not in known and not (key == 'convention' and record[key] == CONVENTION)]
    if unknown:
        raise Invalid(f'{name}.{unknown[0]} is not a field PyTorch takes here (known: {", ".join(known)})')
    return {key: value for key, value in record.items() if value is not None and key != 'convention'}


def channels_first(params):
    layout = params.get('layout', 'channels-first')
    if layout == 'channels-last':
        raise Invalid('layout "channels-last": PyTorch ops take channels-first (NCHW) data only '
                      '(the pytorch convention does not define layout.channels-last)')
    choice('layout', layout, ('channels-first',))


def spatial_rank(x, what):
    rank = x.dim() - 2
    if rank not in (1, 2, 3):
        raise Invalid(f'{what} takes an input of rank 3 to 5 (batch, channels, 1 to 3 spatial axes); got shape {list(x.shape)}')
    return rank


def padding_of(padding, rank, op):
    """('valid',) | ('same',) | ('symmetric', pads) | ('asymmetric', begin, end)."""
    if padding == 'valid':
        return ('valid',)
    if padding == 'same-upper':
        return ('same',)   # PyTorch's padding='same': the odd pixel at the end, as same-upper
    if padding == 'same-lower':
        raise Invalid(f'padding "same-lower": PyTorch has no same-lower padding for {op}')
    if isinstance(padding, dict):
        pads = fields('padding', padding, ('begin', 'end'))
        begin = per_axis('padding.begin', pads.get('begin'), rank)
        end = per_axis('padding.end', pads.get('end'), rank)
        if begin == end:
            return ('symmetric', begin)
        return ('asymmetric', begin, end)
    raise Invalid(f'padding ({json.dumps(padding)}) must be "valid", "same-upper" or {{ begin, end }}')


def f_pad_pairs(begin, end):
    """F.pad's argument: (begin, end) pairs from the last axis to the first."""
    pairs = []
    for b, e in reversed(list(zip(begin, end))):
        if b < 0 or e < 0:
            raise Invalid(f'pads ({begin}, {end}) must be >= 0 (F.pad would crop)')
        pairs += [b, e]
    return pairs


# ---------------------------------------------------------------------------------------------
# Ops

def conv(x, w, b, params):
    p = fields('params', params, ('strides', 'dilations', 'padding', 'fill', 'groups', 'layout', 'kernelLayout'))
    channels_first(p)
    r = spatial_rank(x, 'convolution')
    if w.dim() != r + 2:
        raise Invalid(f'weight shape {list(w.shape)} must have the input\'s rank {r + 2}')
    if choice('kernelLayout', p.get('kernelLayout', 'out-in-spatial'), ('out-in-spatial', 'spatial-in-out')) == 'spatial-in-out':
        w = w.permute(r + 1, r, *range(r)).contiguous()       # [k..., Cin/g, Cout] -> [Cout, Cin/g, k...]
    fill = choice('fill', p.get('fill', 'zeros'), tuple(FILL_TO_PAD_MODE))
    stride = per_axis('strides', p.get('strides', 1), r)
    dilation = per_axis('dilations', p.get('dilations', 1), r)
    groups = integer('groups', p.get('groups', 1))
    padding = padding_of(p.get('padding', 'valid'), r, 'convolution')
    if padding[0] == 'asymmetric':
        # PyTorch's way to asymmetric pads: F.pad, then a convolution without padding.
        x = F.pad(x, f_pad_pairs(padding[1], padding[2]), mode=FILL_TO_PAD_MODE[fill])
        meta_checks(x, w, stride, [0] * r, dilation, groups)
        return CONV[r](x, w, b, stride, 0, dilation, groups)
    meta_checks(x, w, stride, None if padding[0] == 'same' else [0] * r if padding[0] == 'valid' else padding[1], dilation, groups)
    # nn.ConvNd validates the configuration and applies padding_mode (F.pad with the fill, then a
    # convolution without padding) or the zero padding of F.convNd. A module on the meta device
    # holds the configuration; the weights are the request's.
    module = CONV_MODULE[r](x.shape[1], w.shape[0], tuple(w.shape[2:]), stride=stride,
                            padding=padding[0] if len(padding) == 1 else tuple(padding[1]),
                            dilation=dilation, groups=groups, bias=False, padding_mode=fill, device='meta')
    return module._conv_forward(x, w, b)


def conv_transpose(x, w, b, params):
    p = fields('params', params, ('strides', 'dilations', 'padding', 'outputPadding', 'outputShape', 'groups', 'layout', 'kernelLayout'))
    channels_first(p)
    r = spatial_rank(x, 'transposed convolution')
    if w.dim() != r + 2:
        raise Invalid(f'weight shape {list(w.shape)} must have the input\'s rank {r + 2}')
    if choice('kernelLayout', p.get('kernelLayout', 'in-out-spatial'), ('in-out-spatial', 'spatial-out-in')) == 'spatial-out-in':
        w = w.permute(r + 1, r, *range(r)).contiguous()       # [k..., Cout/g, Cin] -> [Cin, Cout/g, k...]
    if 'outputShape' in p:
        # nn.ConvTransposeNd's output_size only picks an output padding, with the crops of `padding`
        # on both sides; it does not choose crops the way an output shape does (spec:
        # conv-transpose.output-shape), so the pytorch convention leaves it undefined.
        raise Invalid('outputShape: torch.nn.functional.conv_transpose has no output shape '
                      '(nn.ConvTranspose\'s output_size only chooses an output padding)')
    stride = per_axis('strides', p.get('strides', 1), r)
    dilation = per_axis('dilations', p.get('dilations', 1), r)
    output_padding = per_axis('outputPadding', p.get('outputPadding', 0), r)
    groups = integer('groups', p.get('groups', 1))
    padding = p.get('padding', 'valid')
    if padding in ('same-upper', 'same-lower'):
        raise Invalid(f'padding "{padding}": PyTorch\'s conv_transpose has no same padding (its padding is a tuple of ints)')
    padding = padding_of(padding, r, 'transposed convolution')
    meta_transpose_checks(x, w, stride, padding, output_padding, dilation)
    if padding[0] != 'asymmetric':
        crops = [0] * r if padding[0] == 'valid' else padding[1]
        return CONV_TRANSPOSE[r](x, w, b, stride, crops, output_padding, groups, dilation)
    # PyTorch crops both sides by the same `padding` (spec: conv-transpose.output-size): the
    # smaller crop of each axis goes to PyTorch, and the rest of the larger one is sliced off its
    # output, whose elements are those of the full output either way.
    begin, end = padding[1], padding[2]
    y = CONV_TRANSPOSE[r](x, w, b, stride, [min(pb, pe) for pb, pe in zip(begin, end)], output_padding, groups, dilation)
    sizes = [size - (pb - min(pb, pe)) - (pe - min(pb, pe)) for size, pb, pe in zip(y.shape[2:], begin, end)]
    if any(size < 1 for size in sizes):
        # the message PyTorch gives when its symmetric crop leaves no output
        raise Invalid(f'Given input size per channel: ({" x ".join(map(str, x.shape[2:]))}). Calculated output size per channel: '
                      f'({" x ".join(map(str, sizes))}). Output size is too small (crops {begin} at the beginning, {end} at the end)')
    return y[(slice(None), slice(None)) + tuple(slice(pb - min(pb, pe), pb - min(pb, pe) + size) for pb, pe, size in zip(begin, end, sizes))]


def meta_checks(x, w, stride, padding, dilation, groups):
    """The checks of PyTorch's convolution (aten/src/ATen/native/Convolution.cpp
    check_shape_forward and _select_conv_backend, torch 1.13) that its meta convolution skips,
    with their messages, for shape inference on meta tensors (the CPU kernels run them
    themselves). `padding` is None for padding='same', which fits every window."""
    if x.device.type != 'meta':
        return
    if padding is not None and any(p < 0 for p in padding):
        raise RuntimeError('negative padding is not supported')
    if any(s <= 0 for s in stride):
        raise RuntimeError('non-positive stride is not supported')
    if any(d <= 0 for d in dilation):
        raise RuntimeError(f'dilation should be greater than zero, but got {dilation}')
    if w.shape[0] < groups:
        raise RuntimeError(f'Given groups={groups}, expected weight to be at least {groups} at dimension 0, but got weight of size {list(w.shape)} instead')
    if any(k <= 0 for k in w.shape[2:]):
        raise RuntimeError(f'kernel size should be greater than zero, but got {list(w.shape[2:])}')
    if x.shape[1] != 0 and x.numel() == 0:
        raise RuntimeError(f'Only zero batch or zero channel inputs are supported, but got input shape: {list(x.shape)}')
    if padding is not None:
        sizes = [n + 2 * p for n, p in zip(x.shape[2:], padding)]
        kernels = [d * (k - 1) + 1 for k, d in zip(w.shape[2:], dilation)]
        if any(n < k for n, k in zip(sizes, kernels)):
            raise RuntimeError(f'Calculated padded input size per channel: ({" x ".join(map(str, sizes))}). '
                               f'Kernel size: ({" x ".join(map(str, kernels))}). Kernel size can\'t be greater than actual input size')


def meta_transpose_checks(x, w, stride, padding, output_padding, dilation):
    """The checks of PyTorch's transposed convolution (Convolution.cpp check_shape_forward,
    NaiveConvolutionTranspose2d.cpp conv_transpose2d_shape_check, torch 1.13) that its meta kernel
    skips, with their messages, for shape inference on meta tensors: on the meta device
    conv_transpose2d takes a stride of 0 or an output padding of 3 with a stride of 2."""
    if x.device.type != 'meta':
        return
    crops = [0] * len(stride) if padding[0] == 'valid' else padding[1] if padding[0] == 'symmetric' else [
        min(b, e) for b, e in zip(padding[1], padding[2])]
    if any(p < 0 for p in crops) or (padding[0] == 'asymmetric' and any(p < 0 for p in padding[2])):
        raise RuntimeError('negative padding is not supported')
    if any(s <= 0 for s in stride):
        raise RuntimeError('non-positive stride is not supported')
    if any(d <= 0 for d in dilation):
        raise RuntimeError(f'dilation should be greater than zero, but got {dilation}')
    if any(k <= 0 for k in w.shape[2:]):
        raise RuntimeError(f'kernel size should be greater than zero, but got {list(w.shape[2:])}')
    if any(op >= s and op >= d for op, s, d in zip(output_padding, stride, dilation)):
        raise RuntimeError(f'output padding must be smaller than either stride or dilation, but got output_padding {output_padding} '
                           f'stride {stride} dilation {dilation}')
    sizes = [(n - 1) * s - 2 * p + d * (k - 1) + op + 1
             for n, s, p, d, k, op in zip(x.shape[2:], stride, crops, dilation, w.shape[2:], output_padding)]
    if any(size < 1 for size in sizes):
        raise RuntimeError(f'Given input size per channel: ({" x ".join(map(str, x.shape[2:]))}). Calculated output size per channel: '
                           f'({" x ".join(map(str, sizes))}). Output size is too small')


def torch_pool_output_size(n, k, pad_l, pad_r, s, d, ceil_mode):
    """PyTorch's pooling_output_shape_pad_lr (aten/src/ATen/native/Pool.h)."""
    out = (n + pad_l + pad_r - d * (k - 1) - 1 + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (out - 1) * s >= n + pad_l:
        out -= 1
    return out


def pool(x, params):
    p = fields('params', params, ('kind', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode', 'countIncludePad', 'layout'))
    channels_first(p)
    r = spatial_rank(x, 'pooling')
    kind = choice('kind', p.get('kind'), ('max', 'avg'))
    kernel = per_axis('kernel', p.get('kernel'), r)
    args = {'kernel_size': kernel}
    if 'strides' in p:
        args['stride'] = per_axis('strides', p['strides'], r)
    if 'ceilMode' in p:
        args['ceil_mode'] = boolean('ceilMode', p['ceilMode'])
    dilation = per_axis('dilations', p.get('dilations', 1), r)
    if kind == 'max':
        if 'countIncludePad' in p:
            raise Invalid('countIncludePad: max_pool has no count_include_pad')
        if 'dilations' in p:
            args['dilation'] = dilation
        op = MAX_POOL[r]
    else:
        if 'countIncludePad' in p:
            args['count_include_pad'] = boolean('countIncludePad', p['countIncludePad'])
        if any(d != 1 for d in dilation):
            raise Invalid(f'dilations {dilation}: PyTorch\'s avg_pool has no dilation')
        op = AVG_POOL[r]
    padding = padding_of(p.get('padding', 'valid'), r, 'pooling')
    if padding[0] == 'same':
        raise Invalid('padding "same-upper": PyTorch\'s pooling has no same padding')
    if padding[0] != 'asymmetric':
        args['padding'] = 0 if padding[0] == 'valid' else padding[1]
        return op(x, **args)

    # Asymmetric pads: F.pad (with -inf for a maximum, zeros for an average that counts them),
    # then pooling without padding, cut to the size PyTorch's own formula gives for (pad_l, pad_r).
    begin, end = padding[1], padding[2]
    for axis, (b, e) in enumerate(zip(begin, end)):
        if max(b, e) > kernel[axis] // 2:   # PyTorch's check on every pooling pad (Pool.h)
            raise Invalid(f'pad should be at most half of kernel size, but got pad={max(b, e)} and '
                          f'kernel_size={kernel[axis]} (axis {axis})')
    if kind == 'max':
        x = F.pad(x, f_pad_pairs(begin, end), value=-math.inf)
    else:
        if not args.get('count_include_pad', True):
            raise Unsupported('average pooling with asymmetric pads and count_include_pad=False: '
                              'F.pad would make the padding count in the divisor')
        x = F.pad(x, f_pad_pairs(begin, end), value=0.0)
    y = op(x, padding=0, **args)
    stride = args.get('stride', kernel)
    ceil_mode = args.get('ceil_mode', False)
    # x is the padded input here: its size minus the pads is the formula's input size
    sizes = [torch_pool_output_size(n - b - e, k, b, e, s, d, ceil_mode)
             for n, k, b, e, s, d in zip(x.shape[2:], kernel, begin, end, stride, dilation)]
    return y[(slice(None), slice(None)) + tuple(slice(0, size) for size in sizes)]


def global_pool(x, params):
    p = fields('params', params, ('kind', 'keepDims', 'layout'))
    channels_first(p)
    r = spatial_rank(x, 'global pooling')
    kind = choice('kind', p.get('kind'), ('max', 'avg'))
    y = (ADAPTIVE_MAX if kind == 'max' else ADAPTIVE_AVG)[r](x, 1)   # adaptive pooling to size 1
    return y if boolean('keepDims', p.get('keepDims', True)) else torch.flatten(y, 1)


def dense(x, w, b, params):
    p = fields('params', params, ('weightLayout',))
    layout = choice('weightLayout', p.get('weightLayout', 'out-in'), ('in-out', 'out-in'))
    if layout == 'in-out':
        if w.dim() != 2:
            raise Invalid(f'weight shape {list(w.shape)} must be [in, out]')
        w = w.t()
    return F.linear(x, w, b)     # nn.Linear: y = x W^T + b on the last axis


def pad(x, params):
    p = fields('params', params, ('padding', 'fill', 'layout'))
    channels_first(p)
    r = spatial_rank(x, 'pad')
    fill = choice('fill', p.get('fill', 'zeros'), tuple(FILL_TO_PAD_MODE))
    pads = fields('padding', p.get('padding'), ('begin', 'end'))
    begin = per_axis('padding.begin', pads.get('begin'), r)
    end = per_axis('padding.end', pads.get('end'), r)
    return F.pad(x, f_pad_pairs(begin, end), mode=FILL_TO_PAD_MODE[fill])


# ---------------------------------------------------------------------------------------------
# Shape algebra: a layer's output shape and PyTorch's parameter count (sum of p.numel())

LAYER_FIELDS = {
    'conv': ('type', 'name', 'filters', 'kernel', 'strides', 'dilations', 'padding', 'groups', 'fill', 'bias'),
    'depthwise-conv': ('type', 'name', 'depthMultiplier', 'kernel', 'strides', 'dilations', 'padding', 'fill', 'bias'),
    'separable-conv': ('type', 'name', 'filters', 'depthMultiplier', 'kernel', 'strides', 'dilations', 'padding', 'bias'),
    'max-pool': ('type', 'name', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode'),
    'avg-pool': ('type', 'name', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode', 'countIncludePad'),
    'global-max-pool': ('type', 'name', 'keepDims'),
    'global-avg-pool': ('type', 'name', 'keepDims'),
    'flatten': ('type', 'name'),
    'dense': ('type', 'name', 'units', 'bias'),
    'conv-transpose': ('type', 'name', 'filters', 'kernel', 'strides', 'dilations', 'padding', 'outputPadding', 'outputShape',
                       'groups', 'bias'),
}


def padded_elements(shape, window, kernel=None):
    """The elements of the input of batch 1 with the pads PyTorch adds to it (F.pad for asymmetric
    pads, padding='same' for a dilated window): what running the layer on zeros allocates."""
    rank = len(shape) - 2
    sizes = list(shape[2:])
    padding = window.get('padding', 'valid')
    try:
        if isinstance(padding, dict):
            begin = per_axis('padding.begin', padding.get('begin'), rank)
            end = per_axis('padding.end', padding.get('end'), rank)
            sizes = [n + max(b, 0) + max(e, 0) for n, b, e in zip(sizes, begin, end)]
        elif padding in ('same-upper', 'same-lower') and kernel is not None:
            dilation = per_axis('dilations', window.get('dilations', 1), rank)
            sizes = [n + max(d, 0) * max(k - 1, 0) for n, k, d in zip(sizes, kernel, dilation)]
    except Invalid:
        pass   # the translation reports it when the layer runs
    return math.prod(shape[1:2]) * math.prod(sizes)


def check_rank(shape):
    if len(shape) < 3:
        raise Invalid(f'input shape {shape} must have rank 3 to 5 (batch, channels, 1 to 3 spatial axes)')


def probe(shape, window=None, kernel=None, weight_elements=0, meta=False):
    """An input of the layer's input shape with batch 1, for running the layer: zeros while they
    and the weight are small (MAX_PROBE_ELEMENTS), else a tensor on the meta device (shape only)."""
    check_rank(shape)
    if not meta and max(padded_elements(shape, window or {}, kernel), weight_elements) <= MAX_PROBE_ELEMENTS:
        return torch.zeros([1, *shape[1:]])
    return torch.empty([1, *shape[1:]], device='meta')


def meta_overflow(error):
    """Whether PyTorch failed only because a meta tensor of the whole layer cannot be described:
    the input with its pads holds more than 2^63 elements (storage size overflow), or the op has
    no meta kernel in this version (max_pool3d in torch 1.13)."""
    return isinstance(error, NotImplementedError) or 'Storage size calculation overflowed' in str(error)


def axis_window(params, axis, rank):
    """The window parameters of one spatial axis, as a 1-D request."""
    one = dict(params)
    for key in ('kernel', 'strides', 'dilations'):
        if key in one:
            one[key] = [per_axis(key, one[key], rank)[axis]]
    padding = one.get('padding', 'valid')
    if isinstance(padding, dict):
        pads = fields('padding', padding, ('begin', 'end'))
        one['padding'] = {'begin': [per_axis('padding.begin', pads.get('begin'), rank)[axis]],
                          'end': [per_axis('padding.end', pads.get('end'), rank)[axis]]}
    return one


def conv_module(rank, cin, cout, kernel, groups, has_bias):
    """The nn.ConvNd whose parameters PyTorch counts (on the meta device: no memory)."""
    return CONV_MODULE[rank](cin, cout, tuple(kernel), groups=groups, bias=has_bias, device='meta')


def run_conv(shape, cout, kernel, groups, has_bias, window, fill=None):
    """Output shape of a convolution layer, by running conv() on a probe input, and the module's parameters."""
    rank = len(shape) - 2
    module = conv_module(rank, shape[1], cout, kernel, groups, has_bias)
    params = {**window, 'groups': groups}
    if fill is not None:
        params['fill'] = fill
    count = sum(p.numel() for p in module.parameters())
    try:
        x = probe(shape, window, kernel, weight_elements=module.weight.numel())
        weight = torch.zeros(module.weight.shape, device=x.device)
        bias = torch.zeros(cout, device=x.device) if has_bias else None
        return [shape[0], *conv(x, weight, bias, params).shape[1:]], count
    except RuntimeError as error:
        if not meta_overflow(error):
            raise
    # Too large for a meta tensor of the whole layer: the channels checked on a 1x...x1 input, each
    # spatial axis through PyTorch's 1-D convolution of that axis alone (sizes are per axis).
    ones = [1] * rank
    conv(torch.empty([1, shape[1], *ones], device='meta'), torch.empty([cout, shape[1] // max(groups, 1), *ones], device='meta'), None,
         {'groups': groups, **({'fill': fill} if fill is not None else {})})
    sizes = [conv(torch.empty([1, 1, shape[2 + axis]], device='meta'), torch.empty([1, 1, kernel[axis]], device='meta'), None,
                  {**axis_window(window, axis, rank), **({'fill': fill} if fill is not None else {})}).shape[2]
             for axis in range(rank)]
    return [shape[0], cout, *sizes], count


def transposed_elements(shape, cout, kernel, window):
    """The elements of the input of batch 1 and of the full output (before crops) of a transposed
    convolution: what running the layer on zeros allocates."""
    rank = len(shape) - 2
    try:
        stride = per_axis('strides', window.get('strides', 1), rank)
        dilation = per_axis('dilations', window.get('dilations', 1), rank)
        output_padding = per_axis('outputPadding', window.get('outputPadding', 0), rank)
    except Invalid:
        return 0   # the translation reports it when the layer runs
    full = [max(n - 1, 0) * max(s, 0) + max(d, 0) * max(k - 1, 0) + max(op, 0) + 1
            for n, s, d, k, op in zip(shape[2:], stride, dilation, kernel, output_padding)]
    return max(math.prod(shape[1:]), max(cout, 0) * math.prod(full))


def run_conv_transpose(shape, cout, kernel, groups, has_bias, window):
    """Output shape of a transposed convolution layer, by running conv_transpose() on a probe input
    (it refuses same padding and an output shape, which PyTorch's transposed convolution does not
    have: spec: conv-transpose.same, conv-transpose.output-shape), and the parameters of
    nn.ConvTransposeNd(cin, filters, k, groups=g, bias=b), which checks that groups divide both
    channel counts."""
    rank = len(shape) - 2
    module = CONV_TRANSPOSE_MODULE[rank](shape[1], cout, tuple(kernel), groups=groups, bias=has_bias, device='meta')
    count = sum(p.numel() for p in module.parameters())
    elements = max(transposed_elements(shape, cout, kernel, window), module.weight.numel())
    x = torch.zeros([1, *shape[1:]]) if elements <= MAX_PROBE_ELEMENTS else torch.empty([1, *shape[1:]], device='meta')
    weight = torch.zeros(module.weight.shape, device=x.device)
    bias = torch.zeros(cout, device=x.device) if has_bias else None
    return [shape[0], *conv_transpose(x, weight, bias, {**window, 'groups': groups}).shape[1:]], count


def pool_shape(shape, params):
    """The output shape of pool() on a meta input of one channel (pooling acts per channel). The
    meta pooling of torch 1.13 runs the checks of Pool.h as the CPU kernels do, and allocates
    nothing: a window of 2^32 + 1 on a small input, which F.max_pool1d on the CPU loops over
    without end, is refused there."""
    rank = len(shape) - 2
    try:
        return [shape[0], shape[1], *pool(probe([shape[0], 1, *shape[2:]], meta=True), params).shape[2:]]
    except (RuntimeError, NotImplementedError) as error:
        if not meta_overflow(error):
            raise
    # Each spatial axis through PyTorch's 1-D pooling of that axis alone (max_pool3d has no meta
    # kernel in torch 1.13): the same output-size function, Pool.h pooling_output_shape, per axis.
    sizes = [pool(torch.empty([1, 1, shape[2 + axis]], device='meta'), axis_window(params, axis, rank)).shape[2] for axis in range(rank)]
    return [shape[0], shape[1], *sizes]


def layer_shape_and_count(layer, shape, layout):
    if not isinstance(shape, list) or not shape or not all(is_integer(s) and s >= 1 for s in shape):
        raise Invalid(f'inputShape ({json.dumps(shape)}) must be a list of positive integers')
    shape = [int(s) for s in shape]
    if not isinstance(layer, dict):
        raise Invalid('layer must be an object')
    kind = choice('layer.type', layer.get('type'), tuple(LAYER_FIELDS))
    if kind not in ('flatten', 'dense'):   # flatten and dense shapes do not depend on the layout
        channels_first({} if layout is None else {'layout': layout})
    spec = fields('layer', layer, LAYER_FIELDS[kind])
    has_bias = boolean('bias', spec.get('bias', True)) if kind in ('conv', 'depthwise-conv', 'separable-conv', 'conv-transpose', 'dense') else False
    window = {key: spec[key] for key in ('strides', 'dilations', 'padding') if key in spec}

    if kind == 'conv-transpose':
        check_rank(shape)
        kernel = per_axis('kernel', spec.get('kernel'), len(shape) - 2)
        transposed = {**window, **{key: spec[key] for key in ('outputPadding', 'outputShape') if key in spec}}
        return run_conv_transpose(shape, integer('filters', spec.get('filters')), kernel, integer('groups', spec.get('groups', 1)),
                                  has_bias, transposed)

    if kind in ('conv', 'depthwise-conv', 'separable-conv'):
        check_rank(shape)
        rank, cin = len(shape) - 2, shape[1]
        kernel = per_axis('kernel', spec.get('kernel'), rank)
        fill = spec.get('fill')
        if kind == 'conv':
            groups = integer('groups', spec.get('groups', 1))
            return run_conv(shape, integer('filters', spec.get('filters')), kernel, groups, has_bias, window, fill)
        dm = integer('depthMultiplier', spec.get('depthMultiplier', 1))
        if kind == 'depthwise-conv':   # groups = channels: nn.ConvNd(C, C * m, k, groups=C)
            return run_conv(shape, cin * dm, kernel, cin, has_bias, window, fill)
        # separable: a depthwise convolution without bias, then a 1x1 convolution
        mid, depthwise_count = run_conv(shape, cin * dm, kernel, cin, False, window)
        out, pointwise_count = run_conv(mid, integer('filters', spec.get('filters')), [1] * rank, 1, has_bias, {})
        return out, depthwise_count + pointwise_count

    if kind in ('max-pool', 'avg-pool'):
        params = {'kind': 'max' if kind == 'max-pool' else 'avg', **window}
        for key in ('kernel', 'ceilMode', 'countIncludePad'):
            if key in spec:
                params[key] = spec[key]
        return pool_shape(shape, params), 0

    if kind in ('global-max-pool', 'global-avg-pool'):
        params = {'kind': 'max' if kind == 'global-max-pool' else 'avg'}
        if 'keepDims' in spec:
            params['keepDims'] = spec['keepDims']
        y = global_pool(probe([shape[0], 1, *shape[2:]]), params)
        return [shape[0], shape[1], *y.shape[2:]], 0

    if kind == 'flatten':
        y = nn.Flatten()(torch.empty(shape, device='meta'))
        return list(y.shape), 0

    units = integer('units', spec.get('units'))
    module = nn.Linear(shape[-1], units, bias=has_bias, device='meta')
    y = module(torch.empty(shape, device='meta'))
    return list(y.shape), sum(p.numel() for p in module.parameters())


# ---------------------------------------------------------------------------------------------
# Protocol (spec: protocol.md)

def decode_tensor(name, wire):
    """spec: protocol.tensor — row-major little-endian float32, base64 — as a float32 tensor."""
    if not isinstance(wire, dict) or wire.get('dtype') != 'float32' or not isinstance(wire.get('data'), str):
        raise Invalid(f'{name} must be a tensor {{ shape, dtype: "float32", data }}')
    shape = wire.get('shape')
    if not isinstance(shape, list) or not all(is_integer(s) and s >= 0 for s in shape):
        raise Invalid(f'{name}.shape ({json.dumps(shape)}) must be a list of sizes')
    try:
        raw = base64.b64decode(wire['data'], validate=True)
    except ValueError:
        raise Invalid(f'{name}.data must be base64 (RFC 4648)') from None
    if len(raw) != 4 * math.prod(shape):
        raise Invalid(f'{name}.data holds {len(raw)} bytes, shape {shape} needs {4 * math.prod(shape)}')
    return torch.from_numpy(np.frombuffer(raw, dtype='<f4').astype(np.float32).reshape([int(s) for s in shape]))


def encode_tensor(tensor):
    array = np.ascontiguousarray(tensor.detach().cpu().numpy(), dtype='<f4')
    return {'shape': [int(s) for s in array.shape], 'dtype': 'float32', 'data': base64.b64encode(array.tobytes()).decode('ascii')}


def answer(message):
    op = message.get('op')
    params = message.get('params', {})
    if op in ('conv', 'pool', 'globalPool', 'dense', 'pad', 'convTranspose'):
        wires = message.get('tensors') or {}
        tensors = {name: decode_tensor(name, wires[name]) for name in ('input', 'weight', 'bias') if name in wires}
        weighted = op in ('conv', 'dense', 'convTranspose')
        if 'input' not in tensors or (weighted and 'weight' not in tensors):
            raise Invalid(f'{op} needs an input{" and a weight" if weighted else ""}')
        x, w, b = tensors['input'], tensors.get('weight'), tensors.get('bias')
        if op == 'conv':
            y = conv(x, w, b, params)
        elif op == 'pool':
            y = pool(x, params)
        elif op == 'globalPool':
            y = global_pool(x, params)
        elif op == 'dense':
            y = dense(x, w, b, params)
        elif op == 'convTranspose':
            y = conv_transpose(x, w, b, params)
        else:
            y = pad(x, params)
        if y.dtype != torch.float32:
            raise Invalid(f'PyTorch returned {y.dtype}, not float32')
        return {'tensor': encode_tensor(y)}
    if op in ('outputShape', 'paramCount'):
        shape, count = layer_shape_and_count(message.get('layer'), message.get('inputShape'), message.get('layout'))
        return {'value': [int(s) for s in shape] if op == 'outputShape' else int(count)}
    raise Invalid(f'op ({json.dumps(op)}) must be one of {", ".join(OPS)}')


def send(message):
    sys.stdout.write(json.dumps(message, allow_nan=False, separators=(',', ':')) + '\n')
    sys.stdout.flush()


def main():
    torch.set_grad_enabled(False)
    warnings.filterwarnings('ignore', message="Using padding='same'")  # PyTorch's performance note
    send({'type': 'hello', 'protocol': 1, 'name': NAME, 'version': torch.__version__, 'convention': CONVENTION,
          'features': FEATURES, 'ops': OPS})
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError:
            print(f'{NAME}: ignoring a line that is not JSON: {line[:200]!r}', file=sys.stderr)
            continue
        if not isinstance(message, dict):
            continue
        if message.get('type') == 'shutdown':
            break
        if message.get('type') != 'request' or not isinstance(message.get('id'), int):
            print(f'{NAME}: ignoring a message that is not a request: {line[:200]!r}', file=sys.stderr)
            continue
        request_id = message['id']
        try:
            send({'type': 'result', 'id': request_id, **answer(message)})
        except Unsupported as error:
            send({'type': 'error', 'id': request_id, 'message': str(error), 'unsupported': True})
        except Invalid as error:
            send({'type': 'error', 'id': request_id, 'message': str(error)})
        except (RuntimeError, ValueError, TypeError, IndexError, NotImplementedError, ZeroDivisionError) as error:
            # PyTorch's own rejection of the configuration (or of a tensor it cannot take)
            send({'type': 'error', 'id': request_id, 'message': f'torch: {type(error).__name__}: {str(error).strip()[:1000]}'})
        except Exception as error:  # a bug of this adapter: answer it, and say so on stderr
            traceback.print_exc(file=sys.stderr)
            send({'type': 'error', 'id': request_id, 'message': f'{type(error).__name__}: {error}'})


if __name__ == '__main__':
    main()
