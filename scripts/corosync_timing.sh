#!/bin/bash
# Measures the real corosync's failure detection, to compare with the lab's token ring
# (docs/models.md). Three corosync instances (Debian's corosync, knet, token 3000 ms, so a
# token timeout of 3650 ms and a consensus of 4380 ms at 3 nodes) run in network namespaces
# joined by a bridge, each in its own mount namespace (corosync allows one instance per
# /run). After 10 s + PHASE the VICTIM's corosync is killed (SIGKILL); for each survivor
# the script prints when it logged "A processor failed" (its own token timeout; a node that
# entered gather on another's join logs none) and when the new membership formed.
# Needs root and iproute2.
#
#   scripts/corosync_timing.sh VICTIM(1-3) PHASE_S
set -u
victim=$1 phase=$2
work=$(mktemp -d)
pkill -9 corosync 2>/dev/null; sleep 0.5
for n in 1 2 3; do ip netns del cs$n 2>/dev/null; done; ip link del csbr 2>/dev/null
ip link add csbr type bridge && ip link set csbr up
for n in 1 2 3; do
  ip netns add cs$n
  ip link add cveth$n type veth peer name eth0 netns cs$n
  ip link set cveth$n master csbr && ip link set cveth$n up
  ip -n cs$n addr add 10.8.0.$n/24 dev eth0 && ip -n cs$n link set eth0 up && ip -n cs$n link set lo up
  cat > $work/n$n.conf <<CONF
totem {
  version: 2
  cluster_name: lab
  transport: knet
  crypto_cipher: none
  crypto_hash: none
  token: 3000
}
nodelist {
  node {
    ring0_addr: 10.8.0.1
    nodeid: 1
  }
  node {
    ring0_addr: 10.8.0.2
    nodeid: 2
  }
  node {
    ring0_addr: 10.8.0.3
    nodeid: 3
  }
}
quorum {
  provider: corosync_votequorum
}
logging {
  to_stderr: yes
  to_syslog: no
  timestamp: hires
}
CONF
  ip netns exec cs$n unshare -m sh -c "mount -t tmpfs none /run; mkdir -p /var/lib/corosync; mount -t tmpfs none /var/lib/corosync; mount -t tmpfs none /dev/shm; exec corosync -f -c $work/n$n.conf" > $work/n$n.log 2>&1 &
done
sleep "$(python3 -c "print(10 + $phase)")"
kill -9 $(ip netns pids cs$victim)
killed=$(date +%H:%M:%S.%N)
sleep 12
pkill -9 corosync
wait 2>/dev/null
python3 - "$victim" "$killed" "$work" <<'PY'
import re, sys
victim, killed, work = sys.argv[1], sys.argv[2], sys.argv[3]
def seconds(s):
    h, m, x = s.split(":")
    return int(h) * 3600 + int(m) * 60 + float(x)
t0 = seconds(killed)
report = []
for n in ("1", "2", "3"):
    if n == victim:
        continue
    failed = formed = None
    for line in open(f"{work}/n{n}.log"):
        m = re.match(r"\w+ \d+ (\d+:\d+:\d+\.\d+)", line)
        if not m or seconds(m.group(1)) < t0:
            continue
        at = round(seconds(m.group(1)) - t0, 3)
        if failed is None and "A processor failed" in line:
            failed = at
        if formed is None and "A new membership" in line:
            formed = at
    report.append(f"n{n}: processor failed {failed} s, new membership {formed} s")
print(f"n{victim} killed: " + "; ".join(report))
PY
rm -rf "$work"
