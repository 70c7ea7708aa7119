#!/usr/bin/env python3
"""Writes an N-member memberlist service for scale measurements (docs/performance.md): the
workload of sim/bench/swim_group (`swim_scale`), so that the lab and the bare event loop
run the same pattern. N members in one datacenter, DefaultLANConfig; the last member
crashes at 120 s; the first min(40, N/4) members are cut from the rest from 300 s to 360 s;
600 s in all; no expectations.

    scripts/memberlist_scenario.py N > memberlist-N.json
"""
import json
import sys

if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 4:
    sys.exit("usage: scripts/memberlist_scenario.py N   (N >= 4 members)")
n = int(sys.argv[1])
hosts = [f"m{i}" for i in range(n)]
rack = min(40, n // 4)
scenario = {
    "version": 1,
    "name": f"{n} memberlist members",
    "duration": "600s",
    "topology": {"regions": [{"name": "eu", "datacenters": [{"name": "dc1", "hosts": hosts}]}]},
    "service": {"name": "gossip"},
    "cluster": {"manager": "memberlist", "members": [{"host": h} for h in hosts]},
    "faults": [
        {"kind": "crash", "host": hosts[-1], "at": "120s"},
        {"kind": "partition", "groups": [hosts[:rack], hosts[rack:]], "at": "300s", "until": "360s"},
    ],
}
json.dump(scenario, sys.stdout, indent=1)
