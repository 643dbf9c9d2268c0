"""Timing shared by the peer comparison scripts."""

import time


def best(fn, repeat):
    """The shortest of `repeat` timed calls of `fn` (seconds) and the last call's result."""
    times = []
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out
