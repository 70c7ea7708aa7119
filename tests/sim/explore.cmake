# `halab explore` (issue: CI exploration with shrinking):
# - a keepalived pair without fencing, partitions only: split brain found (exit 1), shrunk to
#   one partition of the two members, written as a scenario that `halab run` reproduces
#   (exit 1); the exploration's JSON is the same twice (a pure function of scenario and seed);
# - three pacemaker nodes with quorum and fencing, every fault kind: nothing broken (exit 0),
#   and the coverage table printed;
# - an unknown fault kind: exit 2.
set(PAIR ${EXAMPLES}/explore/pair-no-fencing.json)
set(THREE ${EXAMPLES}/explore/three-nodes-quorum-fencing.json)
file(REMOVE ${OUT}-pair.json)
execute_process(COMMAND ${HALAB} explore ${PAIR} --runs 30 --seed 1 --kinds partition --out ${OUT}-pair.json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1 OR NOT out MATCHES "broke split_brain" OR NOT out MATCHES "Shrunk in [0-9]+ runs from [0-9]+ faults to 1:\n    partition \\{n1\\} \\| \\{n2\\} from"
   OR NOT out MATCHES "This fault alone breaks it: split_brain = true" OR NOT EXISTS ${OUT}-pair.json)
  message(FATAL_ERROR "explore the pair: exit ${rc}\n${out}")
endif()
file(READ ${OUT}-pair.json written)
string(JSON faults LENGTH "${written}" faults)
string(JSON expect GET "${written}" expect)
if(NOT faults EQUAL 1 OR NOT expect MATCHES "\"split_brain\" *: *false")
  message(FATAL_ERROR "the written scenario: ${faults} faults, expect ${expect}\n${written}")
endif()
execute_process(COMMAND ${HALAB} run ${OUT}-pair.json RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1 OR NOT out MATCHES "split_brain = true, expected false")
  message(FATAL_ERROR "halab run of the shrunk scenario: exit ${rc}\n${out}")
endif()
execute_process(COMMAND ${HALAB} explore ${PAIR} --runs 12 --seed 5 --json OUTPUT_VARIABLE first)
execute_process(COMMAND ${HALAB} explore ${PAIR} --runs 12 --seed 5 --json OUTPUT_VARIABLE second)
if(NOT first STREQUAL second OR NOT first MATCHES "\"coverage\"")
  message(FATAL_ERROR "two explorations at one seed differ:\n${first}\n${second}")
endif()
execute_process(COMMAND ${HALAB} explore ${THREE} --runs 40 --seed 1 RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "No invariant broken in 40 runs" OR NOT out MATCHES "fence-device-failure +[0-9]+"
   OR NOT out MATCHES "Never tried \\([0-9]+ of 48\\)")
  message(FATAL_ERROR "explore three nodes with quorum and fencing: exit ${rc}\n${out}")
endif()
execute_process(COMMAND ${HALAB} explore ${PAIR} --kinds fence-device-failure RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "\"fence-device-failure\" is not a fault kind this scenario can have")
  message(FATAL_ERROR "explore with a kind that does not apply: exit ${rc}\n${err}")
endif()
