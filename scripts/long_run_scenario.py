#!/usr/bin/env python3
"""Writes a long run of a 2-node cluster for memory measurements (docs/performance.md):
scenarios/avail-pair-failure-process.json (keepalived, a client at 1 request/s) lasting
SECONDS, each node crashing on average every 3 days and back after 10 minutes
(exponential); no expectations.

    scripts/long_run_scenario.py 31536000 > pair-year.json
"""
import json
import pathlib
import sys

if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 60:
    sys.exit("usage: scripts/long_run_scenario.py SECONDS   (at least 60)")
root = pathlib.Path(__file__).resolve().parent.parent
s = json.loads((root / "scenarios/avail-pair-failure-process.json").read_text())
s["name"] = f"2-node pair for {sys.argv[1]} s"
s["duration"] = f"{sys.argv[1]}s"
s["failures"][0]["time_to_failure"]["mean"] = "259200s"
s["failures"][0]["time_to_repair"]["mean"] = "600s"
del s["expect"]
json.dump(s, sys.stdout, indent=2)
print()
