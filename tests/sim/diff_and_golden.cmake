# `halab diff`: two seeds' traces part at the first event where their runs do, and their
# summaries differ in figures (exit 1); a trace against itself is the same (exit 0).
# `halab check --golden DIR`: --update-golden writes each run's summary, a later check holds
# the run to it (exit 0), and a run that moved fails with the figures that moved (exit 1).
execute_process(COMMAND ${HALAB} run ${SCENARIO} --trace ${OUT}-1.jsonl OUTPUT_QUIET)
execute_process(COMMAND ${HALAB} run ${SCENARIO} --seed 2 --trace ${OUT}-2.jsonl OUTPUT_QUIET)
execute_process(COMMAND ${HALAB} diff ${OUT}-1.jsonl ${OUT}-2.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1 OR NOT out MATCHES "first divergence at event [1-9][0-9]* \\(line" OR NOT out MATCHES "  down_s +2\\.3[0-9]* -> 2\\.2")
  message(FATAL_ERROR "diff of two seeds: exit ${rc}\n${out}")
endif()
execute_process(COMMAND ${HALAB} diff ${OUT}-1.jsonl ${OUT}-1.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "the traces are the same, event for event")
  message(FATAL_ERROR "diff of a trace with itself: exit ${rc}\n${out}")
endif()
file(REMOVE_RECURSE ${OUT}-golden)
execute_process(COMMAND ${HALAB} check ${SCENARIO} --golden ${OUT}-golden --update-golden RESULT_VARIABLE rc OUTPUT_QUIET)
execute_process(COMMAND ${HALAB} check ${SCENARIO} --golden ${OUT}-golden RESULT_VARIABLE rc2 OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT EXISTS ${OUT}-golden/ap-crash-failover@1.json)
  message(FATAL_ERROR "golden summaries: exit ${rc} writing, ${rc2} checking\n${out}")
endif()
file(COPY_FILE ${OUT}-golden/ap-crash-failover@1.json ${OUT}-golden/ap-crash-failover@2.json)
execute_process(COMMAND ${HALAB} check ${SCENARIO} --seeds 2 --golden ${OUT}-golden RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1 OR NOT out MATCHES "the summary differs from [^\n]*ap-crash-failover@2.json in [0-9]+ figure\\(s\\)"
   OR NOT out MATCHES "evidence: availability 0\\.96")
  message(FATAL_ERROR "a run that moved from its golden summary: exit ${rc}\n${out}")
endif()
