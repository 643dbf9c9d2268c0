"""Datasets shipped with cxkit: the demo bank, a deterministic synthetic retail bank with
planted structure (segments that differ, a service improvement between survey waves, features
of each KANO kind, a weak SERVQUAL dimension, a painful touchpoint, a slow complaint channel),
and a reader for a bank's own files in the same shape (one DataFrame per file of
docs/data-schema.md).

>>> from cxkit.datasets import load_demo_bank
>>> bank = load_demo_bank(seed=1, customers=2_000)
>>> bank["survey"].groupby("wave")["ltr"].mean().is_monotonic_increasing
True
"""

from cxkit._cxkit import load_demo_bank, read_bank

__all__ = ["load_demo_bank", "read_bank"]
