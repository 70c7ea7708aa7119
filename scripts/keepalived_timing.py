#!/usr/bin/env python3
"""Measures the real keepalived's VRRP timings, to compare with the lab's (docs/models.md).

Two keepalived instances (priority 200 and 100, advert_int 1, nopreempt, VRRPv2) run in
network namespaces joined by a bridge. n1 starts alone (Initialize -> Backup -> Master after
its Master_Down_Interval), n2 joins as Backup, then n1 is killed (crash) or stopped with
SIGTERM (priority-0 advert) at a phase of its advert cycle, and the time n2 takes to enter
MASTER is printed. Needs root, iproute2 and Debian's keepalived (apt-get install keepalived).

  scripts/keepalived_timing.py crash|stop [PHASE_S ...]
"""
import os, signal, subprocess, sys, tempfile, threading, time

CONF = """global_defs {{
  router_id ka{n}
}}
vrrp_instance VI_1 {{
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority {priority}
  advert_int 1
  nopreempt
  virtual_ipaddress {{
    10.9.0.80/24
  }}
}}
"""


def sh(cmd):
    subprocess.run(cmd, shell=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def setup():
    sh("pkill -9 keepalived; sleep 0.5; ip netns del ka1; ip netns del ka2; ip link del kabr")
    sh("ip link add kabr type bridge && ip link set kabr up")
    for n in (1, 2):
        sh(f"ip netns add ka{n} && ip link add veth{n} type veth peer name eth0 netns ka{n}")
        sh(f"ip link set veth{n} master kabr && ip link set veth{n} up")
        sh(f"ip -n ka{n} addr add 10.9.0.{n}/24 dev eth0 && ip -n ka{n} link set eth0 up && ip -n ka{n} link set lo up")


def run(mode, phase, work):
    setup()
    t0 = time.monotonic()
    events = []

    def start(n, priority):
        conf = os.path.join(work, f"ka{n}.conf")
        with open(conf, "w") as f:
            f.write(CONF.format(n=n, priority=priority))
        p = subprocess.Popen(["ip", "netns", "exec", f"ka{n}", "keepalived", "-n", "-l", "--vrrp", "-f", conf,
                              "-p", os.path.join(work, f"ka{n}.pid"), "-r", os.path.join(work, f"ka{n}.vrrp.pid")],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=lambda: [events.append((time.monotonic() - t0, n, l)) for l in p.stdout], daemon=True).start()

    start(1, 200)
    time.sleep(4.5)
    start(2, 100)
    time.sleep(8 + phase)
    fault = time.monotonic() - t0
    vrrp = int(open(os.path.join(work, "ka1.vrrp.pid")).read())
    os.kill(vrrp, signal.SIGKILL if mode == "crash" else signal.SIGTERM)
    if mode == "crash":
        os.kill(int(open(os.path.join(work, "ka1.pid")).read()), signal.SIGKILL)
    time.sleep(6)
    sh("pkill -9 keepalived")
    first = [t for t, n, l in events if n == 1 and "Entering MASTER" in l]
    init = [t for t, n, l in events if n == 1 and "Entering BACKUP" in l]
    master = [t for t, n, l in events if n == 2 and "Entering MASTER" in l and t > fault]
    zero = [t for t, n, l in events if n == 2 and "priority 0" in l and t > fault]
    line = f"{mode} phase {phase}: n1 start-up Backup->Master {first[0] - init[0]:.3f} s" if first and init else mode
    if master:
        line += f"; n2 Master {master[0] - fault:.3f} s after the fault"
        if zero:
            line += f" ({master[0] - zero[0]:.3f} s after the priority-0 advert)"
    print(line, flush=True)


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "crash"
    with tempfile.TemporaryDirectory() as work:
        for phase in [float(p) for p in sys.argv[2:]] or [0.1, 0.4, 0.7]:
            run(mode, phase, work)
