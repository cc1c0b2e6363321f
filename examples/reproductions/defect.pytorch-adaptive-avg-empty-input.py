#!/usr/bin/env python3
"""defect.pytorch-adaptive-avg-empty-input (spec/conventions.md#defect.pytorch-adaptive-avg-empty-input)

PyTorch's adaptive average pooling refuses an input with an empty spatial axis
(aten/src/ATen/native/AdaptiveAveragePooling.cpp, adaptive_avg_pool2d_out_cpu_template, and the
3-D twin):
    TORCH_CHECK(input.size(i) > 0, "adaptive_avg_pool2d(): Expected input to have non-zero size
    for non-batch dimensions, but input has sizes ... with dimension ... being empty");
which adaptive_max_pool1d/2d/3d apply too. But adaptive_avg_pool2d and adaptive_avg_pool3d take a
shortcut when every output size is 1, "adaptive pooling is just computing mean over hw
dimensions", `input.mean({-1, -2}, keepdim=true)`, which runs no such check: the mean of an empty
axis is NaN. So F.adaptive_avg_pool2d(zeros[1, 1, 0, 3], 1), the global average pooling users
write, answers [[[[nan]]]] while the same input with an output size of (1, 2), or max pooling,
raises.

Run:  PYENV_VERSION=system python3 examples/reproductions/defect.pytorch-adaptive-avg-empty-input.py
Exit: 0 the defect reproduces, 1 it does not, 2 PyTorch is not installed.
"""
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError as error:
    print(f"not runnable here: PyTorch is needed ({error})")
    sys.exit(2)

print(f"framework: PyTorch {torch.__version__}")


def attempt(fn):
    try:
        y = fn()
        return True, f"shape {list(y.shape)} {y.flatten().tolist()}"
    except Exception as error:  # PyTorch raises RuntimeError
        return False, f"raises \"{str(error).splitlines()[0]}\""


x = torch.zeros(1, 1, 0, 3)
cases = [
    ("adaptive_avg_pool1d(zeros[1, 1, 0], 1)", lambda: F.adaptive_avg_pool1d(torch.zeros(1, 1, 0), 1)),
    ("adaptive_avg_pool2d(zeros[1, 1, 0, 3], 1)", lambda: F.adaptive_avg_pool2d(x, 1)),
    ("adaptive_avg_pool3d(zeros[1, 1, 0, 3, 2], 1)", lambda: F.adaptive_avg_pool3d(torch.zeros(1, 1, 0, 3, 2), 1)),
]
twins = [
    ("adaptive_avg_pool2d(zeros[1, 1, 0, 3], (1, 2))", lambda: F.adaptive_avg_pool2d(x, (1, 2))),
    ("adaptive_max_pool2d(zeros[1, 1, 0, 3], 1)", lambda: F.adaptive_max_pool2d(x, 1)),
]
answered = 0
for name, fn in cases:
    ok, text = attempt(fn)
    answered += ok
    print(f"\ncall: F.{name}\n  gives:    {text}\n  expected: an error (the input has an empty spatial axis)")
refused = 0
for name, fn in twins:
    ok, text = attempt(fn)
    refused += not ok
    print(f"\nPyTorch's own check, on the same input: F.{name}\n  gives:    {text}")

shown = answered == len(cases) and refused == len(twins)
print(f"\nRESULT: {'reproduced' if shown else 'not reproduced'} — {answered} of {len(cases)} output-size-1 average poolings of an empty axis answer (NaN); {refused} of {len(twins)} sibling calls raise")
sys.exit(0 if shown else 1)
