#!/usr/bin/env python3
"""
cnnspec adapter in Python on numpy alone: convolution, transposed convolution, padding, pooling
and dense layers written from the spec (spec/*.md), under the `cnnspec` convention, spoken over
cnnspec's out-of-process adapter protocol (spec/protocol.md):

    npx cnnspec run --exec "PYENV_VERSION=system python3 examples/python-numpy/adapter.py"

It is a second, independent implementation of the spec, not a port of the TypeScript reference:
windows are strided views of a padded array, convolution is one matrix product per group, the
divisors of average pooling are outer products of per-axis tap counts, and transposed convolution
scatters each kernel tap's products onto the output where the reference gathers per output
element. Sums are formed in float64 and rounded to float32 once, as the reference does, so on the
spec's exact domain the results match the reference bit for bit.

Only protocol messages go to stdout, one JSON object per line; diagnostics go to stderr.
"""
import base64
import itertools
import json
import sys
import traceback

import numpy as np
from numpy.lib.stride_tricks import as_strided

NAME = 'python-numpy'
VERSION = '0.1.0'
CONVENTION = 'cnnspec'
FEATURES = [
    'conv', 'conv.bias', 'conv.dilation', 'conv.groups', 'conv.depthwise',
    'conv-transpose', 'conv-transpose.bias', 'conv-transpose.groups', 'conv-transpose.dilation',
    'conv-transpose.output-padding', 'conv-transpose.output-shape', 'conv-transpose.same',
    'pool.max', 'pool.avg', 'pool.global-max', 'pool.global-avg', 'pool.ceil-mode',
    'pool.max.dilation', 'pool.avg.dilation', 'pool.avg.count-include-pad', 'pool.same',
    'dense', 'dense.bias', 'dense.rank-3', 'pad',
    'padding.same-upper', 'padding.same-lower', 'padding.explicit-asymmetric',
    'padding.fill.reflect', 'padding.fill.replicate', 'padding.fill.circular',
    'layout.channels-first', 'layout.channels-last',
    'spatial-rank-1', 'spatial-rank-2', 'spatial-rank-3',
]
OPS = ['conv', 'pool', 'globalPool', 'dense', 'pad', 'convTranspose', 'outputShape', 'paramCount']

# spec: error.limits
MAX_DIMENSION = 2 ** 31 - 1
MAX_ELEMENTS = 2 ** 26
MAX_OPERATIONS = 2 ** 31
# Largest im2col block (float64 elements) built at once; bigger convolutions are done in slices.
BLOCK_ELEMENTS = 2 ** 22

LAYOUTS = ('channels-first', 'channels-last')
KERNEL_LAYOUTS = ('out-in-spatial', 'spatial-in-out')
FILLS = ('zeros', 'reflect', 'replicate', 'circular')
AUTO_PADDINGS = ('valid', 'same-upper', 'same-lower')
POOL_KINDS = ('max', 'avg')
DENSE_WEIGHT_LAYOUTS = ('in-out', 'out-in')

# The cnnspec convention's defaults and choices (spec/conventions.md#convention.cnnspec).
DEFAULT_LAYOUT = 'channels-first'
DEFAULT_DENSE_WEIGHT_LAYOUT = 'in-out'
DEFAULT_CEIL_MODE = False
DEFAULT_COUNT_INCLUDE_PAD = False
DEFAULT_KEEP_DIMS = True


class SpecError(Exception):
    """An invalid configuration, reported like the reference's CnnSpecError (spec: error.typed)."""

    def __init__(self, code, op, clause, parameter, value, rule):
        try:
            shown = json.dumps(value)
        except (TypeError, ValueError):
            shown = repr(value)
        super().__init__(f'{op}: {parameter} ({shown}) must {rule} [{code}, spec: {clause}]')
        self.code = code


# ---------------------------------------------------------------------------------------------
# Parameter checks (spec: error.codes)

def is_integer(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


def check_integer(op, clause, name, value, minimum):
    if not is_integer(value) or value < minimum or value > MAX_DIMENSION:
        raise SpecError('E_PARAM_RANGE', op, clause, name, value, f'be an integer >= {minimum} and <= {MAX_DIMENSION}')
    return int(value)


def check_per_axis(op, clause, name, value, rank, minimum):
    """One integer for every axis, or a list with one integer per spatial axis (spec: conv.per-axis)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [check_integer(op, clause, name, value, minimum)] * rank
    if not isinstance(value, list) or len(value) != rank:
        raise SpecError('E_PARAM_ARITY', op, clause, name, value,
                        f'be an integer or an array of {rank} integers (one per spatial axis)')
    return [check_integer(op, clause, f'{name}[{a}]', v, minimum) for a, v in enumerate(value)]


def check_enum(op, clause, name, value, allowed):
    if not isinstance(value, str) or value not in allowed:
        raise SpecError('E_PARAM_ENUM', op, clause, name, value, 'be one of ' + ', '.join(json.dumps(a) for a in allowed))
    return value


def check_bool(op, clause, name, value):
    if not isinstance(value, bool):
        raise SpecError('E_PARAM_RANGE', op, clause, name, value, 'be true or false')
    return value


def check_fields(op, clause, name, record, known):
    if not isinstance(record, dict):
        raise SpecError('E_PARAM_FIELD', op, clause, name, record, 'be a plain object')
    for key in record:
        if key == 'convention' and name == 'params':
            # Requests carry no convention; tolerate our own name, refuse any other.
            if record[key] != CONVENTION:
                raise SpecError('E_UNSUPPORTED', op, 'convention.model', 'params.convention', record[key],
                                f'be {CONVENTION!r}, the convention this adapter follows')
            continue
        if key not in known:
            raise SpecError('E_PARAM_FIELD', op, clause, f'{name}.{key}', record[key],
                            'not be set: known fields are ' + ', '.join(known))
    return record


def check_shape(op, name, shape, min_rank=None, max_rank=None):
    """spec: tensor.shape — integer sizes from 1 to 2^31 - 1, and the rank when given."""
    if not isinstance(shape, list):
        raise SpecError('E_SHAPE_INVALID', op, 'tensor.shape', name, shape, 'be an array of dimension sizes')
    if min_rank is not None:
        top = min_rank if max_rank is None else max_rank
        if len(shape) < min_rank or len(shape) > top:
            expected = (str(min_rank) if max_rank is None else
                        f'at least {min_rank}' if max_rank == float('inf') else f'{min_rank} to {max_rank}')
            raise SpecError('E_SHAPE_INVALID', op, 'tensor.shape', name, shape, f'have rank {expected}')
    for axis, size in enumerate(shape):
        if not is_integer(size) or size < 1 or size > MAX_DIMENSION:
            raise SpecError('E_SHAPE_INVALID', op, 'tensor.shape', f'{name}[{axis}]', size,
                            f'be an integer >= 1 and <= {MAX_DIMENSION}')
    return [int(s) for s in shape]


def check_activation_rank(op, clause, shape):
    if not isinstance(shape, list) or not 3 <= len(shape) <= 5:
        raise SpecError('E_SHAPE_INVALID', op, clause, 'input.shape', shape,
                        'have rank 3 to 5: batch, channels and 1 to 3 spatial axes')


def check_limit(op, parameter, count, limit, what):
    if not count <= limit:
        raise SpecError('E_TOO_LARGE', op, 'error.limits', parameter, count, f'not exceed the limit of {limit} {what}')


def opt(record, key, default=None):
    """A parameter, or its default when omitted (null counts as omitted, like JavaScript's `??`)."""
    value = record.get(key)
    return default if value is None else value


def prod(values):
    result = 1
    for v in values:
        result *= int(v)
    return result


def split_activation(shape, layout):
    """(batch, channels, spatial sizes) of an activation shape (spec: layout.channels-first/-last)."""
    if layout == 'channels-first':
        return shape[0], shape[1], list(shape[2:])
    return shape[0], shape[-1], list(shape[1:-1])


def join_activation(batch, channels, spatial, layout):
    return [batch, channels, *spatial] if layout == 'channels-first' else [batch, *spatial, channels]


# ---------------------------------------------------------------------------------------------
# Window planning: pads and output sizes (spec: shapes.md, padding.md, pool.md)

def ceil_div(a, b):
    return -((-a) // b)


def plan_window(op, kind, spatial, kernel, strides, dilations, padding, ceil_mode):
    """Pads and output size per axis. `kind` is 'conv' or 'pool'."""
    rank = len(spatial)
    strides = check_per_axis(op, 'shape.stride', 'strides', strides, rank, 1)
    dilations = check_per_axis(op, 'shape.dilation', 'dilations', dilations, rank, 1)
    if isinstance(padding, str):
        mode = check_enum(op, 'padding.modes', 'padding', padding, AUTO_PADDINGS)
    else:
        record = check_fields(op, 'padding.explicit', 'padding', padding, ('begin', 'end'))
        mode = 'explicit'
        begin = check_per_axis(op, 'padding.explicit', 'padding.begin', opt(record, 'begin'), rank, 0)
        end = check_per_axis(op, 'padding.explicit', 'padding.end', opt(record, 'end'), rank, 0)
    eff = [d * (k - 1) + 1 for k, d in zip(kernel, dilations)]  # spec: shape.effective-kernel
    pad_begin, pad_end, output = [], [], []
    for a in range(rank):
        n, s, e = spatial[a], strides[a], eff[a]
        if mode == 'valid':
            pb = pe = 0
        elif mode == 'explicit':
            pb, pe = begin[a], end[a]
        else:
            out = ceil_div(n, s)                       # spec: padding.same.output-size
            total = max(0, (out - 1) * s + e - n)      # spec: padding.same.total (clamped)
            small, large = total // 2, total - total // 2
            pb, pe = (small, large) if mode == 'same-upper' else (large, small)
        span = n + pb + pe - e
        if mode in ('same-upper', 'same-lower') or not ceil_mode:
            out = span // s + 1                        # spec: shape.output-size.floor
        else:
            out = ceil_div(span, s) + 1                # spec: shape.output-size.ceil
            if (out - 1) * s >= n + pb:                # spec: pool.ceil-mode.last-window
                out -= 1
        if out < 1:                                    # spec: shape.output-size.positive
            raise SpecError('E_OUTPUT_EMPTY', op, 'shape.output-size.positive', f'kernel[{a}]', kernel[a],
                            f'give an effective extent ({e}) that fits in the padded input '
                            f'({n} + {pb} + {pe} = {n + pb + pe}) along spatial axis {a}: the output size would be {out}')
        pad_begin.append(pb)
        pad_end.append(pe)
        output.append(out)
    return {'rank': rank, 'input': list(spatial), 'kernel': list(kernel), 'strides': strides, 'dilations': dilations,
            'eff': eff, 'mode': mode, 'pad_begin': pad_begin, 'pad_end': pad_end, 'output': output}


def check_fill_limits(op, fill, spatial, pad_begin, pad_end):
    """spec: padding.fill.reflect (pad <= n - 1), padding.fill.circular (pad <= n)."""
    if fill in ('zeros', 'replicate'):
        return
    for a, n in enumerate(spatial):
        limit = n - 1 if fill == 'reflect' else n
        for side, p in (('begin', pad_begin[a]), ('end', pad_end[a])):
            if p > limit:
                raise SpecError('E_PAD_LIMIT', op, f'padding.fill.{fill}', f'padding.{side}[{a}]', p,
                                f'be <= {"n - 1" if fill == "reflect" else "n"} = {limit} for fill "{fill}" '
                                f'(input size {n} along spatial axis {a})')


def fill_source(coords, n, fill):
    """Input coordinate that each padded coordinate reads, or -1 for zero fill (spec: padding.fill.*)."""
    inside = (coords >= 0) & (coords < n)
    if fill == 'zeros':
        source = np.full_like(coords, -1)
    elif fill == 'reflect':
        source = np.where(coords < 0, -coords, 2 * (n - 1) - coords)
    elif fill == 'replicate':
        source = np.where(coords < 0, 0, n - 1)
    else:  # circular
        source = np.where(coords < 0, coords + n, coords - n)
    return np.where(inside, coords, source)


def pad_spatial(x, pad_begin, pad_end, fill):
    """Extends every spatial axis of a channels-first array by the pads, filled by the fill mode."""
    if fill == 'zeros':
        widths = [(0, 0), (0, 0)] + list(zip(pad_begin, pad_end))
        return np.pad(x, widths, mode='constant', constant_values=0)
    for a, (pb, pe) in enumerate(zip(pad_begin, pad_end)):
        n = x.shape[2 + a]
        x = np.take(x, fill_source(np.arange(-pb, n + pe), n, fill), axis=2 + a)
    return x


def windows(xp, output, strides, dilations, kernel, offset=2):
    """A read-only view [..., O1..Or, k1..kr] of the windows of a padded array (spec: shape.window)."""
    st = xp.strides
    spatial_strides = st[offset:]
    shape = xp.shape[:offset] + tuple(output) + tuple(kernel)
    strides_view = (st[:offset] + tuple(ss * s for ss, s in zip(spatial_strides, strides))
                    + tuple(ss * d for ss, d in zip(spatial_strides, dilations)))
    return as_strided(xp, shape=shape, strides=strides_view, writeable=False)


def to_channels_first(x, layout):
    if layout == 'channels-first':
        return x
    r = x.ndim - 2
    return x.transpose(0, r + 1, *range(1, r + 1))


def from_channels_first(y, layout):
    if layout == 'channels-first':
        return y
    r = y.ndim - 2
    return y.transpose(0, *range(2, r + 2), 1)


# ---------------------------------------------------------------------------------------------
# Convolution (spec: conv.md)

CONV_FIELDS = ('strides', 'dilations', 'padding', 'fill', 'groups', 'layout', 'kernelLayout')


def plan_conv(params, input_shape, weight_shape, bias_shape):
    op = 'conv'
    check_fields(op, 'conv.shapes', 'params', params, CONV_FIELDS)
    layout = check_enum(op, 'layout.channels-first', 'layout', opt(params, 'layout', DEFAULT_LAYOUT), LAYOUTS)
    default_kernel_layout = 'out-in-spatial' if layout == 'channels-first' else 'spatial-in-out'
    kernel_layout = check_enum(op, 'layout.kernel', 'kernelLayout', opt(params, 'kernelLayout', default_kernel_layout), KERNEL_LAYOUTS)
    fill = check_enum(op, 'padding.fill.zeros', 'fill', opt(params, 'fill', 'zeros'), FILLS)
    groups = check_integer(op, 'conv.groups', 'groups', opt(params, 'groups', 1), 1)
    check_activation_rank(op, 'conv.shapes', input_shape)
    if not isinstance(weight_shape, list) or len(weight_shape) != len(input_shape):
        raise SpecError('E_SHAPE_MISMATCH', op, 'conv.shapes', 'weight.shape', weight_shape, f"have the input's rank {len(input_shape)}")
    input_shape = check_shape(op, 'input.shape', input_shape)
    weight_shape = check_shape(op, 'weight.shape', weight_shape)
    if bias_shape is not None:
        bias_shape = check_shape(op, 'bias.shape', bias_shape)
    batch, channels, spatial = split_activation(input_shape, layout)
    if kernel_layout == 'out-in-spatial':
        out_channels, weight_in, kernel, weight_in_axis = weight_shape[0], weight_shape[1], weight_shape[2:], 1
    else:
        out_channels, weight_in, kernel, weight_in_axis = weight_shape[-1], weight_shape[-2], weight_shape[:-2], len(weight_shape) - 2
    if channels % groups:
        raise SpecError('E_GROUPS', op, 'conv.groups', 'groups', groups, f'divide the input channels ({channels})')
    if out_channels % groups:
        raise SpecError('E_GROUPS', op, 'conv.groups', 'groups', groups, f'divide the output channels ({out_channels})')
    if weight_in != channels // groups:
        raise SpecError('E_SHAPE_MISMATCH', op, 'conv.shapes', f'weight.shape[{weight_in_axis}]', weight_in,
                        f'equal input channels / groups = {channels} / {groups} = {channels // groups}')
    if bias_shape is not None and bias_shape != [out_channels]:
        raise SpecError('E_SHAPE_MISMATCH', op, 'conv.bias', 'bias.shape', bias_shape, f'be [{out_channels}] (one value per output channel)')
    window = plan_window(op, 'conv', spatial, kernel, opt(params, 'strides', 1), opt(params, 'dilations', 1),
                         opt(params, 'padding', 'valid'), False)
    check_fill_limits(op, fill, spatial, window['pad_begin'], window['pad_end'])
    output_shape = join_activation(batch, out_channels, window['output'], layout)
    check_limit(op, 'output', prod(output_shape), MAX_ELEMENTS, 'output elements')
    operations = prod(output_shape) * (channels // groups) * prod(kernel)
    check_limit(op, 'operations', operations, MAX_OPERATIONS, 'multiply-accumulates')
    return {'layout': layout, 'kernel_layout': kernel_layout, 'fill': fill, 'groups': groups, 'batch': batch,
            'channels': channels, 'out_channels': out_channels, 'window': window, 'output_shape': output_shape}


def conv(tensors, params):
    x, w, b = tensors.get('input'), tensors.get('weight'), tensors.get('bias')
    if x is None or w is None:
        raise SpecError('E_PARAM_FIELD', 'conv', 'conv.shapes', 'tensors', sorted(tensors), 'hold an input and a weight')
    plan = plan_conv(params, list(x.shape), list(w.shape), None if b is None else list(b.shape))
    win = plan['window']
    r, g = win['rank'], plan['groups']
    cin_g, cout_g = plan['channels'] // g, plan['out_channels'] // g
    kernel, out = win['kernel'], win['output']
    kvol, ovol = prod(kernel), prod(out)

    # Weights as [Cout, Cin/g, k...] in float64 (spec: layout.kernel), then one matrix per group.
    w64 = w.astype(np.float64)
    if plan['kernel_layout'] == 'spatial-in-out':
        w64 = w64.transpose(r + 1, r, *range(r))
    wm = w64.reshape(g, cout_g, cin_g * kvol).transpose(0, 2, 1)           # [g, Cin/g * K, Cout/g]

    # The padded input, read through the fill mode (spec: padding.fill.*), channels-first float64.
    xcf = to_channels_first(x, plan['layout']).astype(np.float64)
    xp = np.ascontiguousarray(pad_spatial(xcf, win['pad_begin'], win['pad_end'], plan['fill']))
    n_batch = xp.shape[0]
    # [N, g, Cin/g, O..., k...]: tap t of output o reads padded coordinate o*s + t*d (spec: shape.window)
    view = windows(xp.reshape(n_batch, g, cin_g, *xp.shape[2:]), out, win['strides'], win['dilations'], kernel, offset=3)
    y = np.empty((n_batch, g, cout_g, ovol), dtype=np.float64)

    # im2col in slices along the first output axis, so that a large case never builds a huge matrix.
    row_elems = g * cin_g * kvol * (ovol // out[0])
    rows = max(1, BLOCK_ELEMENTS // max(1, row_elems))
    per_row = ovol // out[0]
    for n in range(n_batch):
        for start in range(0, out[0], rows):
            stop = min(out[0], start + rows)
            block = view[n, :, :, start:stop]                                 # [g, Cin/g, o0 block, O rest..., k...]
            nb = (stop - start) * per_row
            cols = block.transpose(0, *range(2, 2 + r), 1, *range(2 + r, 2 + 2 * r)).reshape(g, nb, cin_g * kvol)
            y[n, :, :, start * per_row:stop * per_row] = np.matmul(cols, wm).transpose(0, 2, 1)
    y = y.reshape(n_batch, plan['out_channels'], *out)
    if b is not None:                                                         # spec: conv.bias
        y += b.astype(np.float64).reshape(1, -1, *([1] * r))
    return from_channels_first(y, plan['layout']).astype(np.float32)        # spec: numerics.rounding


# ---------------------------------------------------------------------------------------------
# Transposed convolution (spec: conv-transpose.md)

CONV_TRANSPOSE_FIELDS = ('strides', 'dilations', 'padding', 'outputPadding', 'outputShape', 'groups', 'layout', 'kernelLayout')
CONV_TRANSPOSE_KERNEL_LAYOUTS = ('in-out-spatial', 'spatial-out-in')


def split_crop(crop, upper):
    """(begin, end) of a total crop (spec: conv-transpose.crop-split): the odd element at the end
    for the upper split, at the beginning for the lower; a negative crop is appended at the end."""
    small = crop // 2
    begin = max(0, small if upper else crop - small)
    return begin, crop - begin


def plan_conv_transpose(params, input_shape, weight_shape, bias_shape):
    op = 'conv-transpose'
    check_fields(op, 'conv-transpose.weight-layout', 'params', params, CONV_TRANSPOSE_FIELDS)
    layout = check_enum(op, 'layout.channels-first', 'layout', opt(params, 'layout', DEFAULT_LAYOUT), LAYOUTS)
    default_kernel_layout = 'in-out-spatial' if layout == 'channels-first' else 'spatial-out-in'
    kernel_layout = check_enum(op, 'conv-transpose.weight-layout', 'kernelLayout', opt(params, 'kernelLayout', default_kernel_layout),
                               CONV_TRANSPOSE_KERNEL_LAYOUTS)
    groups = check_integer(op, 'conv-transpose.groups', 'groups', opt(params, 'groups', 1), 1)
    check_activation_rank(op, 'conv-transpose.weight-layout', input_shape)
    if not isinstance(weight_shape, list) or len(weight_shape) != len(input_shape):
        raise SpecError('E_SHAPE_MISMATCH', op, 'conv-transpose.weight-layout', 'weight.shape', weight_shape,
                        f"have the input's rank {len(input_shape)}")
    input_shape = check_shape(op, 'input.shape', input_shape)
    weight_shape = check_shape(op, 'weight.shape', weight_shape)
    if bias_shape is not None:
        bias_shape = check_shape(op, 'bias.shape', bias_shape)
    batch, channels, spatial = split_activation(input_shape, layout)
    rank = len(spatial)
    # spec: conv-transpose.weight-layout — [C, Cout/g, k...] or [k..., Cout/g, C]
    if kernel_layout == 'in-out-spatial':
        weight_in, out_per_group, kernel, weight_in_axis = weight_shape[0], weight_shape[1], weight_shape[2:], 0
    else:
        weight_in, out_per_group, kernel, weight_in_axis = weight_shape[-1], weight_shape[-2], weight_shape[:-2], len(weight_shape) - 1
    out_channels = out_per_group * groups
    if channels % groups:
        raise SpecError('E_GROUPS', op, 'conv-transpose.groups', 'groups', groups, f'divide the input channels ({channels})')
    if weight_in != channels:
        raise SpecError('E_SHAPE_MISMATCH', op, 'conv-transpose.weight-layout', f'weight.shape[{weight_in_axis}]', weight_in,
                        f'equal the input channels ({channels})')
    if bias_shape is not None and bias_shape != [out_channels]:
        raise SpecError('E_SHAPE_MISMATCH', op, 'conv-transpose.bias', 'bias.shape', bias_shape,
                        f'be [{out_channels}] (one value per output channel)')

    strides = check_per_axis(op, 'shape.stride', 'strides', opt(params, 'strides', 1), rank, 1)
    dilations = check_per_axis(op, 'conv-transpose.dilation', 'dilations', opt(params, 'dilations', 1), rank, 1)
    output_padding = check_per_axis(op, 'conv-transpose.output-padding', 'outputPadding', opt(params, 'outputPadding', 0), rank, 0)
    requested = opt(params, 'outputShape')
    if requested is not None:
        if not isinstance(requested, list):   # spec: conv-transpose.output-shape — one entry per spatial axis
            raise SpecError('E_PARAM_ARITY', op, 'conv-transpose.output-shape', 'outputShape', requested,
                            f'be an array of {rank} integers (one per spatial axis)')
        requested = check_per_axis(op, 'conv-transpose.output-shape', 'outputShape', requested, rank, 1)
    padding = opt(params, 'padding', 'valid')
    if isinstance(padding, str):
        mode = check_enum(op, 'padding.modes', 'padding', padding, AUTO_PADDINGS)
    else:
        record = check_fields(op, 'conv-transpose.output-size', 'padding', padding, ('begin', 'end'))
        mode = 'explicit'
        begin = check_per_axis(op, 'conv-transpose.output-size', 'padding.begin', opt(record, 'begin'), rank, 0)
        end = check_per_axis(op, 'conv-transpose.output-size', 'padding.end', opt(record, 'end'), rank, 0)
        if requested is not None:
            raise SpecError('E_PARAM_RANGE', op, 'conv-transpose.output-shape', 'padding', 'explicit',
                            "be 'valid', 'same-upper' or 'same-lower' when outputShape is given: the output shape decides the crops")
    for a, (k, d) in enumerate(zip(kernel, dilations)):
        if d * (k - 1) + 1 > MAX_DIMENSION:
            raise SpecError('E_PARAM_RANGE', op, 'error.limits', f'dilations[{a}]', d,
                            f'give an effective kernel d * (k - 1) + 1 = {d} * ({k} - 1) + 1 <= {MAX_DIMENSION}')

    crop_begin, crop_end, output = [], [], []
    for a in range(rank):
        n, s, d, k, opad = spatial[a], strides[a], dilations[a], kernel[a], output_padding[a]
        full = (n - 1) * s + d * (k - 1) + 1                  # the uncropped output (spec: conv-transpose.output-size)
        if mode == 'explicit':
            pb, pe = begin[a], end[a]
        elif mode == 'valid' and requested is None:
            pb = pe = 0
        else:
            # spec: conv-transpose.output-shape, conv-transpose.same — the asked size, or n·s
            wanted = requested[a] if requested is not None else n * s
            pb, pe = split_crop(full + opad - wanted, mode == 'same-upper')
        if opad >= max(s, d):
            raise SpecError('E_PARAM_RANGE', op, 'conv-transpose.output-padding', f'outputPadding[{a}]', opad,
                            f'be smaller than the stride ({s}) or the dilation ({d})')
        out = full - pb - pe + opad
        if out < 1:
            raise SpecError('E_OUTPUT_EMPTY', op, 'conv-transpose.output-size', f'output[{a}]', out,
                            'be at least 1: the crops leave no output element')
        crop_begin.append(pb)
        crop_end.append(pe)
        output.append(out)
    output_shape = join_activation(batch, out_channels, output, layout)
    check_limit(op, 'output', prod(output_shape), MAX_ELEMENTS, 'output elements')
    operations = prod(input_shape) * out_per_group * prod(kernel)
    check_limit(op, 'operations', operations, MAX_OPERATIONS, 'multiply-accumulates')
    return {'layout': layout, 'kernel_layout': kernel_layout, 'groups': groups, 'channels': channels, 'out_channels': out_channels,
            'input': spatial, 'kernel': list(kernel), 'strides': strides, 'dilations': dilations, 'crop_begin': crop_begin,
            'output': output, 'output_shape': output_shape}


def tap_span(n, s, d, t, pb, out):
    """The input elements i of one axis whose copy of tap t lands inside the output, o = i·s + t·d - pb
    in [0, out), as (first input, first output, count)."""
    first = max(0, ceil_div(pb - t * d, s))
    last = min(n - 1, (out - 1 + pb - t * d) // s)
    return first, first * s + t * d - pb, last - first + 1


def conv_transpose(tensors, params):
    """Scatter form: every kernel tap t spreads the input, multiplied by that tap's [C/g, Cout/g]
    weights, onto the output positions i·s + t·d - pb (spec: conv-transpose.definition)."""
    x, w, b = tensors.get('input'), tensors.get('weight'), tensors.get('bias')
    if x is None or w is None:
        raise SpecError('E_PARAM_FIELD', 'conv-transpose', 'conv-transpose.weight-layout', 'tensors', sorted(tensors),
                        'hold an input and a weight')
    plan = plan_conv_transpose(params, list(x.shape), list(w.shape), None if b is None else list(b.shape))
    r, g = len(plan['input']), plan['groups']
    cin_g, cout_g = plan['channels'] // g, plan['out_channels'] // g

    w64 = w.astype(np.float64)
    if plan['kernel_layout'] == 'spatial-out-in':
        w64 = w64.transpose(r + 1, r, *range(r))                              # -> [C, Cout/g, k...]
    wg = w64.reshape(g, cin_g, cout_g, *plan['kernel'])                       # spec: conv-transpose.groups
    xg = to_channels_first(x, plan['layout']).astype(np.float64).reshape(x.shape[0], g, cin_g, *plan['input'])
    y = np.zeros((x.shape[0], g, cout_g, *plan['output']), dtype=np.float64)

    # Per axis, the taps whose copy reaches the output at all, with where they land.
    spans = []
    for a in range(r):
        n, s, d, pb, out = plan['input'][a], plan['strides'][a], plan['dilations'][a], plan['crop_begin'][a], plan['output'][a]
        spans.append([(t, *tap_span(n, s, d, t, pb, out)) for t in range(plan['kernel'][a])])
        spans[a] = [span for span in spans[a] if span[3] > 0]
    for taps in itertools.product(*spans):
        source = tuple(slice(first, first + count) for _, first, _, count in taps)
        target = tuple(slice(start, start + (count - 1) * s + 1, s) for (_, _, start, count), s in zip(taps, plan['strides']))
        weights = wg[(slice(None), slice(None), slice(None)) + tuple(t for t, _, _, _ in taps)]   # [g, C/g, Cout/g]
        part = xg[(slice(None), slice(None), slice(None)) + source]                               # [N, g, C/g, span...]
        # [g, Cout/g, C/g] @ [N, g, C/g, P] -> [N, g, Cout/g, P]: every input channel of the group
        products = np.matmul(weights.transpose(0, 2, 1), part.reshape(*part.shape[:3], -1))
        y[(slice(None), slice(None), slice(None)) + target] += products.reshape(*products.shape[:3], *part.shape[3:])
    y = y.reshape(x.shape[0], plan['out_channels'], *plan['output'])
    if b is not None:                                                         # spec: conv-transpose.bias
        y += b.astype(np.float64).reshape(1, -1, *([1] * r))
    return from_channels_first(y, plan['layout']).astype(np.float32)        # spec: numerics.rounding


# ---------------------------------------------------------------------------------------------
# Pooling (spec: pool.md)

POOL_FIELDS = ('kind', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode', 'countIncludePad', 'layout')


def plan_pool(params, input_shape, op='pool'):
    check_fields(op, 'pool.kinds', 'params', params, POOL_FIELDS)
    kind = check_enum(op, 'pool.kinds', 'kind', opt(params, 'kind'), POOL_KINDS)
    layout = check_enum(op, 'layout.channels-first', 'layout', opt(params, 'layout', DEFAULT_LAYOUT), LAYOUTS)
    ceil_mode = check_bool(op, 'pool.ceil-mode', 'ceilMode', opt(params, 'ceilMode', DEFAULT_CEIL_MODE))
    if kind == 'max' and 'countIncludePad' in params:
        raise SpecError('E_PARAM_FIELD', op, 'pool.avg.count-include-pad', 'countIncludePad', params['countIncludePad'],
                        'be omitted for max pooling (padding never takes part in a maximum)')
    count_include_pad = kind == 'avg' and check_bool(op, 'pool.avg.count-include-pad', 'countIncludePad',
                                                      opt(params, 'countIncludePad', DEFAULT_COUNT_INCLUDE_PAD))
    check_activation_rank(op, 'pool.kinds', input_shape)
    input_shape = check_shape(op, 'input.shape', input_shape)
    batch, channels, spatial = split_activation(input_shape, layout)
    kernel = check_per_axis(op, 'pool.window', 'kernel', opt(params, 'kernel'), len(spatial), 1)
    strides = params['strides'] if 'strides' in params else kernel            # spec: pool.default-stride
    window = plan_window(op, 'pool', spatial, kernel, strides, opt(params, 'dilations', 1),
                         opt(params, 'padding', 'valid'), ceil_mode)
    output_shape = join_activation(batch, channels, window['output'], layout)
    check_limit(op, 'output', prod(output_shape), MAX_ELEMENTS, 'output elements')
    check_limit(op, 'operations', prod(output_shape) * prod(kernel), MAX_OPERATIONS, 'window taps')
    return {'kind': kind, 'layout': layout, 'count_include_pad': count_include_pad, 'batch': batch,
            'channels': channels, 'window': window, 'output_shape': output_shape}


def tap_counts(win, count_include_pad):
    """Divisor of every output position: the product over axes of the taps counted on each axis."""
    divisor = np.ones(win['output'], dtype=np.float64)
    for a in range(win['rank']):
        n, pb, pe = win['input'][a], win['pad_begin'][a], win['pad_end'][a]
        i = (np.arange(win['output'][a])[:, None] * win['strides'][a] - pb
             + np.arange(win['kernel'][a])[None, :] * win['dilations'][a])
        lo, hi = (-pb, n + pe) if count_include_pad else (0, n)               # spec: pool.avg.count-include-pad
        counted = ((i >= lo) & (i < hi)).sum(axis=1)
        shape = [1] * win['rank']
        shape[a] = -1
        divisor = divisor * counted.reshape(shape)
    return divisor


def pool(tensors, params):
    x = tensors.get('input')
    if x is None:
        raise SpecError('E_PARAM_FIELD', 'pool', 'pool.kinds', 'tensors', sorted(tensors), 'hold an input')
    plan = plan_pool(params, list(x.shape))
    win = plan['window']
    r = win['rank']
    xcf = to_channels_first(x, plan['layout']).astype(np.float64)
    # The array the windows read: the input at offset pb, in an extent long enough for every window
    # (ceil mode may reach beyond the declared padding). Outside the input, a value that takes no
    # part: -inf for a maximum, 0 for a sum (spec: pool.padding).
    extent = [max(n + pb + pe, (o - 1) * s + e)
              for n, pb, pe, o, s, e in zip(win['input'], win['pad_begin'], win['pad_end'], win['output'], win['strides'], win['eff'])]
    filler = -np.inf if plan['kind'] == 'max' else 0.0
    xp = np.full(xcf.shape[:2] + tuple(extent), filler, dtype=np.float64)
    xp[(slice(None), slice(None)) + tuple(slice(pb, pb + n) for pb, n in zip(win['pad_begin'], win['input']))] = xcf
    view = windows(xp, win['output'], win['strides'], win['dilations'], win['kernel'])
    taps = tuple(range(2 + r, 2 + 2 * r))
    with np.errstate(all='ignore'):
        if plan['kind'] == 'max':
            # spec: pool.max, pool.max.nan (NaN propagates), pool.empty-window (-inf)
            y = view.max(axis=taps)
        else:
            # spec: pool.avg; an empty window divides 0 by 0 (NaN), spec: pool.empty-window
            y = view.sum(axis=taps) / tap_counts(win, plan['count_include_pad'])
    return from_channels_first(y, plan['layout']).astype(np.float32)


def plan_global_pool(params, input_shape, op='global-pool'):
    check_fields(op, 'pool.global', 'params', params, ('kind', 'keepDims', 'layout'))
    kind = check_enum(op, 'pool.global', 'kind', opt(params, 'kind'), POOL_KINDS)
    layout = check_enum(op, 'layout.channels-first', 'layout', opt(params, 'layout', DEFAULT_LAYOUT), LAYOUTS)
    keep_dims = check_bool(op, 'pool.global', 'keepDims', opt(params, 'keepDims', DEFAULT_KEEP_DIMS))
    check_activation_rank(op, 'pool.kinds', input_shape)
    input_shape = check_shape(op, 'input.shape', input_shape)
    batch, channels, spatial = split_activation(input_shape, layout)
    pooled = join_activation(batch, channels, [1] * len(spatial), layout)
    check_limit(op, 'operations', prod(input_shape), MAX_OPERATIONS, 'window taps')
    return {'kind': kind, 'layout': layout, 'keep_dims': keep_dims,
            'output_shape': pooled if keep_dims else [batch, channels]}


def global_pool(tensors, params):
    x = tensors.get('input')
    if x is None:
        raise SpecError('E_PARAM_FIELD', 'global-pool', 'pool.global', 'tensors', sorted(tensors), 'hold an input')
    plan = plan_global_pool(params, list(x.shape))
    xcf = to_channels_first(x, plan['layout']).astype(np.float64)
    axes = tuple(range(2, xcf.ndim))
    with np.errstate(all='ignore'):
        # spec: pool.global — one window over the whole spatial input
        y = xcf.max(axis=axes) if plan['kind'] == 'max' else xcf.sum(axis=axes) / prod(xcf.shape[2:])
    return y.astype(np.float32).reshape(plan['output_shape'])


# ---------------------------------------------------------------------------------------------
# Dense (spec: dense.md)

def plan_dense(params, input_shape, weight_shape, bias_shape, op='dense'):
    check_fields(op, 'dense.definition', 'params', params, ('weightLayout',))
    weight_layout = check_enum(op, 'dense.weight-layout', 'weightLayout',
                               opt(params, 'weightLayout', DEFAULT_DENSE_WEIGHT_LAYOUT), DENSE_WEIGHT_LAYOUTS)
    input_shape = check_shape(op, 'input.shape', input_shape, 1, float('inf'))
    weight_shape = check_shape(op, 'weight.shape', weight_shape, 2)
    if bias_shape is not None:
        bias_shape = check_shape(op, 'bias.shape', bias_shape, 1)
    n_in = input_shape[-1]
    weight_in, n_out = (weight_shape[0], weight_shape[1]) if weight_layout == 'in-out' else (weight_shape[1], weight_shape[0])
    if weight_in != n_in:
        raise SpecError('E_SHAPE_MISMATCH', op, 'dense.weight-layout', f'weight.shape[{0 if weight_layout == "in-out" else 1}]',
                        weight_in, f"equal the size of the input's last axis ({n_in}) for weight layout {weight_layout}")
    if bias_shape is not None and bias_shape[0] != n_out:
        raise SpecError('E_SHAPE_MISMATCH', op, 'dense.bias', 'bias.shape', bias_shape, f'be [{n_out}] (one value per output feature)')
    output_shape = input_shape[:-1] + [n_out]
    check_limit(op, 'output', prod(output_shape), MAX_ELEMENTS, 'output elements')
    check_limit(op, 'operations', prod(output_shape) * n_in, MAX_OPERATIONS, 'multiply-accumulates')
    return {'weight_layout': weight_layout, 'n_in': n_in, 'n_out': n_out, 'output_shape': output_shape}


def dense(tensors, params):
    x, w, b = tensors.get('input'), tensors.get('weight'), tensors.get('bias')
    if x is None or w is None:
        raise SpecError('E_PARAM_FIELD', 'dense', 'dense.definition', 'tensors', sorted(tensors), 'hold an input and a weight')
    plan = plan_dense(params, list(x.shape), list(w.shape), None if b is None else list(b.shape))
    w64 = w.astype(np.float64)
    if plan['weight_layout'] == 'out-in':                                     # spec: dense.weight-layout
        w64 = w64.T
    y = np.matmul(x.astype(np.float64).reshape(-1, plan['n_in']), w64)       # spec: dense.rank — rows kept
    if b is not None:
        y += b.astype(np.float64)
    return y.reshape(plan['output_shape']).astype(np.float32)


# ---------------------------------------------------------------------------------------------
# Pad (spec: padding.op)

def pad(tensors, params):
    op = 'pad'
    x = tensors.get('input')
    if x is None:
        raise SpecError('E_PARAM_FIELD', op, 'padding.op', 'tensors', sorted(tensors), 'hold an input')
    check_fields(op, 'padding.op', 'params', params, ('padding', 'fill', 'layout'))
    layout = check_enum(op, 'layout.channels-first', 'layout', opt(params, 'layout', DEFAULT_LAYOUT), LAYOUTS)
    fill = check_enum(op, 'padding.fill.zeros', 'fill', opt(params, 'fill', 'zeros'), FILLS)
    check_activation_rank(op, 'padding.op', list(x.shape))
    batch, channels, spatial = split_activation(list(x.shape), layout)
    padding = check_fields(op, 'padding.explicit', 'padding', opt(params, 'padding'), ('begin', 'end'))
    pad_begin = check_per_axis(op, 'padding.explicit', 'padding.begin', opt(padding, 'begin'), len(spatial), 0)
    pad_end = check_per_axis(op, 'padding.explicit', 'padding.end', opt(padding, 'end'), len(spatial), 0)
    check_fill_limits(op, fill, spatial, pad_begin, pad_end)
    out_spatial = [n + pb + pe for n, pb, pe in zip(spatial, pad_begin, pad_end)]
    check_limit(op, 'output', prod(join_activation(batch, channels, out_spatial, layout)), MAX_ELEMENTS, 'output elements')
    # float32 throughout: copied elements keep their bits (-0, NaN), the zero fill is +0.
    return from_channels_first(pad_spatial(to_channels_first(x, layout), pad_begin, pad_end, fill), layout)


# ---------------------------------------------------------------------------------------------
# Shape algebra: outputShape and paramCount of a layer (spec: shape.layers, params.md)

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


def kernel_shape(out_channels, in_per_group, kernel, layout):
    return [out_channels, in_per_group, *kernel] if layout == 'channels-first' else [*kernel, in_per_group, out_channels]


def plan_layer(layer, input_shape, layout):
    """(output shape, parameter count) of one layer."""
    every_field = sorted({f for fields in LAYER_FIELDS.values() for f in fields})
    check_fields('layer', 'shape.layers', 'layer', layer, every_field)
    kind = check_enum('layer', 'shape.layers', 'layer.type', opt(layer, 'type'), tuple(LAYER_FIELDS))
    check_fields(kind, 'shape.layers', 'layer', layer, LAYER_FIELDS[kind])
    layout = check_enum(kind, 'layout.channels-first', 'layout', DEFAULT_LAYOUT if layout is None else layout, LAYOUTS)
    shape = check_shape(kind, 'input.shape', input_shape, 1, float('inf'))
    has_bias = kind in ('conv', 'depthwise-conv', 'separable-conv', 'conv-transpose', 'dense') and check_bool(kind, 'shape.layers', 'bias', opt(layer, 'bias', True))
    b = 1 if has_bias else 0
    window = {key: layer[key] for key in ('strides', 'dilations', 'padding') if key in layer}

    if kind in ('conv', 'depthwise-conv', 'separable-conv'):
        if len(shape) < 3:
            raise SpecError('E_SHAPE_INVALID', kind, 'conv.shapes', 'input.shape', shape,
                            'have rank 3 to 5: batch, channels and 1 to 3 spatial axes')
        _, cin, spatial = split_activation(shape, layout)
        kernel = check_per_axis(kind, 'conv.shapes', 'kernel', opt(layer, 'kernel'), len(spatial), 1)
        kvol = prod(kernel)
        fill = {'fill': layer['fill']} if 'fill' in layer else {}
        if kind == 'conv':
            cout = check_integer(kind, 'conv.shapes', 'filters', opt(layer, 'filters'), 1)
            groups = check_integer(kind, 'conv.groups', 'groups', opt(layer, 'groups', 1), 1)
            w_shape = kernel_shape(cout, max(1, cin // groups), kernel, layout)
            plan = plan_conv({**window, **fill, 'groups': groups, 'layout': layout}, shape, w_shape, [cout] if has_bias else None)
            return plan['output_shape'], kvol * (cin // groups) * cout + b * cout          # spec: params.conv
        dm = check_integer(kind, 'conv.depthwise', 'depthMultiplier', opt(layer, 'depthMultiplier', 1), 1)
        dw_shape = kernel_shape(cin * dm, 1, kernel, layout)
        if kind == 'depthwise-conv':
            plan = plan_conv({**window, **fill, 'groups': cin, 'layout': layout}, shape, dw_shape, [cin * dm] if has_bias else None)
            return plan['output_shape'], kvol * cin * dm + b * cin * dm                     # spec: params.depthwise
        filters = check_integer(kind, 'params.separable', 'filters', opt(layer, 'filters'), 1)
        depthwise = plan_conv({**window, 'groups': cin, 'layout': layout}, shape, dw_shape, None)
        pw_shape = kernel_shape(filters, cin * dm, [1] * len(kernel), layout)
        pointwise = plan_conv({'layout': layout}, depthwise['output_shape'], pw_shape, [filters] if has_bias else None)
        return pointwise['output_shape'], kvol * cin * dm + cin * dm * filters + b * filters  # spec: params.separable

    if kind == 'conv-transpose':
        if len(shape) < 3:
            raise SpecError('E_SHAPE_INVALID', kind, 'conv-transpose.weight-layout', 'input.shape', shape,
                            'have rank 3 to 5: batch, channels and 1 to 3 spatial axes')
        _, cin, spatial = split_activation(shape, layout)
        kernel = check_per_axis(kind, 'conv-transpose.weight-layout', 'kernel', opt(layer, 'kernel'), len(spatial), 1)
        cout = check_integer(kind, 'conv-transpose.weight-layout', 'filters', opt(layer, 'filters'), 1)
        groups = check_integer(kind, 'conv-transpose.groups', 'groups', opt(layer, 'groups', 1), 1)
        # The weight holds filters / groups output channels per group (spec: conv-transpose.weight-layout).
        if cout % groups:
            raise SpecError('E_GROUPS', kind, 'conv-transpose.groups', 'filters', cout, f'be divisible by groups ({groups})')
        # The weight in the layout's default kernel layout: [C, Cout/g, k...] or [k..., Cout/g, C].
        w_shape = [cin, cout // groups, *kernel] if layout == 'channels-first' else [*kernel, cout // groups, cin]
        params = {**window, 'groups': groups, 'layout': layout,
                  **{key: layer[key] for key in ('outputPadding', 'outputShape') if key in layer}}
        plan = plan_conv_transpose(params, shape, w_shape, [cout] if has_bias else None)
        return plan['output_shape'], cin * (cout // groups) * prod(kernel) + b * cout         # spec: params.conv-transpose

    if kind in ('max-pool', 'avg-pool'):
        params = {'kind': 'max' if kind == 'max-pool' else 'avg', 'layout': layout, **window}
        for key in ('kernel', 'ceilMode', 'countIncludePad'):
            if key in layer:
                params[key] = layer[key]
        return plan_pool(params, shape, op=kind)['output_shape'], 0                         # spec: params.pool

    if kind in ('global-max-pool', 'global-avg-pool'):
        params = {'kind': 'max' if kind == 'global-max-pool' else 'avg', 'layout': layout}
        if 'keepDims' in layer:
            params['keepDims'] = layer['keepDims']
        return plan_global_pool(params, shape, op=kind)['output_shape'], 0

    if kind == 'flatten':
        if len(shape) < 2:
            raise SpecError('E_SHAPE_INVALID', kind, 'shape.layers', 'input.shape', shape, 'have a batch axis and at least one more axis')
        return [shape[0], prod(shape[1:])], 0

    units = check_integer(kind, 'dense.definition', 'units', opt(layer, 'units'), 1)
    n_in = shape[-1]
    w_shape = [n_in, units] if DEFAULT_DENSE_WEIGHT_LAYOUT == 'in-out' else [units, n_in]
    plan = plan_dense({}, shape, w_shape, [units] if has_bias else None, op=kind)
    return plan['output_shape'], n_in * units + b * units                                    # spec: params.dense


# ---------------------------------------------------------------------------------------------
# Protocol (spec: protocol.md)

def decode_tensor(name, wire):
    """spec: protocol.tensor — row-major little-endian float32, base64."""
    if not isinstance(wire, dict) or wire.get('dtype') != 'float32' or not isinstance(wire.get('data'), str):
        raise SpecError('E_DATA_LENGTH', 'protocol', 'protocol.tensor', name, None, 'be a tensor { shape, dtype: "float32", data }')
    shape = check_shape('protocol', f'{name}.shape', wire.get('shape'))
    try:
        raw = base64.b64decode(wire['data'], validate=True)
    except ValueError:
        raise SpecError('E_DATA_LENGTH', 'protocol', 'protocol.tensor', f'{name}.data', None, 'be base64 (RFC 4648)') from None
    if len(raw) != 4 * prod(shape):
        raise SpecError('E_DATA_LENGTH', 'protocol', 'tensor.data-length', f'{name}.data', len(raw) // 4,
                        f'hold the product of shape {shape} ({prod(shape)}) float32 elements')
    return np.frombuffer(raw, dtype='<f4').reshape(shape)


def encode_tensor(array):
    array = np.ascontiguousarray(array, dtype='<f4')
    return {'shape': [int(s) for s in array.shape], 'dtype': 'float32', 'data': base64.b64encode(array.tobytes()).decode('ascii')}


TENSOR_OPS = {'conv': conv, 'pool': pool, 'globalPool': global_pool, 'dense': dense, 'pad': pad, 'convTranspose': conv_transpose}


def answer(message):
    op = message.get('op')
    if op in TENSOR_OPS:
        wires = message.get('tensors') or {}
        if not isinstance(wires, dict):
            raise SpecError('E_PARAM_FIELD', op, 'protocol.request', 'tensors', wires, 'be an object')
        tensors = {name: decode_tensor(name, wire) for name, wire in wires.items() if name in ('input', 'weight', 'bias')}
        params = message.get('params', {})
        return {'tensor': encode_tensor(TENSOR_OPS[op](tensors, params))}
    if op in ('outputShape', 'paramCount'):
        shape, count = plan_layer(message.get('layer'), message.get('inputShape'), message.get('layout'))
        return {'value': [int(s) for s in shape] if op == 'outputShape' else int(count)}
    raise SpecError('E_PARAM_ENUM', 'protocol', 'protocol.request', 'op', op, 'be one of ' + ', '.join(OPS))


def send(message):
    sys.stdout.write(json.dumps(message, allow_nan=False, separators=(',', ':')) + '\n')
    sys.stdout.flush()


def main():
    np.seterr(all='ignore')  # overflow to infinity and NaN are results here, not warnings
    send({'type': 'hello', 'protocol': 1, 'name': NAME, 'version': VERSION, 'convention': CONVENTION,
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
        except SpecError as error:
            send({'type': 'error', 'id': request_id, 'message': str(error)})
        except Exception as error:  # a bug of this adapter: answer it, and say so on stderr
            traceback.print_exc(file=sys.stderr)
            send({'type': 'error', 'id': request_id, 'message': f'{type(error).__name__}: {error}'})


if __name__ == '__main__':
    main()
