# `halab check A B --junit FILE`: B's design no longer holds. The exit code is 1, the report
# names each unmet expectation with its evidence (the failover and the outage the figures
# count), and the JUnit XML has a test suite per file, a test case per expectation, the
# failures with their messages.
execute_process(COMMAND ${HALAB} check ${GOOD} ${UNMET} --junit ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit code 1, got ${rc}\n${out}")
endif()
foreach(line "FAIL  ${UNMET} seed 1" "failovers = 1.0, expected 2.0" "evidence: n1 -> n2 at 22.284 s (crash n1)"
             "evidence: 46 requests failed of 1159; down 2.300 s in 1 outages" "2 run(s): 1 held, 1 failed, 0 error(s)")
  string(FIND "${out}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected \"${line}\" in the report:\n${out}")
  endif()
endforeach()
file(READ ${OUT} xml)
foreach(line "<testsuites name=\"halab check\" tests=\"10\" failures=\"2\" errors=\"0\">"
             "<testsuite name=\"${UNMET}\" tests=\"3\" failures=\"2\" errors=\"0\">"
             "<testcase classname=\"unmet.json\" name=\"failovers 2 @ seed 1\">"
             "<failure message=\"max_outage_s = 2.3000000000000327, expected &lt;= 1.0\" type=\"expectation\">"
             "<testcase classname=\"unmet.json\" name=\"split_brain false @ seed 1\" />")
  string(FIND "${xml}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected \"${line}\" in the JUnit XML:\n${xml}")
  endif()
endforeach()
