#!/bin/bash
# Runs the real nginx's upstream balancer on localhost and prints what
# models/balance/upstream_pool is checked against in tests/models/balance/upstream_pool_test.cpp:
# the smooth weighted round robin order for weights 5, 1, 1, the seconds at which a dead
# server (max_fails=1 fail_timeout=3s) is tried, and a backup server serving when both
# primaries are dead, and which server `hash $arg_k consistent` picks for keys k0..k19
# (tests/models/balance/consistent_hash_test.cpp). Needs nginx (apt-get install nginx);
# not part of CI.
set -euo pipefail
dir=$(mktemp -d)
mkdir -p "$dir/logs"
cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  upstream weighted { server 127.0.0.1:9101 weight=5; server 127.0.0.1:9102; server 127.0.0.1:9103; }
  upstream failing  { server 127.0.0.1:9101 max_fails=1 fail_timeout=3s; server 127.0.0.1:9102 max_fails=1 fail_timeout=3s; server 127.0.0.1:9109 max_fails=1 fail_timeout=3s; }
  upstream hashed { hash \$arg_k consistent; server 127.0.0.1:9101; server 127.0.0.1:9102; server 127.0.0.1:9103; }
  upstream withbackup { server 127.0.0.1:9108; server 127.0.0.1:9109; server 127.0.0.1:9103 backup; }
  server { listen 9101; return 200 "a"; }
  server { listen 9102; return 200 "b"; }
  server { listen 9103; return 200 "c"; }
  server { listen 9100;
    location /w { proxy_pass http://weighted; }
    location /f { proxy_pass http://failing; }
    location /b { proxy_pass http://withbackup; }
    location /h { proxy_pass http://hashed; }
  }
}
CONF
nginx -v
nginx -c "$dir/nginx.conf" -p "$dir"
trap 'nginx -c "$dir/nginx.conf" -p "$dir" -s stop; rm -rf "$dir"' EXIT
sleep 0.5
echo -n "weights 5,1,1: "; for i in $(seq 7); do curl -s localhost:9100/w; done; echo
echo -n "backup: "; for i in $(seq 4); do curl -s localhost:9100/b; done; echo
echo -n "consistent hash, keys k0..k19: "; for i in $(seq 0 19); do curl -s "localhost:9100/h?k=k$i"; done; echo
python3 - "$dir/logs/error.log" <<'PY'
import sys, time, urllib.request
t0 = time.time()
while time.time() - t0 < 10:
    urllib.request.urlopen('http://127.0.0.1:9100/f').read()
    time.sleep(0.1)
tried = sorted({int(time.mktime(time.strptime(l[:19], '%Y/%m/%d %H:%M:%S')))
                for l in open(sys.argv[1]) if '9109/f"' in l and 'connect() failed' in l})
print('dead server tried at whole seconds after its first failure:', [t - tried[0] for t in tried])
PY
