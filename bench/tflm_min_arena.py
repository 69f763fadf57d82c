"""Smallest TFLM arena (x86-64, PyPI tflite-micro) that constructs and invokes each model: a binary search on arena_size.

Usage: python bench/tflm_min_arena.py MODEL.tflite [...]  ->  one JSON object {path: bytes} on stdout.
"""
import json
import os
import sys

from tflite_micro.python.tflite_micro import runtime


class QuietStderr:
    """TFLM's C++ side reports failed allocations on file descriptor 2; the search expects many of them."""

    def __enter__(self):
        self.saved = os.dup(2)
        self.devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(self.devnull, 2)

    def __exit__(self, *exc):
        os.dup2(self.saved, 2)
        os.close(self.devnull)
        os.close(self.saved)


def works(model, size):
    try:
        with QuietStderr():
            interp = runtime.Interpreter.from_bytes(model, arena_size=size)
            interp.invoke()
        return True
    except Exception:  # construction or invoke failed: the arena is too small
        return False


def min_arena(model):
    hi = 1024
    while not works(model, hi):
        hi *= 2
        if hi > 64 * 1024 * 1024:
            raise SystemExit("no arena up to 64 MiB works")
    lo = 0  # lo never works, hi always does
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if works(model, mid):
            hi = mid
        else:
            lo = mid
    return hi


def main(paths):
    out = {}
    for p in paths:
        with open(p, "rb") as f:
            out[p] = min_arena(f.read())
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
