#!/usr/bin/python3
"""Measures a real ZooKeeper ensemble's group membership, to compare with the lab's
(docs/models.md, "Registry sessions").

Three ZooKeeper 3.8 servers (Debian's zookeeper package: tickTime 2000, syncLimit 5,
initLimit 10) run on 127.0.0.1, and N client processes (python3-kazoo) each open a session
of the given timeout, create an ephemeral node under /group and watch its children. One
client is killed (SIGKILL: a crash, its TCP connection reset by the kernel — as a host's
crash is not — so the client is frozen with SIGSTOP instead, which keeps its connection
open and silent), and the script prints how long after the crash each other client saw
its node go. Needs Debian's zookeeper and python3-kazoo (apt-get install zookeeper
python3-kazoo).

  scripts/zookeeper_group.py CLIENTS SESSION_TIMEOUT_S RUNS
"""
import os, random, select, shutil, signal, subprocess, sys, tempfile, time

CLIENT = r'''
import sys, time
from kazoo.client import KazooClient
name, hosts, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
zk = KazooClient(hosts=hosts, timeout=timeout)
zk.start()
zk.ensure_path("/group")
zk.create("/group/" + name, ephemeral=True)
seen = set()
def changed(children):
    global seen
    now = set(children)
    for gone in sorted(seen - now):
        print(f"{time.time():.3f} {name} gone {gone}", flush=True)
    seen = now
zk.ChildrenWatch("/group", changed)
print(f"{time.time():.3f} {name} ready", flush=True)
while True:
    time.sleep(3600)
'''


def start_ensemble(root):
    servers = []
    for i in (1, 2, 3):
        d = os.path.join(root, f"zk{i}")
        os.makedirs(d)
        with open(os.path.join(d, "myid"), "w") as f:
            f.write(f"{i}\n")
        cfg = os.path.join(d, "zoo.cfg")
        with open(cfg, "w") as f:
            f.write(f"tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir={d}\nclientPort={2180 + i}\n"
                    "admin.enableServer=false\n4lw.commands.whitelist=*\n")
            for j in (1, 2, 3):
                f.write(f"server.{j}=127.0.0.1:{2887 + j}:{3887 + j}\n")
        cp = "/etc/zookeeper/conf:/usr/share/java/zookeeper.jar"  # as Debian's zkEnv.sh
        servers.append(subprocess.Popen(["java", "-cp", cp, "-Dzookeeper.log.dir=" + d,
                                         "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg],
                                        stdout=open(os.path.join(d, "out.log"), "w"), stderr=subprocess.STDOUT))
    return servers


def main():
    n, timeout, runs = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    follower = sys.argv[4:] == ["follower"]
    hosts = "127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183"
    root = tempfile.mkdtemp(prefix="zkgroup")
    servers = start_ensemble(root)
    time.sleep(8)
    try:
        for run in range(runs):
            procs = {}
            for c in range(1, n + 1):
                name = f"r{run}c{c}"
                procs[name] = subprocess.Popen([sys.executable, "-c", CLIENT, name, hosts, str(timeout)],
                                               stdout=subprocess.PIPE, text=True)
            for p in procs.values():
                while "ready" not in p.stdout.readline():
                    pass
            # at a moment of the victim's ping cycle drawn at random (pings every ~timeout/3)
            time.sleep(20 + random.uniform(0, timeout / 3))
            if follower:
                servers[0].send_signal(signal.SIGSTOP)
                end, gone = time.time() + 60, 0
                while time.time() < end:
                    ready, _, _ = select.select([p.stdout for p in procs.values()], [], [], end - time.time())
                    for out in ready:
                        gone += " gone " in out.readline()
                servers[0].send_signal(signal.SIGCONT)
                print(f"run {run + 1}: server 1 (a follower) frozen for 60 s; nodes seen to go meanwhile: {gone}", flush=True)
                for p in procs.values():
                    p.kill()
                time.sleep(2 * timeout + 10)  # the sessions expire, server 1 rejoins
                continue
            victim = f"r{run}c{n}"
            crashed = time.time()
            procs[victim].send_signal(signal.SIGSTOP)
            seen = []
            for name, p in procs.items():
                if name == victim:
                    continue
                line = p.stdout.readline().split()
                seen.append(float(line[0]) - crashed)
            print(f"run {run + 1}: {victim} frozen; its node gone after "
                  f"{min(seen):.2f} s (first client) … {max(seen):.2f} s (last)", flush=True)
            for p in procs.values():
                p.kill()
            time.sleep(2 * timeout)  # the others' sessions expire before the next run
    finally:
        for s in servers:
            s.kill()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
