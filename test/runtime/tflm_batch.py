#!/usr/bin/env python3
"""Runs many (model, inputs) pairs through TFLite Micro in one process, for the runtime's op-level tier.

  tflm_batch.py MANIFEST.json   where the manifest is [{"model", "inputs", "count", "outputs"}, ...];
  each entry is handed to scripts/tflm/tflm_tool.py's `run`. A failing entry writes no outputs file and
  its error goes to stderr, so the test names the op TFLM refused.
"""
import json
import os
import sys
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "tflm"))
import tflm_tool  # noqa: E402


def main(manifest_path):
    for entry in json.load(open(manifest_path)):
        try:
            tflm_tool.cmd_run(entry["model"], entry["inputs"], int(entry["count"]), entry["outputs"])
        except BaseException:  # SystemExit included: one refused model must not hide the others
            sys.stderr.write("%s: %s\n" % (entry["model"], traceback.format_exc(limit=1)))


if __name__ == "__main__":
    main(sys.argv[1])
