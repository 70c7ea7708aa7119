#!/usr/bin/env python3
"""Writes an N-member pacemaker cluster for scale measurements (docs/performance.md):
scenarios/qf-4-five-nodes-2-3.json (quorum, fencing, fixed-timeout detectors, heartbeats
every second to every member) with N members in one datacenter and its partition cut at
N/2 - 1 | the rest, from 20 s to 50 s of a 60 s run; no expectations.

    scripts/members_scenario.py N > members-N.json
"""
import json
import pathlib
import sys

if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 4:
    sys.exit("usage: scripts/members_scenario.py N   (N >= 4 members)")
n = int(sys.argv[1])
root = pathlib.Path(__file__).resolve().parent.parent
s = json.loads((root / "scenarios/qf-4-five-nodes-2-3.json").read_text())
hosts = [f"n{i + 1}" for i in range(n)]
s["name"] = f"{n} members"
s["topology"]["regions"][0]["datacenters"] = [{"name": "dc1", "hosts": hosts + ["c1"]}]
s["cluster"]["members"] = [{"host": h, "priority": max(1, 250 - i)} for i, h in enumerate(hosts)]
s["faults"] = [{"kind": "partition", "groups": [hosts[: n // 2 - 1], hosts[n // 2 - 1:] + ["c1"]],
                "at": "20s", "until": "50s"}]
s.pop("expect", None)
json.dump(s, sys.stdout, indent=1)
