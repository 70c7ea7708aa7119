#!/usr/bin/env python3
"""Writes an N-member memberlist service for scale measurements (docs/performance.md): the
workload of sim/bench/swim_group (`swim_scale`), so that the lab and the bare event loop
run the same pattern. N members in one datacenter, DefaultLANConfig; the last member
crashes at 120 s; the first min(40, N/4) members are cut from the rest from 300 s to 360 s;
600 s in all; no expectations. With `zookeeper`, the same N members keep the group as
sessions of a three-server ZooKeeper ensemble instead (zoo.cfg's sample timing, sessions of
10 s), its servers on the side of the rest.

    scripts/memberlist_scenario.py N [zookeeper] > memberlist-N.json
"""
import json
import sys

registry = sys.argv[2:] == ["zookeeper"]
if len(sys.argv) not in (2, 3) or not sys.argv[1].isdigit() or int(sys.argv[1]) < 4 or (len(sys.argv) == 3 and not registry):
    sys.exit("usage: scripts/memberlist_scenario.py N [zookeeper]   (N >= 4 members)")
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
if registry:
    servers = ["z1", "z2", "z3"]
    scenario["name"] = f"{n} zookeeper clients"
    scenario["topology"]["regions"][0]["datacenters"][0]["hosts"] = hosts + servers
    scenario["cluster"] = {"manager": "zookeeper", "members": [{"host": h} for h in hosts],
                           "zookeeper": {"ensemble": servers, "session_timeout": "10s"}}
    scenario["faults"][1]["groups"][1] += servers
json.dump(scenario, sys.stdout, indent=1)
