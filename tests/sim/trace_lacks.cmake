# `halab run SCENARIO` writes a trace in which no line contains ABSENT (an event that must
# never happen in that scenario).
execute_process(COMMAND ${HALAB} run ${SCENARIO} --trace ${OUT} RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SCENARIO}: halab run exited ${rc}")
endif()
file(STRINGS ${OUT} found REGEX "${ABSENT}")
if(found)
  message(FATAL_ERROR "${SCENARIO}: the trace has what must not happen:\n${found}")
endif()
