#!/usr/bin/env python3
"""defect.pytorch-avgpool3d-input-size (spec/conventions.md#defect.pytorch-avgpool3d-input-size)

avg_pool3d passes check_input_size=true to pool3d_shape_check (aten/src/ATen/native/Pool.h), which
requires the input before padding to hold the window on every axis ("input image (T: 1 H: 1 W: 1)
smaller than kernel size"). avg_pool1d, avg_pool2d and max_pool3d do not, and the window formula
does not need it. The same check rejects ceil-mode windows that overhang a small input.

PyTorch's own rule (torch/nn/modules/pooling.py, AvgPool3d docstring, "Shape"):
    W_out = floor((W_in + 2 * padding[2] - kernel_size[2]) / stride[2] + 1)
and "If padding is non-zero, then the input is implicitly zero-padded on all three sides for
padding number of points." For W_in = 1, kernel 2, stride 1, padding 1: W_out = 2, and each window
holds the input and one zero of padding: [0.5, 0.5] (count_include_pad defaults to True), which is
what avg_pool2d answers for the 2-D equivalent. In ceil mode ("sliding windows are allowed to go
off-bounds if they start within the left padding or the input", same docstring) a window of 2 with
a stride of 2 on an input of 1 gives one output, as avg_pool2d answers.

Run:  PYENV_VERSION=system python3 examples/reproductions/defect.pytorch-avgpool3d-input-size.py
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
        return f"shape {list(y.shape)} {y.flatten().tolist()}", y
    except Exception as error:  # PyTorch raises RuntimeError
        return f"raises \"{str(error).splitlines()[0]}\"", None


reproduced = 0
observed = []

print("\npart padding: F.avg_pool3d(ones[1, 1, 1, 1, 1], kernel_size=(1, 1, 2), stride=1, padding=(0, 0, 1))")
text, y = attempt(lambda: F.avg_pool3d(torch.ones(1, 1, 1, 1, 1), kernel_size=(1, 1, 2), stride=1, padding=(0, 0, 1)))
twin_text, twin = attempt(lambda: F.avg_pool2d(torch.ones(1, 1, 1, 1), kernel_size=(1, 2), stride=1, padding=(0, 1)))
max_text, _ = attempt(lambda: F.max_pool3d(torch.ones(1, 1, 1, 1, 1), kernel_size=(1, 1, 2), stride=1, padding=(0, 0, 1)))
print(f"  gives:    {text}")
print("  expected: shape [1, 1, 1, 1, 2] [0.5, 0.5] (W_out = floor((1 + 2 - 2) / 1 + 1) = 2)")
print(f"            (the 2-D equivalent F.avg_pool2d(ones[1, 1, 1, 1], (1, 2), 1, (0, 1)) gives {twin_text};")
print(f"             F.max_pool3d with the 3-D arguments gives {max_text})")
ok = y is None and "smaller than kernel size" in text and twin is not None
print(f"  => {'reproduced' if ok else 'not reproduced'}")
reproduced += ok
observed.append(f"padding: {text}")

print("\npart ceil: F.avg_pool3d(ones[1, 1, 1, 1, 1], kernel_size=(1, 1, 2), stride=(1, 1, 2), ceil_mode=True)")
text, y = attempt(lambda: F.avg_pool3d(torch.ones(1, 1, 1, 1, 1), kernel_size=(1, 1, 2), stride=(1, 1, 2), ceil_mode=True))
twin_text, twin = attempt(lambda: F.avg_pool2d(torch.ones(1, 1, 1, 1), kernel_size=(1, 2), stride=(1, 2), ceil_mode=True))
print(f"  gives:    {text}")
print("  expected: shape [1, 1, 1, 1, 1] [1.0] (W_out = ceil((1 - 2) / 2) + 1 = 1; the window starts in the input)")
print(f"            (the 2-D equivalent F.avg_pool2d(ones[1, 1, 1, 1], (1, 2), (1, 2), ceil_mode=True) gives {twin_text})")
ok = y is None and "smaller than kernel size" in text and twin is not None
print(f"  => {'reproduced' if ok else 'not reproduced'}")
reproduced += ok
observed.append(f"ceil mode: {text}")

ok = reproduced == 2
print(f"\nRESULT: {'reproduced' if ok else 'not reproduced'} — {reproduced} of 2 parts (2-D twins answer): {'; '.join(observed)}")
sys.exit(0 if ok else 1)
