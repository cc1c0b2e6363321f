#!/usr/bin/env python3
"""defect.pytorch-pool-int32-parameters (spec/conventions.md#defect.pytorch-pool-int32-parameters)

PyTorch 1.13's pooling functions keep the kernel size, the dilation and (in 1-D ceil mode) the
stride in 32-bit integers
(`int kH, int kW, ...` in aten/src/ATen/native/Pool.h), so a value beyond 2^31 - 1 wraps before
PyTorch's own checks see it:
  - F.avg_pool1d(arange(7.) as [1, 1, 7], 2**32 + 1, stride=1) answers a [1, 1, 7] tensor (the
    kernel wrapped to 1);
  - F.max_pool1d(x = [1, 2, 3] as [1, 1, 3], 2, stride=1, padding=1, dilation=2**32) answers
    [-inf, 1, 2, 3, -inf] (the dilation wrapped to 0), where a dilation of 2^31 raises
    "Invalid computed output size";
  - F.max_pool1d(zeros [1, 1, 1], 1, stride=2**32, ceil_mode=True) answers shape [1, 1, 0] where
    the docstring's formula gives 1 (and 2**31 - 1 gives 1);
  - F.max_pool1d(zeros(2, 3, 5), kernel_size=2**32 + 1) does not return (within a minute, says the
    clause; this script waits HANG_SECONDS, default 20, in a subprocess and kills it).

PyTorch's own rule (aten/src/ATen/native/Pool.h, pool2d_shape_check):
    TORCH_CHECK(outputWidth >= 1 && outputHeight >= 1, "Given input size: (...). Calculated output
    size: (...). Output size is too small");
which refuses a window that cannot fit the input, as F.avg_pool1d(x, 2**31 - 1, stride=1) shows;
the docstrings' shape formulas (torch/nn/modules/pooling.py, AvgPool1d and MaxPool1d "Shape"):
    L_out = floor((L_in + 2 * padding - kernel_size) / stride + 1)                          (avg)
    L_out = floor((L_in + 2 * padding - dilation * (kernel_size - 1) - 1) / stride + 1)     (max)
give a size below 1 for every call above (negative, or 0 for the last), so each must be refused.

Run:  PYENV_VERSION=system python3 examples/reproductions/defect.pytorch-pool-int32-parameters.py [HANG_SECONDS]
Exit: 0 every part reproduces, 1 some part does not, 2 PyTorch is not installed.
"""
import subprocess
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError as error:
    print(f"not runnable here: PyTorch is needed ({error})")
    sys.exit(2)

HANG_SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
print(f"framework: PyTorch {torch.__version__}")


def attempt(fn):
    try:
        y = fn()
        return f"shape {list(y.shape)} {y.flatten().tolist()}", y
    except Exception as error:  # PyTorch raises RuntimeError
        return f"raises \"{str(error).splitlines()[0]}\"", None


reproduced = 0

x7 = torch.arange(7.0).reshape(1, 1, 7)
print("\npart kernel-wraps: F.avg_pool1d(x = arange(7.) as [1, 1, 7], kernel_size=2**32 + 1, stride=1)")
text, y = attempt(lambda: F.avg_pool1d(x7, 2**32 + 1, stride=1))
rule_text, _ = attempt(lambda: F.avg_pool1d(x7, 2**31 - 1, stride=1))
print(f"  gives:    {text}")
print('  expected: raises "... Output size is too small" (L_out = floor((7 - (2^32 + 1)) / 1 + 1) < 0)')
print(f"            (F.avg_pool1d(x, 2**31 - 1, stride=1) {rule_text})")
ok = y is not None and list(y.shape) == [1, 1, 7]
print(f"  => {'reproduced' if ok else 'not reproduced'}")
reproduced += ok

x3 = torch.tensor([[[1.0, 2.0, 3.0]]])
print("\npart dilation-wraps: F.max_pool1d(x = [1, 2, 3] as [1, 1, 3], 2, stride=1, padding=1, dilation=2**32)")
text, y = attempt(lambda: F.max_pool1d(x3, 2, stride=1, padding=1, dilation=2**32))
rule_text, _ = attempt(lambda: F.max_pool1d(x3, 2, stride=1, padding=1, dilation=2**31))
print(f"  gives:    {text}")
print("  expected: an error (L_out = floor((3 + 2 - 2^32 * (2 - 1) - 1) / 1 + 1) < 0)")
print(f"            (the same call with dilation=2**31 {rule_text})")
ok = y is not None and list(y.shape) == [1, 1, 5]
print(f"  => {'reproduced' if ok else 'not reproduced'}")
reproduced += ok

x1 = torch.zeros(1, 1, 1)
print("\npart stride-wraps: F.max_pool1d(x = zeros [1, 1, 1], 1, stride=2**32, ceil_mode=True)")
text, y = attempt(lambda: F.max_pool1d(x1, 1, stride=2**32, ceil_mode=True))
edge_text, _ = attempt(lambda: F.max_pool1d(x1, 1, stride=2**31 - 1, ceil_mode=True))
print(f"  gives:    {text}")
print("  expected: shape [1, 1, 1] (L_out = ceil((1 - 1) / 2^32 + 1) = 1, the MaxPool1d docstring's formula with ceil_mode)")
print(f"            (the same call with stride=2**31 - 1 {edge_text})")
stride_ok = y is not None and list(y.shape) == [1, 1, 0]
print(f"  => {'reproduced' if stride_ok else 'not reproduced'}")
reproduced += stride_ok

print(f"\npart hang: F.max_pool1d(zeros(2, 3, 5), kernel_size=2**32 + 1), in a subprocess capped at 8 GiB and killed after {HANG_SECONDS:g} s")
# The call allocates without bound (over 20 GB within 20 s on a 24 GB machine): the subprocess's
# address space is capped at 8 GiB, under which PyTorch 1.13 answers [2, 3, 1] at once instead.
# Either outcome, an answer or none, breaks the rule; only the error it should raise does not.
code = (
    "import resource\n"
    "resource.setrlimit(resource.RLIMIT_AS, (8 * 2**30, resource.getrlimit(resource.RLIMIT_AS)[1]))\n"
    "import torch, torch.nn.functional as F\n"
    "try:\n"
    "    y = F.max_pool1d(torch.zeros(2, 3, 5), kernel_size=2**32 + 1)\n"
    "    print('returns shape', list(y.shape))\n"
    "except Exception as e:\n"
    "    print('raises', str(e).splitlines()[0])\n"
)
try:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=HANG_SECONDS)
    if done.stdout.strip():
        text = done.stdout.strip().splitlines()[-1]
    else:
        text = f"exits {done.returncode}: {done.stderr.strip()[-200:]}"
    hung = False
except subprocess.TimeoutExpired:
    text = f"no answer within {HANG_SECONDS:g} s"
    hung = True
print(f"  gives:    {text}")
print('  expected: raises "... Output size is too small" (stride = kernel: L_out = floor((5 - 2^32 - 1) / (2^32 + 1) + 1) = 0)')
shown = hung or text.startswith('returns shape')
print(f"  => {'reproduced' if shown else 'not reproduced'}")
reproduced += shown

ok = reproduced == 4
print(f"\nRESULT: {'reproduced' if ok else 'not reproduced'} — {reproduced} of 4 parts: kernel 2**32 + 1 answers [1, 1, 7]; dilation 2**32 answers [-inf, 1, 2, 3, -inf]; stride 2**32 in ceil mode answers shape [1, 1, 0]; kernel 2**32 + 1 in max_pool1d: {text}")
sys.exit(0 if ok else 1)
