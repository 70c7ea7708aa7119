# `halab validate` on a scenario full of mistakes: exit code 2 and every expected error line.
execute_process(COMMAND ${HALAB} validate ${BAD} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got ${rc}")
endif()
foreach(expected
    "/duration: expected a duration string with a unit"
    "/cluster/members/1/host: expected a host named in /topology"
    "/faults/0/at: expected a non-negative duration"
    "/workload/bogus: unknown key")
  string(FIND "${err}" "${BAD}: ${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "missing error: ${expected}\nstderr was:\n${err}")
  endif()
endforeach()
