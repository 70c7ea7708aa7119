# `halab place` on cluster states full of mistakes: exit code 2 and every error, each
# with the file and its JSON pointer.
function(expect_errors file)
  execute_process(COMMAND ${HALAB} place ${file} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "expected exit code 2 for ${file}, got ${rc}")
  endif()
  foreach(expected ${ARGN})
    string(FIND "${err}" "${file}: ${expected}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "missing error: ${expected}\nstderr was:\n${err}")
    endif()
  endforeach()
  set(stderr "${err}" PARENT_SCOPE)
endfunction()

expect_errors(${BAD}
  "/bogus: unknown key"
  "/nodes/0/state: expected online, standby, offline, unclean or maintenance, found \"asleep\""
  "/resources/0/type: expected primitive, group, clone or promotable, found \"bundle\""
  "/resources/1/meta/priority: expected a string, integer or boolean"
  "/constraints/location/0/score: expected a score"
  "/constraints/colocation/0/with-rsc: expected a value for required key"
  "/constraints/order/0/kind: expected Mandatory, Optional or Serialize, found \"Sometimes\""
  "/topology/kind: expected active-passive, active-active, n+1, n+m, n-to-1 or n-to-n, found \"ring\"")

# References to resources and nodes that do not exist are errors too; a clone instance
# id ("c:0") is not.
expect_errors(${REFS}
  "/constraints/location/0/rsc: expected the name of a resource in /resources, found \"Z\""
  "/constraints/location/0/node: expected the name of a node in /nodes, found \"n9\""
  "/constraints/order/0/then: expected the name of a resource in /resources, found \"Q\""
  "/status/1/node: expected the name of a node in /nodes, found \"n2\"")
string(FIND "${stderr}" "/status/0/rsc" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "a clone instance id was reported as unknown:\n${stderr}")
endif()
