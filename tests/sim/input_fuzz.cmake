# Mutation fuzzing over the shipped scenarios, the example cluster states and a real trace
# (written here by halab run): see scenario/input_fuzz.cpp.
execute_process(COMMAND ${HALAB} run ${ROOT}/scenarios/qf-2a-stonith-static-delay.json --trace ${OUT}/fuzz-seed.jsonl
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not write the seed trace (exit ${rc})")
endif()
file(GLOB scenarios ${ROOT}/scenarios/*.json)
file(GLOB states ${ROOT}/examples/placement/*.json)
execute_process(COMMAND ${FUZZ} --cases ${CASES} --seed 1 --out ${OUT} ${scenarios} ${states} ${OUT}/fuzz-seed.jsonl
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "some mutated inputs crashed, hung or threw (cases written to ${OUT})")
endif()
