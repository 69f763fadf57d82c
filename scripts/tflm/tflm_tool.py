#!/usr/bin/env python3
"""Runs models in TFLite Micro (the PyPI `tflite-micro` package): the golden reference for conformance tests
and the anchor for memory benchmarks.

  tflm_tool.py run MODEL INPUTS.bin COUNT OUTPUTS.bin
      INPUTS.bin holds COUNT samples back to back; a sample is every model input's raw bytes in input order.
      OUTPUTS.bin receives, per sample, every output's raw bytes in output order.
  tflm_tool.py arena MODEL
      prints {"arena", "head", "tail"}: TFLM's arena_used_bytes() after one invoke and its split into the
      activation plan (head) and persistent bookkeeping (tail), from the recording allocator.
  tflm_tool.py details MODEL
      prints the input and output shapes and dtypes as JSON.
"""
import json
import os
import re
import sys
import tempfile

import numpy as np
from tflite_micro import runtime


# Large enough for every model we ship; the package's own default (10x the file) is too small for some.
DEFAULT_ARENA = 8 * 1024 * 1024


def load(model_bytes, arena_size=DEFAULT_ARENA):
    return runtime.Interpreter.from_bytes(model_bytes, arena_size=arena_size)


class quiet_stderr:
    """TFLM's C++ side reports on file descriptor 2; silence it where failure is expected."""

    def __enter__(self):
        self.saved = os.dup(2)
        self.devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(self.devnull, 2)

    def __exit__(self, *exc):
        os.dup2(self.saved, 2)
        os.close(self.devnull)
        os.close(self.saved)


def io_details(interp, getter):
    details = []
    index = 0
    while True:
        try:
            with quiet_stderr():
                d = getter(index)
        except Exception:  # the wrapper raises once index passes the last tensor
            break
        if not d:
            break
        details.append({"shape": [int(x) for x in d["shape"]], "dtype": np.dtype(d["dtype"]).name})
        index += 1
    return details


def cmd_details(model_path):
    interp = load(open(model_path, "rb").read())
    print(json.dumps({"inputs": io_details(interp, interp.get_input_details),
                      "outputs": io_details(interp, interp.get_output_details)}))


def cmd_run(model_path, inputs_path, count, outputs_path):
    interp = load(open(model_path, "rb").read())
    inputs = io_details(interp, interp.get_input_details)
    outputs = io_details(interp, interp.get_output_details)
    raw = open(inputs_path, "rb").read()
    sizes = [int(np.prod(d["shape"])) * np.dtype(d["dtype"]).itemsize for d in inputs]
    if len(raw) != sum(sizes) * count:
        raise SystemExit(f"inputs file has {len(raw)} bytes, expected {sum(sizes) * count}")
    offset = 0
    with open(outputs_path, "wb") as out:
        for _ in range(count):
            for i, d in enumerate(inputs):
                arr = np.frombuffer(raw, dtype=d["dtype"], count=int(np.prod(d["shape"])), offset=offset)
                offset += sizes[i]
                interp.set_input(arr.reshape(d["shape"]), i)
            interp.invoke()
            for i in range(len(outputs)):
                out.write(np.ascontiguousarray(interp.get_output(i)).tobytes())


def cmd_arena(model_path):
    """arena_used_bytes() and its head/tail split, read from the RecordingMicroAllocator's report on fd 2."""
    interp = load(open(model_path, "rb").read())
    interp.invoke()
    with tempfile.TemporaryFile(mode="w+b") as capture:
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            interp.print_allocations()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        report = capture.read().decode("utf-8", "replace")
    figures = {}
    for key in ("total", "head", "tail"):
        m = re.search(r"Arena allocation %s (\d+) bytes" % key, report)
        if not m:
            raise SystemExit("TFLM printed no arena %s figure:\n%s" % (key, report))
        figures[key] = int(m.group(1))
    print(json.dumps({"arena": figures["total"], "head": figures["head"], "tail": figures["tail"]}))


def main(argv):
    if len(argv) >= 2 and argv[0] == "details":
        cmd_details(argv[1])
    elif len(argv) == 5 and argv[0] == "run":
        cmd_run(argv[1], argv[2], int(argv[3]), argv[4])
    elif len(argv) == 2 and argv[0] == "arena":
        cmd_arena(argv[1])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
