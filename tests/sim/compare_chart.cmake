# `halab compare --svg FILE` writes a chart: a point per variant (nines against servers,
# the Pareto-optimal ringed), its RTO bars and its RTO distribution, and the legend names
# each file.
execute_process(COMMAND ${HALAB} compare ${A} ${B} --runs 3 --svg ${OUT} RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "halab compare failed: ${rc}")
endif()
file(READ ${OUT} svg)
foreach(mark "class=\"variant\"" "class=\"rto-p50\"" "class=\"rto-p99\"" "class=\"rto-distribution\"")
  string(REGEX MATCHALL "${mark}" found "${svg}")
  list(LENGTH found n)
  if(NOT n EQUAL 2)
    message(FATAL_ERROR "expected 2 of ${mark}, found ${n}:\n${svg}")
  endif()
endforeach()
# The faster adverts are both as cheap and more available: the only Pareto-optimal variant.
string(REGEX MATCHALL "class=\"pareto\"" found "${svg}")
list(LENGTH found n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one Pareto-optimal variant, found ${n}:\n${svg}")
endif()
if(NOT svg MATCHES "^<svg xmlns=\"http://www.w3.org/2000/svg\"" OR NOT svg MATCHES "avail-pair-fast-adverts.json</text>")
  message(FATAL_ERROR "not the chart expected:\n${svg}")
endif()
