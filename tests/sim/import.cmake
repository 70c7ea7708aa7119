# `halab import KIND FILE…` on realistic sample configurations (tests/sim/import/): each
# gives a scenario the loader accepts, with the imported settings where they belong, that
# `halab run` runs to its end (exit 0); each bad file gives its errors with file and line
# (exit 2).
function(import_ok kind out)
  execute_process(COMMAND ${HALAB} import ${kind} ${ARGN} --out ${out} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "import ${kind} ${ARGN}: exit ${rc}\n${err}")
  endif()
  execute_process(COMMAND ${HALAB} run ${out} RESULT_VARIABLE rc OUTPUT_VARIABLE run_out ERROR_VARIABLE run_err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "halab run of the imported ${kind} scenario: exit ${rc}\n${run_out}${run_err}")
  endif()
  file(READ ${out} text)
  set(json "${text}" PARENT_SCOPE)
  set(notes "${err}" PARENT_SCOPE)
endfunction()
function(expect_json json value)  # expect_json(JSON VALUE path…)
  string(JSON got ERROR_VARIABLE e GET "${json}" ${ARGN})
  if(NOT got STREQUAL value)
    message(FATAL_ERROR "${ARGN}: expected ${value}, found '${got}' ${e}")
  endif()
endfunction()
function(import_bad kind pattern)
  execute_process(COMMAND ${HALAB} import ${kind} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 2 OR NOT err MATCHES "${pattern}" OR NOT out STREQUAL "")
    message(FATAL_ERROR "import ${kind} ${ARGN}: exit ${rc}, expected 2 and /${pattern}/\n${out}${err}")
  endif()
endfunction()

# keepalived: a MASTER/BACKUP pair, one file each (router_id names the hosts).
import_ok(keepalived ${OUT}-keepalived.json ${SAMPLES}/keepalived/lb1.conf ${SAMPLES}/keepalived/lb2.conf)
expect_json("${json}" lb1 cluster members 0 host)
expect_json("${json}" 150 cluster members 0 priority)
expect_json("${json}" 100 cluster members 1 priority)
expect_json("${json}" 10.0.0.80 service vip)
expect_json("${json}" ON cluster failback)  # lb1, the best-ranked, has no nopreempt: keepalived preempts
expect_json("${json}" -30 cluster vrrp scripts 0 weight)
expect_json("${json}" 2s cluster vrrp scripts 0 interval)
expect_json("${json}" 3 cluster vrrp garp repeat)
if(NOT notes MATCHES "lb1.conf:28: interface ignored" OR NOT notes MATCHES "lb2.conf:[0-9]+: nopreempt differs")
  message(FATAL_ERROR "keepalived notes:\n${notes}")
endif()
import_bad(keepalived "bad.conf:5: state: expected MASTER or BACKUP, found \"MASTR\".*bad.conf:7: priority: expected an integer from 1 to 255, found \"300\".*bad.conf:8: advert_int: expected seconds.*found \"fast\".*bad.conf:12: unknown vrrp_instance keyword \"track_scrip\""
           ${SAMPLES}/keepalived/bad.conf ${SAMPLES}/keepalived/lb2.conf)
import_bad(keepalived "lb1.conf:[0-9]+: vrrp_instance VI_WEB \\(virtual_router_id 51\\) has one member" ${SAMPLES}/keepalived/lb1.conf)

# sentinel: a rewritten sentinel.conf that knows two replicas and two other Sentinels.
import_ok(sentinel ${OUT}-sentinel.json ${SAMPLES}/sentinel/sentinel.conf)
expect_json("${json}" cache stack tiers 2 name)
expect_json("${json}" 2 stack tiers 2 store sentinel quorum)
expect_json("${json}" 5s stack tiers 2 store sentinel down_after)
expect_json("${json}" 60s stack tiers 2 store sentinel failover_timeout)
expect_json("${json}" redis3 stack tiers 2 hosts 2)
expect_json("${json}" redis1 stack tiers 2 store sentinel hosts 0)  # bind 10.0.1.21: the master's host
import_bad(sentinel "bad.conf:2: sentinel monitor: expected NAME IP PORT QUORUM.*bad.conf:3: sentinel down-after-milliseconds: expected an integer.*found \"soon\".*bad.conf:4: sentinel failover-timeout: \"other-master\" is not monitored.*bad.conf:5: unknown sentinel subcommand \"frobnicate\".*bad.conf:6: unknown sentinel.conf directive \"maxmemory\""
           ${SAMPLES}/sentinel/bad.conf)

# nginx: the upstream `location /` proxies to, with weights, a backup and a down server.
import_ok(nginx ${OUT}-nginx.json ${SAMPLES}/nginx/nginx.conf)
expect_json("${json}" app_servers stack tiers 0 upstream tier)
expect_json("${json}" least-conn stack tiers 0 upstream method)
expect_json("${json}" 2 stack tiers 0 upstream max_fails)
expect_json("${json}" 5s stack tiers 0 upstream fail_timeout)
expect_json("${json}" 3 stack tiers 0 upstream weights app_servers1)
expect_json("${json}" app_servers3 stack tiers 0 upstream backup 0)
expect_json("${json}" 5s stack tiers 0 upstream timeout)
expect_json("${json}" 2 stack tiers 0 upstream tries)
expect_json("${json}" 6s stack tiers 0 upstream tries_timeout)
if(NOT notes MATCHES "nginx.conf:22: server 10.0.2.13:8080 is marked down: left out")
  message(FATAL_ERROR "nginx notes:\n${notes}")
endif()
import_bad(nginx "bad.conf:3: server 10.0.2.11:8080: weight: expected an integer from 1.*bad.conf:4: server 10.0.2.12:8080: fail_timeout: expected whole seconds.*bad.conf:5: server 10.0.2.13:8080: unknown parameter \"max_fail=2\".*bad.conf:7: unknown upstream directive \"least_connections\""
           ${SAMPLES}/nginx/bad.conf)
import_bad(nginx "unclosed.conf:1: the block opened here is not closed" ${SAMPLES}/nginx/unclosed.conf)

# cib: three nodes, IPMI fencing, an IP + nginx group, a location preference and a rule.
import_ok(cib ${OUT}-cib.json ${SAMPLES}/cib/web-cluster.xml)
expect_json("${json}" node3 cluster members 2 host)
expect_json("${json}" stop cluster no_quorum_policy)
expect_json("${json}" device cluster fencing mode)
expect_json("${json}" web-ip cluster crm vip)
expect_json("${json}" 192.168.10.80 service vip)
expect_json("${json}" -INFINITY cluster crm constraints location 1 rules 0 score)
expect_json("${json}" 100 cluster crm rsc_defaults resource-stickiness)
import_bad(cib "expected|not|cannot" ${SAMPLES}/keepalived/lb1.conf)
