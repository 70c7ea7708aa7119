# `halab compare FILE --vary POINTER=V1,V2,V3 --svg --markdown`: one scenario's settings
# under the same failures. The shorter the advertisement interval, the faster a crash is
# recovered and the more GC pauses pass for deaths: every setting is on the trade-off's
# Pareto front, false failovers fall as the interval grows, and the report and the chart
# say so.
execute_process(COMMAND ${HALAB} compare ${SCENARIO} --vary /cluster/heartbeat_interval=0.2s,1s,3s --runs 4 --svg ${OUT}.svg
                        --markdown ${OUT}.md --json RESULT_VARIABLE rc OUTPUT_VARIABLE json)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "halab compare --vary failed: ${rc}")
endif()
set(last 1e99)
foreach(i 0 1 2)
  string(JSON value GET "${json}" ${i} setting value)
  string(JSON false_per_year GET "${json}" ${i} false_failovers_per_year)
  string(JSON pareto GET "${json}" ${i} tradeoff_pareto)
  if(NOT pareto STREQUAL "ON" AND NOT pareto STREQUAL "true")
    message(FATAL_ERROR "${value}: expected on the Pareto front, found ${pareto}\n${json}")
  endif()
  if(NOT false_per_year LESS last OR NOT false_per_year GREATER 0)
    message(FATAL_ERROR "${value}: expected fewer false failovers than the shorter interval's ${last}, found ${false_per_year}")
  endif()
  set(last ${false_per_year})
endforeach()
file(READ ${OUT}.md md)
foreach(line "| heartbeat_interval=0.2s | 2 |" "Pareto-optimal settings of /cluster/heartbeat_interval"
             "heartbeat_interval=0.2s, heartbeat_interval=1s, heartbeat_interval=3s" "![the variants compared](${OUT}.svg)")
  string(FIND "${md}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected \"${line}\" in the report:\n${md}")
  endif()
endforeach()
file(READ ${OUT}.svg svg)
string(REGEX MATCHALL "class=\"setting\"" settings "${svg}")
string(REGEX MATCHALL "class=\"pareto\"" pareto "${svg}")
list(LENGTH settings n)
list(LENGTH pareto p)
if(NOT n EQUAL 3 OR NOT p EQUAL 3 OR NOT svg MATCHES "class=\"front\"" OR NOT svg MATCHES ">3s</text>")
  message(FATAL_ERROR "expected 3 settings, all ringed and joined, in the chart:\n${svg}")
endif()
