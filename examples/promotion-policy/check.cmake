# The example policy at work: with "most-data-first" the leader promotes redis3 (all the
# data), with Redis's own rule redis2 (the lowest replica-priority, 20 s behind); the
# stock halab refuses the unknown name (exit 2); `explore` runs the policy too.
function(selected scenario want)
  execute_process(COMMAND ${CUSTOM} run ${scenario} --trace ${OUT}.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  file(READ ${OUT}.jsonl trace)
  if(NOT rc EQUAL 0 OR NOT trace MATCHES "\"event\":\"\\+selected-slave\",\"epoch\":1,\"who\":\"${want}\"")
    message(FATAL_ERROR "${scenario}: exit ${rc}, expected ${want} promoted\n${out}")
  endif()
endfunction()
selected(${SCENARIO} redis3)
file(READ ${SCENARIO} text)
string(REPLACE "\"most-data-first\"" "\"redis\"" text "${text}")
file(WRITE ${OUT}-redis.json "${text}")
selected(${OUT}-redis.json redis2)
execute_process(COMMAND ${STOCK} run ${SCENARIO} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "promotion: expected a registered promotion policy \\(redis\\), found \"most-data-first\"")
  message(FATAL_ERROR "the stock halab with the example's scenario: exit ${rc}\n${err}")
endif()
# `explore` with the policy: every run's child process loads the scenario (the stock halab
# refuses it, exit 2) and runs it with faults added. What the policy promotes is checked by
# the `run` steps above; here, that explore runs it at all.
execute_process(COMMAND ${CUSTOM} explore ${SCENARIO} --runs 4 --seed 1 --kinds crash,partition --json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc GREATER 1)
  message(FATAL_ERROR "explore with the example's policy: exit ${rc}\n${err}")
endif()
string(JSON runs GET "${out}" runs)
string(JSON swarm_runs LENGTH "${out}" swarm)
string(JSON faults GET "${out}" swarm 0 faults)
if(NOT runs EQUAL 4 OR NOT swarm_runs EQUAL 4 OR faults LESS 1)
  message(FATAL_ERROR "explore with the example's policy: ${runs} runs, ${swarm_runs} drawn, ${faults} faults in the first\n${out}")
endif()
